#include "filesizelimit.h"
#include "sessiontestdata.h"

#include "session/captureindex.h"
#include "session/capturereader.h"
#include "session/harimporter.h"
#include "session/sessionfile.h"

#include <QDir>
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
    void decompressedTextIsReadAsStored();
    void importsIntoAnEmptyFile();
    void whatIsNotHarLeavesNoSession();
    void noRequestEntriesLeavesNoSession();
    void anUnwritableSessionIsASessionFailure();
    void aDiskFullPartwayIsReported_data();
    void aDiskFullPartwayIsReported();
    void aCancelledImportImportsNothing_data();
    void aCancelledImportImportsNothing();
    void aStatusOutOfRangeIsNoResponse_data();
    void aStatusOutOfRangeIsNoResponse();
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

// mitmproxy's savehar writes a gzip request's text decompressed and keeps its
// Content-Encoding field: the webhook is read as that text, with a note, not as a body
// that is not gzip data.
void TestHarImporter::decompressedTextIsReadAsStored() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("mitmproxy.mwsession"));
    HarImporter importer;
    QString error;
    const QString har = TestSupport::dataPath(QStringLiteral("har/mitmproxy-gzip.har"));
    QVERIFY2(importer.run(har, session, &error), qPrintable(error));
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), 1);
    const AnalysedCapture &capture = stored.constFirst();
    QCOMPARE(capture.capture.headerValue("Content-Encoding"), QByteArray("gzip"));
    QVERIFY(capture.capture.body.startsWith("{\"EnterpriseId\""));
    QCOMPARE(capture.analysis.kind, WebhookKind::General);
    QCOMPARE(capture.analysis.events.size(), 1);
    QVERIFY(!capture.analysis.findings.isEmpty());
    const ContractFinding &first = capture.analysis.findings.constFirst();
    QCOMPARE(first.severity, FindingSeverity::Note);
    QVERIFY2(first.message.contains(QLatin1String("mitmproxy")), qPrintable(first.message));
    for (const ContractFinding &finding : capture.analysis.findings)
        QVERIFY2(finding.severity != FindingSeverity::Error, qPrintable(finding.message));
}

void TestHarImporter::importsIntoAnEmptyFile() {
    // `--session "$(mktemp)"`: an empty file is a new session, not a foreign file.
    QTemporaryDir dir;
    const QString session = writeFile(dir, QStringLiteral("mktemp.mwsession"), QByteArray());
    HarImporter importer;
    QString error;
    const std::optional<HarReader::Summary> summary = importer.run(chromeHar(), session, &error);
    QVERIFY2(summary, qPrintable(error));
    QVERIFY(summary->captures > 0);
    QCOMPARE(readAll(session).size(), summary->captures);
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
    // All or nothing: no part of the import is in the session.
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral(".*.tmp*")}, QDir::Files | QDir::Hidden),
             QStringList());
    if (!existing) {
        QVERIFY2(error.contains(QLatin1String("nothing was imported, and no session was made")),
                 qPrintable(error));
        QVERIFY(!QFileInfo::exists(session));
        QVERIFY(!QFileInfo::exists(session + QStringLiteral("-wal")));
        return;
    }
    QVERIFY2(error.contains(QLatin1String("nothing was imported, ") + session +
                            QLatin1String(" is as it was")),
             qPrintable(error));
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), before.size());
}

void TestHarImporter::aCancelledImportImportsNothing_data() {
    QTest::addColumn<bool>("existing");
    QTest::addColumn<int>("cancelAt"); ///< the cancel test's call that says stop
    QTest::newRow("new session, partway") << false << 3;
    QTest::newRow("existing session, partway") << true << 3;
    QTest::newRow("existing session, at the end") << true << 5;
}

