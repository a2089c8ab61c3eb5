#include "sessiontestdata.h"

#include "session/captureanalyser.h"
#include "session/capturepipeline.h"
#include "session/sqlitedatabase.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace SessionTestData;

namespace {

constexpr int Wait = 20000;

/// Analysis rows in the file now, read through a connection of its own.
qint64 analysisRows(const QString &path) {
    SqliteDatabase db;
    QString error;
    if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
        return -1;
    return db.queryInt("SELECT count(*) FROM analyses", -1, &error);
}

} // namespace

class TestCapturePipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reanalysisKeepsPaceWithTheJournal();
    void sessionOpenedComesAfterTheAnalysesBeforeIt();
    void recordsIntoAnEmptyFile();
    void recordsCapturesAgainAsNewOnes();
    void aShutdownBeforeTheSessionOpensNeverListens();
};

void TestCapturePipeline::reanalysisKeepsPaceWithTheJournal() {
    // Many more pieces than may be in flight, stored without analyses.
    constexpr int Pieces = CaptureAnalyser::PiecesInFlight * 4;
    constexpr int Count = CaptureAnalyser::ReanalysisBatch * Pieces;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<QByteArray> bodies = sampleBodies();
    QList<Capture> captures;
    for (int n = 0; n < Count; ++n)
        captures.append(webhook(bodies.at(n % bodies.size()), n));
    writeSession(path, captures, [](const AnalysedCapture &) { return false; });
    QCOMPARE(analysisRows(path), 0);

    CapturePipeline pipeline;
    QSignalSpy opened(&pipeline, &CapturePipeline::sessionOpened);
    pipeline.openSession(path);
    QVERIFY(opened.wait(Wait));
    QSignalSpy finished(&pipeline, &CapturePipeline::reanalysisFinished);
    // A piece reaches this thread only once all but the last few before it are in the
    // file: the analyses never pile up in the journal's queue.
    qint64 received = 0;
    qint64 worstLag = 0;
    connect(&pipeline, &CapturePipeline::reanalysed, this,
            [&](const QList<AnalysedCapture> &piece) {
                received += piece.size();
                worstLag = qMax(worstLag, received - analysisRows(path));
            });
    // The journal's first write waits while another connection holds the write lock:
    // were the analyser not held back, every piece would arrive meanwhile.
    SqliteDatabase blocker;
    QString error;
    QVERIFY2(blocker.open(path, SqliteDatabase::Mode::ReadWrite, &error), qPrintable(error));
    QVERIFY2(blocker.exec("BEGIN IMMEDIATE", &error), qPrintable(error));
    QTimer unblock; // goes with this scope, so it never fires on a closed blocker
    unblock.setSingleShot(true);
    connect(&unblock, &QTimer::timeout, this, [&blocker] { blocker.exec("COMMIT", nullptr); });
    unblock.start(500);
    QList<qint64> ids;
    for (qint64 id = 1; id <= Count; ++id)
        ids.append(id);
    pipeline.reanalyse(ids);
    QVERIFY(finished.wait(Wait));
    QCOMPARE(finished.constFirst().at(0).toLongLong(), qint64(Count));
    QCOMPARE(received, qint64(Count));
    QVERIFY2(worstLag <= qint64(CaptureAnalyser::PiecesInFlight) * CaptureAnalyser::ReanalysisBatch,
             qPrintable(QStringLiteral("%1 analyses received but not yet written").arg(worstLag)));
    QTRY_COMPARE_WITH_TIMEOUT(analysisRows(path), qint64(Count), Wait);

    QSignalSpy down(&pipeline, &CapturePipeline::shutDown);
    pipeline.shutdown();
    QVERIFY(down.count() > 0 || down.wait(Wait));
}

