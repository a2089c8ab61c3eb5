#include "sessiontestdata.h"

#include "gzipdata.h"
#include "session/captureanalyser.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

constexpr int Wait = 20000;

/// A session file of count captures stored without analyses; their ids.
QList<qint64> sessionToAnalyse(const QString &path, int count) {
    QList<Capture> captures;
    const QList<QByteArray> bodies = sampleBodies();
    for (int n = 1; n <= count; ++n)
        captures.append(webhook(bodies.at(n % bodies.size()), n));
    QList<qint64> ids;
    for (const AnalysedCapture &analysed :
         writeSession(path, captures, [](const AnalysedCapture &) { return false; }))
        ids.append(analysed.capture.id);
    return ids;
}

/// An analyser with spies on its reanalysis signals, and a directory for its sessions.
struct AnalyserRun {
    QTemporaryDir dir;
    CaptureAnalyser analyser;
    QSignalSpy pieces{&analyser, &CaptureAnalyser::reanalysed};
    QSignalSpy finished{&analyser, &CaptureAnalyser::reanalysisFinished};

    QString path(const char *name) const { return dir.filePath(QLatin1String(name)); }
    /// The number of captures the finished run at index i reports as analysed.
    qint64 finishedCount(int i) const { return finished.at(i).at(0).toLongLong(); }
    void applyPiecesInFlight() {
        for (int i = 0; i < CaptureAnalyser::PiecesInFlight; ++i)
            analyser.pieceApplied();
    }
};

} // namespace

class TestCaptureAnalyser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reanalysisWaitsForItsConsumer();
    void liveBatchesTakeTheirTurn();
    void anotherSessionStopsTheRun();
    void cancelStops();
    void analysisCarriesTheBodyDigest();
    void aMethodOtherThanPostIsAWarning_data();
    void aMethodOtherThanPostIsAWarning();
    void contentEncodingIsTakenOff_data();
    void contentEncodingIsTakenOff();
};

void TestCaptureAnalyser::reanalysisWaitsForItsConsumer() {
    AnalyserRun run;
    const QSignalSpy &pieces = run.pieces;
    const QSignalSpy &finished = run.finished;
    const QString path = run.path("s.mwsession");
    const int count = CaptureAnalyser::ReanalysisBatch * 6 + 7;
    const QList<qint64> ids = sessionToAnalyse(path, count);
    run.analyser.reanalyse(path, ids);
    // Nobody applies the pieces: no more than PiecesInFlight come.
    QTRY_COMPARE_WITH_TIMEOUT(pieces.size(), CaptureAnalyser::PiecesInFlight, Wait);
    QTest::qWait(200);
    QCOMPARE(pieces.size(), CaptureAnalyser::PiecesInFlight);
    QVERIFY(finished.isEmpty());
    // Each applied piece lets one more through, until all are done.
    for (int applied = 0; finished.isEmpty() && applied < 100; ++applied) {
        run.analyser.pieceApplied();
        QTRY_VERIFY_WITH_TIMEOUT(
            pieces.size() > applied + CaptureAnalyser::PiecesInFlight || !finished.isEmpty(), Wait);
    }
    QCOMPARE(finished.size(), 1);
    QCOMPARE(run.finishedCount(0), qint64(count));
    QVERIFY(finished.at(0).at(1).toString().isEmpty());
    QList<qint64> seen;
    for (const QList<QVariant> &piece : std::as_const(pieces)) {
        QCOMPARE(piece.at(0).toString(), path);
        const auto batch = piece.at(1).value<QList<AnalysedCapture>>();
        QVERIFY(batch.size() <= CaptureAnalyser::ReanalysisBatch);
        for (const AnalysedCapture &analysed : batch) {
            seen.append(analysed.capture.id);
            QCOMPARE(analysed.analysis.summary(), analyse(analysed.capture).analysis.summary());
        }
    }
    QCOMPARE(seen, ids);
}

