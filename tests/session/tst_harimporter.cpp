#include "filesizelimit.h"
#include "sessiontestdata.h"

#include "session/capturereader.h"
#include "session/harimporter.h"
#include "session/sessionfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
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
    void aDiskFullPartwayIsReported_data();
    void aDiskFullPartwayIsReported();
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

void TestHarImporter::aDiskFullPartwayIsReported_data() {
    QTest::addColumn<bool>("existing");
    QTest::newRow("new session") << false;
    QTest::newRow("existing session") << true;
}

void TestHarImporter::aDiskFullPartwayIsReported() {
    QFETCH(bool, existing);
    QTemporaryDir dir;
    QByteArray json(R"({"log":{"version":"1.2","entries":[)");
    for (int i = 0; i < 4000; ++i) {
        json += (i > 0 ? ",\n" : "") +
                QByteArray(R"({"request":{"method":"POST","url":"http://h/n","headers":[],)") +
                R"("postData":{"mimeType":"text/plain","text":")" + QByteArray(1024, 'a' + i % 26) +
                R"("}}})";
    }
    const QString har = writeFile(dir, QStringLiteral("many.har"), json + "]}}");
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<Capture> before = SessionTestData::mixedCaptures();
    if (existing)
        SessionTestData::writeSession(session, before);

    HarImporter importer;
    QString error;
    {
        // room for a few batches of 256 captures, not for 4,000 of them
        FileSizeLimit limit(1536 * 1024);
        QVERIFY(limit.ok());
        QVERIFY(!importer.run(har, session, &error));
    }
    QCOMPARE(importer.failure(), HarImporter::Failure::Session);
    if (!existing) {
        QVERIFY2(error.contains(QLatin1String("nothing was imported and the new session was "
                                              "removed")),
                 qPrintable(error));
        QVERIFY(!QFileInfo::exists(session));
        QVERIFY(!QFileInfo::exists(session + QStringLiteral("-wal")));
        return;
    }
    static const QRegularExpression first(
        QStringLiteral("the first (\\d+) requests were "
                       "imported \\(captures #(\\d+)-#(\\d+)\\)"));
    const QRegularExpressionMatch match = first.match(error);
    QVERIFY2(match.hasMatch(), qPrintable(error));
    const int imported = match.captured(1).toInt();
    QVERIFY(imported > 0 && imported < 4000);
    QCOMPARE(match.captured(2).toInt(), before.size() + 1);
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), before.size() + imported);
    QCOMPARE(stored.constLast().capture.id, match.captured(3).toLongLong());
}

QTEST_GUILESS_MAIN(TestHarImporter)
#include "tst_harimporter.moc"