void TestCapturePipeline::sessionOpenedComesAfterTheAnalysesBeforeIt() {
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("first.mwsession"));
    const QString second = dir.filePath(QStringLiteral("second.mwsession"));
    CapturePipeline pipeline;
    QSignalSpy opened(&pipeline, &CapturePipeline::sessionOpened);
    pipeline.openSession(first);
    QVERIFY(opened.wait(Wait));
    QSignalSpy listening(&pipeline, &CapturePipeline::listening);
    ListenerConfig config;
    config.port = 0;
    pipeline.startListening(config);
    QVERIFY(listening.wait(Wait));
    const auto port = listening.constFirst().at(1).value<quint16>();

    // Bodies slow enough to decode that the analysis thread is still at them when the
    // listener has switched files (asked for when the first analysis arrives here).
    QByteArray body = "{\"EnterpriseId\":\"e\",\"Events\":[";
    for (int n = 0; n < 4000; ++n)
        body += (n ? "," : "") + QByteArray("{\"Discriminator\":\"ServiceOrderUpdated\",") +
                "\"Value\":{\"Id\":\"" + QByteArray::number(n) + "\"}}";
    body += "]}";
    constexpr int Count = 30;
    bool switched = false;
    int analysed = 0;
    QList<QByteArray> afterSwitch;
    connect(&pipeline, &CapturePipeline::sessionOpened, this,
            [&](const QString &path) { switched = switched || path == second; });
    connect(&pipeline, &CapturePipeline::analysed, this, [&](const QList<AnalysedCapture> &batch) {
        if (analysed == 0)
            pipeline.openSession(second);
        analysed += int(batch.size());
        for (const AnalysedCapture &capture : batch) {
            if (switched)
                afterSwitch.append(capture.capture.path());
        }
    });
    std::vector<std::unique_ptr<QTcpSocket>> senders;
    for (int n = 0; n < Count; ++n) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        QVERIFY(socket->waitForConnected(Wait));
        socket->write("POST /w/" + QByteArray::number(n) +
                      " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body);
        socket->flush();
        senders.push_back(std::move(socket));
    }
    QTRY_VERIFY_WITH_TIMEOUT(analysed == Count && switched, Wait);

    // What the owner gets after sessionOpened() belongs to the session it names.
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(second, SqliteDatabase::Mode::ReadOnly, &error), qPrintable(error));
    for (const QByteArray &path : std::as_const(afterSwitch)) {
        const QByteArray sql = "SELECT count(*) FROM captures WHERE path = '" + path + "'";
        QVERIFY2(db.queryInt(sql.constData(), -1) == 1, path.constData());
    }
}

void TestCapturePipeline::recordsIntoAnEmptyFile() {
    // `--headless --session "$(mktemp)"`: the empty file becomes the session.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mktemp.mwsession"));
    QVERIFY(TestSupport::writeFile(path, {}));
    CapturePipeline pipeline;
    QSignalSpy opened(&pipeline, &CapturePipeline::sessionOpened);
    QSignalSpy failed(&pipeline, &CapturePipeline::sessionFailed);
    pipeline.openSession(path);
    QVERIFY(QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, Wait));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
    QCOMPARE(opened.constFirst().at(0).toString(), path);
}

void TestCapturePipeline::recordsCapturesAgainAsNewOnes() {
    // Captures numbered 40-42 in another file become 3-5 here, after this file's two.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, {webhook("{}", 1), webhook("{}", 2)});
    QList<Capture> elsewhere;
    for (int n = 40; n <= 42; ++n) {
        elsewhere.append(webhook(QByteArray::number(n), n));
        elsewhere.last().id = n;
    }
    CapturePipeline pipeline;
    QSignalSpy opened(&pipeline, &CapturePipeline::sessionOpened);
    pipeline.openSession(path);
    QVERIFY(opened.wait(Wait));
    QSignalSpy analysed(&pipeline, &CapturePipeline::analysed);
    pipeline.recordAgain(elsewhere);
    QVERIFY(analysed.wait(Wait));
    const auto batch = analysed.constFirst().constFirst().value<QList<AnalysedCapture>>();
    QCOMPARE(batch.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(batch.at(i).capture.id, qint64(3 + i));
        QCOMPARE(batch.at(i).capture.body, elsewhere.at(i).body);
        QCOMPARE(batch.at(i).capture.firstByteUtcMs, elsewhere.at(i).firstByteUtcMs);
    }
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(path, SqliteDatabase::Mode::ReadOnly, &error), qPrintable(error));
    QCOMPARE(db.queryInt("SELECT count(*) FROM captures", -1), 5);
    QCOMPARE(db.queryInt("SELECT count(*) FROM payloads WHERE capture_id = 5 AND "
                         "CAST(body AS TEXT) = '42'",
                         -1),
             1);
    QTRY_COMPARE_WITH_TIMEOUT(analysisRows(path), 5, Wait); // their analyses follow
}

void TestCapturePipeline::aShutdownBeforeTheSessionOpensNeverListens() {
    // Ctrl+C at start-up, while the session file is still being opened: the owner starts
    // the listener when sessionOpened() comes, which may be after the shutdown.
    QTemporaryDir dir;
    CapturePipeline pipeline;
    QSignalSpy opened(&pipeline, &CapturePipeline::sessionOpened);
    QSignalSpy down(&pipeline, &CapturePipeline::shutDown);
    QSignalSpy listening(&pipeline, &CapturePipeline::listening);
    connect(&pipeline, &CapturePipeline::sessionOpened, this, [&pipeline] {
        ListenerConfig config;
        config.bindAddress = QHostAddress::LocalHost;
        config.port = 0;
        pipeline.startListening(config);
    });
    pipeline.openSession(dir.filePath(QStringLiteral("s.mwsession")));
    pipeline.shutdown();
    QVERIFY(QTest::qWaitFor([&] { return !down.isEmpty() && !opened.isEmpty(); }, Wait));
    QVERIFY(!pipeline.isListening());
    QVERIFY(!listening.wait(300)); // nothing on its way either
}

QTEST_GUILESS_MAIN(TestCapturePipeline)
#include "tst_capturepipeline.moc"
