#include "sessiontestdata.h"

#include "session/capturereader.h"
#include "session/harimporter.h"
#include "session/sessionfile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestHarImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void importsAnalysedCapturesIntoANewPrivateFile();
    void appendsToAnExistingSession();
    void whatIsNotHarLeavesNoSession();
    void noRequestEntriesLeavesNoSession();
    void anUnwritableSessionIsASessionFailure();
};

namespace {

QList<AnalysedCapture> readAll(const QString &path) {
    CaptureReader reader;
    QString error;
    QList<AnalysedCapture> all;
    if (!reader.open(path, &error) || !reader.forEach(
                                          {},
                                          [&](const AnalysedCapture &capture) {
                                              all.append(capture);
                                              return true;
                                          },
                                          &error))
        qWarning("%s", qPrintable(error));
    return all;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QString chromeHar() {
    return TestSupport::dataPath(QStringLiteral("har/chrome-devtools.har"));
}

} // namespace

void TestHarImporter::importsAnalysedCapturesIntoANewPrivateFile() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("new.mwsession"));
    HarImporter importer;
    QString error;
    const std::optional<HarReader::Summary> summary = importer.run(chromeHar(), session, &error);
    QVERIFY2(summary, qPrintable(error));
    QVERIFY(importer.openedSession());
    QCOMPARE(importer.failure(), HarImporter::Failure::None);
    const std::optional<HarImport> expected = HarReader::readFile(chromeHar(), &error);
    QVERIFY(expected);
    QCOMPARE(summary->captures, expected->captures.size());
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), expected->captures.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
        QVERIFY(stored.at(i).analysed);
        QCOMPARE(stored.at(i).capture.origin, CaptureOrigin::HarImport);
        QCOMPARE(stored.at(i).capture.body, expected->captures.at(i).body);
        QCOMPARE(stored.at(i).capture.target, expected->captures.at(i).target);
    }
    QCOMPARE(QFileInfo(session).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
}

void TestHarImporter::appendsToAnExistingSession() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("old.mwsession"));
    const QList<Capture> before = SessionTestData::mixedCaptures();
    SessionTestData::writeSession(session, before);
    HarImporter importer;
    QString error;
    const std::optional<HarReader::Summary> summary = importer.run(chromeHar(), session, &error);
    QVERIFY2(summary, qPrintable(error));
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), before.size() + summary->captures);
    QCOMPARE(stored.constFirst().capture.body, before.constFirst().body);
    QCOMPARE(stored.constLast().capture.origin, CaptureOrigin::HarImport);
}

void TestHarImporter::whatIsNotHarLeavesNoSession() {
    QTemporaryDir dir;
    const QString har =
        writeFile(dir, QStringLiteral("cut.har"), R"({"log":{"entries":[{"request":{)");
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    HarImporter importer;
    QString error;
    QVERIFY(!importer.run(har, session, &error));
    QCOMPARE(importer.failure(), HarImporter::Failure::Har);
    QVERIFY2(error.contains(QLatin1String("Not a HAR file")), qPrintable(error));
    QVERIFY(!importer.openedSession());
    QVERIFY(!QFileInfo::exists(session));
}

void TestHarImporter::noRequestEntriesLeavesNoSession() {
    QTemporaryDir dir;
    const QString har = writeFile(dir, QStringLiteral("empty.har"), R"({"log":{"entries":[]}})");
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    HarImporter importer;
    QString error;
    const std::optional<HarReader::Summary> summary = importer.run(har, session, &error);
    QVERIFY2(summary, qPrintable(error));
    QCOMPARE(summary->captures, 0);
    QVERIFY(!importer.openedSession());
    QVERIFY(!QFileInfo::exists(session));
}

void TestHarImporter::anUnwritableSessionIsASessionFailure() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("no/such/folder/s.mwsession"));
    HarImporter importer;
    QString error;
    QVERIFY(!importer.run(chromeHar(), session, &error));
    QCOMPARE(importer.failure(), HarImporter::Failure::Session);
    QVERIFY2(!error.isEmpty() && !error.contains(QLatin1String("Not a HAR file")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHarImporter)
#include "tst_harimporter.moc"