void TestHarImporter::aCancelledImportImportsNothing() {
    QFETCH(bool, existing);
    QFETCH(int, cancelAt);
    QTemporaryDir dir;
    QByteArray json(R"({"log":{"version":"1.2","entries":[)");
    // 4 batches of 256: the test is asked before each and once more at the end
    for (int i = 0; i < 4 * 256; ++i) {
        json += (i > 0 ? ",\n" : "") +
                QByteArray(R"({"request":{"method":"POST","url":"http://h/n","headers":[],)") +
                R"("postData":{"mimeType":"application/json","text":"{}"}}})";
    }
    const QString har = writeFile(dir, QStringLiteral("many.har"), json + "]}}");
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<Capture> before = SessionTestData::mixedCaptures();
    if (existing)
        SessionTestData::writeSession(session, before);
    int asked = 0;
    HarImporter importer;
    importer.setCancelled([&] { return ++asked >= cancelAt; });
    QString error;
    QVERIFY(!importer.run(har, session, &error));
    QCOMPARE(asked, cancelAt);
    QCOMPARE(importer.failure(), HarImporter::Failure::Cancelled);
    QVERIFY2(error.contains(QLatin1String("interrupted")), qPrintable(error));
    QCOMPARE(QFileInfo::exists(session), existing);
    if (existing) {
        QCOMPARE(readAll(session).size(), before.size());
        QString inspectError;
        const std::optional<SessionInfo> info = SessionFile::inspect(session, &inspectError);
        QVERIFY2(info, qPrintable(inspectError));
        QVERIFY(info->cleanShutdown);
        QVERIFY(!SessionFile::isInUse(session));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             existing ? QStringList({QStringLiteral("many.har"), QStringLiteral("s.mwsession")})
                      : QStringList({QStringLiteral("many.har")}));

    // Not cancelled, the same import is whole.
    HarImporter whole;
    whole.setCancelled([] { return false; });
    QVERIFY2(whole.run(har, session, &error), qPrintable(error));
    QCOMPARE(readAll(session).size(), (existing ? before.size() : 0) + 4 * 256);
}

void TestHarImporter::aStatusOutOfRangeIsNoResponse_data() {
    QTest::addColumn<QByteArray>("given"); // as the HAR writes it
    QTest::addColumn<int>("status");
    QTest::addColumn<ResponseRecord>("record");
    QTest::addColumn<bool>("noted");
    QTest::newRow("-1") << QByteArray("-1") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("0") << QByteArray("0") << 0 << ResponseRecord::NotInHar << false;
    QTest::newRow("null") << QByteArray("null") << 0 << ResponseRecord::NotInHar << false;
    QTest::newRow("42") << QByteArray("42") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("99") << QByteArray("99") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("1000") << QByteArray("1000") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("text") << QByteArray(R"("200")") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("a fraction") << QByteArray("200.5") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("true") << QByteArray("true") << 0 << ResponseRecord::NotInHar << true;
    QTest::newRow("200") << QByteArray("200") << 200 << ResponseRecord::Answered << false;
}

// HAR writers put -1 or 0 for "no response": the capture, its index row and the session
// file all read any status outside 100-999 as no response recorded.
void TestHarImporter::aStatusOutOfRangeIsNoResponse() {
    QFETCH(QByteArray, given);
    QFETCH(int, status);
    QFETCH(ResponseRecord, record);
    QFETCH(bool, noted);
    QTemporaryDir dir;
    const QString har = writeFile(
        dir, QStringLiteral("status.har"),
        QByteArray(R"({"log":{"entries":[{"request":{"method":"POST","url":"http://h/n"},)") +
            R"("response":{"status":)" + given + "}}]}}");
    QString error;
    const std::optional<HarImport> read = HarReader::readFile(har, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->captures.size(), 1);
    Capture capture = read->captures.constFirst();
    QCOMPARE(capture.response.status, status);
    QCOMPARE(capture.responseRecord(), record);
    capture.id = 1;
    CaptureIndex index;
    QVERIFY(index.append(AnalysedCapture{capture, {}, false, 0, false}));
    QCOMPARE(index.row(0).responseRecord(), record);

    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    HarImporter importer;
    const std::optional<HarReader::Summary> summary = importer.run(har, session, &error);
    QVERIFY2(summary, qPrintable(error));
    const QStringList notes = summary->warnings.filter(QStringLiteral("response status"));
    QCOMPARE(notes.size(), noted ? 1 : 0);
    if (noted)
        QVERIFY2(
            notes.constFirst().startsWith(
                QStringLiteral("entry 0: response status %1 ").arg(QString::fromUtf8(given))) &&
                notes.constFirst().contains(QLatin1String("no response recorded")),
            qPrintable(notes.constFirst()));
    const QList<AnalysedCapture> stored = readAll(session);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.constFirst().capture.response.status, status);
    QCOMPARE(stored.constFirst().capture.responseRecord(), record);
    for (const ContractFinding &finding : stored.constFirst().analysis.findings)
        QVERIFY2(!finding.message.contains(QLatin1String("damaged")), qPrintable(finding.message));
}

QTEST_GUILESS_MAIN(TestHarImporter)
#include "tst_harimporter.moc"