void TestCaptureAnalyser::liveBatchesTakeTheirTurn() {
    AnalyserRun run;
    CaptureAnalyser &analyser = run.analyser;
    const QString path = run.path("s.mwsession");
    const QList<qint64> ids = sessionToAnalyse(path, CaptureAnalyser::ReanalysisBatch * 3);
    QSignalSpy live(&analyser, &CaptureAnalyser::analysed);
    // Applied at once, as the window does.
    connect(&analyser, &CaptureAnalyser::reanalysed, &analyser, &CaptureAnalyser::pieceApplied,
            Qt::QueuedConnection);
    analyser.reanalyse(path, ids);
    // A live batch queued after the reanalysis started is analysed before it ends.
    QMetaObject::invokeMethod(
        &analyser, [&analyser] { analyser.analyseBatch({webhook("{}", 1)}); },
        Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(run.finished.size(), 1, Wait);
    QCOMPARE(live.size(), 1);
    QVERIFY(live.at(0).at(0).value<QList<AnalysedCapture>>().size() == 1);
    QCOMPARE(run.finishedCount(0), qint64(ids.size()));
}

void TestCaptureAnalyser::anotherSessionStopsTheRun() {
    AnalyserRun run;
    const QString first = run.path("a.mwsession");
    const QString second = run.path("b.mwsession");
    const QList<qint64> firstIds = sessionToAnalyse(first, CaptureAnalyser::ReanalysisBatch * 8);
    const QList<qint64> secondIds = sessionToAnalyse(second, 5);
    run.analyser.reanalyse(first, firstIds);
    QTRY_COMPARE_WITH_TIMEOUT(run.pieces.size(), CaptureAnalyser::PiecesInFlight, Wait);
    run.analyser.reanalyse(second, secondIds); // the first session is closed
    QCOMPARE(run.finished.size(), 1);
    QVERIFY(run.finishedCount(0) < firstIds.size());
    run.applyPiecesInFlight();
    QTRY_COMPARE_WITH_TIMEOUT(run.finished.size(), 2, Wait);
    QCOMPARE(run.finishedCount(1), qint64(secondIds.size()));
    QCOMPARE(run.pieces.constLast().at(0).toString(), second);
}

void TestCaptureAnalyser::cancelStops() {
    AnalyserRun run;
    const QString path = run.path("s.mwsession");
    const QList<qint64> ids = sessionToAnalyse(path, CaptureAnalyser::ReanalysisBatch * 8);
    run.analyser.reanalyse(path, ids);
    QTRY_VERIFY_WITH_TIMEOUT(!run.pieces.isEmpty(), Wait);
    run.analyser.cancelReanalysis();
    run.applyPiecesInFlight();
    QTRY_COMPARE_WITH_TIMEOUT(run.finished.size(), 1, Wait);
    QVERIFY(run.finishedCount(0) < ids.size());
    QTest::qWait(100);
    QVERIFY(run.pieces.size() <= CaptureAnalyser::PiecesInFlight + 1);
}

void TestCaptureAnalyser::analysisCarriesTheBodyDigest() {
    // Worked out once here, on the analysis thread; the journal and the index use it.
    const CaptureAnalyser analyser;
    const Capture message =
        webhook(TestSupport::readData(QStringLiteral("samples/general-MessageAdded.json")), 1);
    QCOMPARE(analyser.analyse(message).bodyDigest, BodyDigest::of(message.body));
    QVERIFY(analyser.analyse(message).bodyDigest != 0);
    QCOMPARE(analyser.analyse(webhook(QByteArray(), 2)).bodyDigest, 0u);
}

void TestCaptureAnalyser::aMethodOtherThanPostIsAWarning_data() {
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("warned");
    const QString general = QStringLiteral("samples/general-MessageAdded.json");
    const QString integration = QStringLiteral("samples/integration-IntegrationCreated.json");
    QTest::newRow("POST") << general << QByteArray("POST") << false;
    QTest::newRow("PUT, General") << general << QByteArray("PUT") << true;
    QTest::newRow("GET, Integration") << integration << QByteArray("GET") << true;
    QTest::newRow("no method (unparsed)") << general << QByteArray() << false;
    QTest::newRow("PUT, not a webhook")
        << QStringLiteral("har/charles.har") << QByteArray("PUT") << false;
}

// Mews sends every webhook as a POST (REFERENCE.md §1): a Mews body sent otherwise does not
// keep the delivery contract, though the body itself may.
void TestCaptureAnalyser::aMethodOtherThanPostIsAWarning() {
    QFETCH(QString, sample);
    QFETCH(QByteArray, method);
    QFETCH(bool, warned);
    Capture capture = webhook(TestSupport::readData(sample), 1);
    capture.method = method;
    const MewsAnalysis analysis = CaptureAnalyser().analyse(capture).analysis;
    QStringList methodFindings;
    for (const ContractFinding &finding : analysis.findings) {
        if (finding.message.contains(u"POST"))
            methodFindings << finding.message;
    }
    QCOMPARE(methodFindings.size(), warned ? 1 : 0);
    if (warned) {
        QVERIFY2(methodFindings.first().startsWith(u"Sent with " + QString::fromLatin1(method)),
                 qPrintable(methodFindings.first()));
        QCOMPARE(analysis.count(FindingSeverity::Warning) > 0, true);
        QVERIFY(analysis.contractState() != ContractState::Ok);
    }
}

void TestCaptureAnalyser::contentEncodingIsTakenOff_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<FindingSeverity>("severity");
    QTest::addColumn<QString>("finding");
    const QByteArray sample =
        TestSupport::readData(QStringLiteral("samples/general-MessageAdded.json"));
    const QByteArray gzip = GzipData::compressed(sample);
    QTest::newRow("gzip") << gzip << QByteArray("gzip") << WebhookKind::General
                          << FindingSeverity::Note
                          << QStringLiteral(
                                 "The body arrived with Content-Encoding: gzip (%1 bytes) "
                                 "and is read and checked decompressed (%2 bytes).")
                                 .arg(gzip.size())
                                 .arg(sample.size());
    QTest::newRow("plain JSON said to be gzip")
        << sample << QByteArray("gzip") << WebhookKind::General << FindingSeverity::Error
        << QStringLiteral("The body arrived with Content-Encoding: gzip, but it is not valid gzip "
                          "data (incorrect header check), so it is read as it arrived.");
    QTest::newRow("br") << gzip << QByteArray("br") << WebhookKind::InvalidJson
                        << FindingSeverity::Warning
                        << QStringLiteral("The body arrived with Content-Encoding: br, and this "
                                          "inspector does not decode the br coding");
}

// A compressed webhook is checked as the JSON it carries; a coding that cannot be taken
// off says so first, above what the body read as it arrived gives.
void TestCaptureAnalyser::contentEncodingIsTakenOff() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentEncoding);
    QFETCH(WebhookKind, kind);
    QFETCH(FindingSeverity, severity);
    QFETCH(QString, finding);
    Capture capture = webhook(body, 1);
    capture.headers.append(HeaderField{"Content-Encoding", contentEncoding});
    const AnalysedCapture result = CaptureAnalyser().analyse(capture);
    QCOMPARE(result.capture.body, body); // the capture keeps the bytes as they arrived
    QCOMPARE(result.bodyDigest, BodyDigest::of(body));
    QCOMPARE(result.analysis.kind, kind);
    QVERIFY(!result.analysis.findings.isEmpty());
    const ContractFinding &first = result.analysis.findings.constFirst();
    QCOMPARE(first.severity, severity);
    QVERIFY2(first.message.startsWith(finding), qPrintable(first.message));
    if (kind == WebhookKind::General)
        QCOMPARE(result.analysis.events.size(), 1); // the sample's MessageAdded
}

QTEST_GUILESS_MAIN(TestCaptureAnalyser)
#include "tst_captureanalyser.moc"
