#include "filesizelimit.h"
#include "sessiontestdata.h"

#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/capturereader.h"

#include "http/listenerconfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace SessionTestData;

namespace {

QList<AnalysedCapture> readAll(const QString &path, bool analyseMissing = false) {
    CaptureReader reader;
    reader.setAnalyseMissing(analyseMissing);
    QString error;
    if (!reader.open(path, &error))
        qFatal("cannot reopen %s: %s", qPrintable(path), qPrintable(error));
    QList<AnalysedCapture> all;
    if (!reader.forEach(
            {},
            [&](const AnalysedCapture &c) {
                all.append(c);
                return true;
            },
            &error))
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(error));
    return all;
}

/// count captures of the same General webhook, numbered from 0.
QList<Capture> mixedSamples(int count) {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    QList<Capture> captures;
    for (int n = 0; n < count; ++n)
        captures.append(webhook(body, n));
    return captures;
}

} // namespace

class TestCaptureJournal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitAssignsIdsInArrivalOrder_data();
    void commitAssignsIdsInArrivalOrder();
    void analysesAreWrittenOnTheNextPass();
    void analysesWaitForTheTimerWhileFew();
    void aFullBatchOfAnalysesRidesAlongWithTheNextCommit();
    void closeFlushesQueuedAnalysesAndMarksClean();
    void theLargestRequestTheListenerAcceptsIsStored();
    void aCaptureTooBigForTheFileIsRefusedAlone_data();
    void aCaptureTooBigForTheFileIsRefusedAlone();
    void reanalysesAreDoneOnceWrittenOrDropped();
    void reopenContinuesIds();
    void commitWithoutOpenFileFails();
    void fullDiskKeepsCapturesAndRetries();
    void aDamagedFileSaysSoAndNamesTheSalvage();
    void closeOnAFullDiskLeavesNoTimerRunning();
    void amendedResponseIsRecorded();
    void clearKeepsIdsGrowing();
    void committedCapturesSurviveKillMinus9();
    void durabilityFullIsApplied();
};

void TestCaptureJournal::commitAssignsIdsInArrivalOrder_data() {
    QTest::addColumn<QList<int>>("batches");
    QTest::newRow("one by one") << QList<int>{1, 1, 1, 1};
    QTest::newRow("group commits") << QList<int>{16, 3, 64};
    QTest::newRow("empty pass") << QList<int>{0, 2, 0};
}

void TestCaptureJournal::commitAssignsIdsInArrivalOrder() {
    QFETCH(QList<int>, batches);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);

    QList<Capture> sent;
    int n = 0;
    for (int size : batches) {
        QList<Capture> batch;
        for (int i = 0; i < size; ++i) {
            ++n;
            batch.append(webhook(QByteArray("{\"n\":") + QByteArray::number(n) + '}', n));
        }
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
        for (const Capture &c : batch) {
            QCOMPARE(c.id, qint64(sent.size() + 1));
            sent.append(c);
        }
    }
    QVERIFY(journal.close(&error));
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), sent.size());
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(stored.at(i).capture, sent.at(i));
        QVERIFY(!stored.at(i).analysed);
    }
    // A reader told to analyse what the file lacks gives the analysis the decoder would.
    const QList<AnalysedCapture> completed = readAll(path, true);
    QCOMPARE(completed.size(), sent.size());
    const CaptureAnalyser analyser;
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(completed.at(i).capture, sent.at(i));
        QVERIFY(completed.at(i).analysed);
        const AnalysedCapture fresh = analyser.analyse(sent.at(i));
        QCOMPARE(completed.at(i).analysis.kind, fresh.analysis.kind);
        // The analyser works the summary out once, for the journal, index and output.
        QVERIFY(!fresh.analysis.summaryMemo.text.isNull());
        QCOMPARE(fresh.analysis.summaryMemo.text, fresh.analysis.composeSummary());
        QCOMPARE(completed.at(i).analysis.kind, WebhookKind::OtherJson);
    }
}

void TestCaptureJournal::analysesAreWrittenOnTheNextPass() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch = mixedCaptures();
    QVERIFY(journal.commit(batch, &error));
    const QList<AnalysedCapture> analysed = analyse(batch);
    // As the analysis thread would: a queued call.
    QMetaObject::invokeMethod(&journal, "addAnalyses", Qt::QueuedConnection,
                              Q_ARG(QList<AnalysedCapture>, analysed));
    QCOMPARE(journal.queuedAnalysisCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(readAll(path).constLast().analysed, true, 5000);
    QCOMPARE(journal.queuedAnalysisCount(), 0);
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored, analysed);
}

void TestCaptureJournal::analysesWaitForTheTimerWhileFew() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> first{
        webhook(TestSupport::readData(QStringLiteral("samples/general-mixed.json")), 1)};
    QVERIFY(journal.commit(first, &error));
    journal.addAnalyses(analyse(first));
    QList<Capture> second{webhook("{}", 2)};
    QVERIFY(journal.commit(second, &error));
    // One analysis would cost the commit a page of its own: it waits.
    QCOMPARE(journal.queuedAnalysisCount(), 1);
    QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 2);
    QVERIFY(!stored.at(0).analysed);
    QTRY_COMPARE_WITH_TIMEOUT(journal.queuedAnalysisCount(), 0,
                              CaptureJournal::AnalysisDelayMs + 5000);
    stored = readAll(path);
    QCOMPARE(stored.at(0), analyse(first).constFirst());
    QVERIFY(!stored.at(1).analysed);
}

void TestCaptureJournal::aFullBatchOfAnalysesRidesAlongWithTheNextCommit() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch = mixedSamples(CaptureJournal::AnalysisBatchRows);
    QVERIFY(journal.commit(batch, &error));
    journal.addAnalyses(analyse(batch));
    QCOMPARE(journal.queuedAnalysisCount(), CaptureJournal::AnalysisBatchRows);
    QList<Capture> next{webhook("{}", 1000)};
    QVERIFY(journal.commit(next, &error)); // no event loop pass in between
    QCOMPARE(journal.queuedAnalysisCount(), 0);
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), batch.size() + 1);
    QCOMPARE(stored.mid(0, batch.size()), analyse(batch));
    QVERIFY(!stored.constLast().analysed);
}

// The listener's bounds keep every request it accepts storable: the largest head, target,
// body and response body together fit in one SQLite row. Past SQLite's row limit the write
// failed, and the journal answered that request and every one after it with 503.
void TestCaptureJournal::theLargestRequestTheListenerAcceptsIsStored() {
    const ListenerConfig limits;
    Capture largest = webhook(QByteArray(ListenerConfig::MaxBodyLimit, '7'), 1,
                              '/' + QByteArray(limits.maxTargetBytes - 1, 't'));
    largest.rawHead = QByteArray(limits.maxHeadBytes, 'h');
    largest.response.body = QByteArray(ListenerConfig::MaxResponseBodyBytes, 'r');
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("largest.mwsession"));
    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QList<Capture> batch{largest};
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
        QVERIFY2(journal.close(&error), qPrintable(error));
    }
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 1);
    const Capture &read = stored.first().capture;
    QCOMPARE(read.body.size(), largest.body.size());
    QVERIFY(read.body == largest.body); // QCOMPARE would print 900 MiB on failure
    QVERIFY(read.rawHead == largest.rawHead);
    QVERIFY(read.response.body == largest.response.body);
}

void TestCaptureJournal::aCaptureTooBigForTheFileIsRefusedAlone_data() {
    QTest::addColumn<CaptureOrigin>("origin");
    QTest::addColumn<int>("answered"); // the status the oversized capture ends with
    QTest::newRow("from the listener: answered 413") << CaptureOrigin::Listener << 413;
    QTest::newRow("from a HAR file: keeps its response") << CaptureOrigin::HarImport << 200;
}

void TestCaptureJournal::aCaptureTooBigForTheFileIsRefusedAlone() {
    QFETCH(CaptureOrigin, origin);
    QFETCH(int, answered);
    constexpr int Largest = 64 * 1024;
    QList<Capture> batch = mixedSamples(3);
    batch[1].body = QByteArray(Largest + 1, 'x');
    for (Capture &capture : batch)
        capture.origin = origin;
    const Capture small = batch[0];
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        journal.setLargestValueBytes(Largest);
        QList<qsizetype> refused;
        QVERIFY2(journal.commit(batch, &error, &refused), qPrintable(error));
        QCOMPARE(refused, QList<qsizetype>{1}); // the listener sends what it was answered
        // The others are written; nothing waits in memory or holds up later commits.
        QCOMPARE(journal.unwrittenCaptureCount(), 0);
        QCOMPARE(journal.lastError(), QString());
        QList<Capture> later = mixedSamples(1);
        QVERIFY2(journal.commit(later, &error), qPrintable(error));
        QVERIFY2(journal.close(&error), qPrintable(error));
    }
    QVERIFY(batch[0].rejection.isEmpty());
    QVERIFY(batch[2].rejection.isEmpty());
    QVERIFY2(batch[1].rejection.startsWith(QLatin1String("not stored in full: ")),
             qPrintable(batch[1].rejection));
    QVERIFY2(batch[1].rejection.contains(QLatin1String("too big")), qPrintable(batch[1].rejection));
    QCOMPARE(batch[1].response.status, answered);

    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 4);
    QCOMPARE(stored[0].capture.body, small.body);
    QCOMPARE(stored[0].capture.rawHead, small.rawHead);
    QCOMPARE(stored[1].capture.id, batch[1].id);
    QVERIFY(stored[1].capture.body.isEmpty());
    QVERIFY(stored[1].capture.rawHead.isEmpty());
    QCOMPARE(stored[1].capture.rejection, batch[1].rejection);
    QCOMPARE(stored[1].capture.response.status, answered);
    QCOMPARE(stored[1].capture.method, small.method);
    QCOMPARE(stored[1].capture.headers, small.headers);
    QCOMPARE(stored[3].capture.id, batch[2].id + 1);
}

void TestCaptureJournal::closeFlushesQueuedAnalysesAndMarksClean() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> batch = mixedCaptures();
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY(journal.commit(batch, &error));
        QVERIFY(!SessionFile::inspect(path, &error)->cleanShutdown);
        journal.addAnalyses(analyse(batch));
        // destroyed without an event loop pass: the destructor must write them
    }
    QString error;
    const std::optional<SessionInfo> info = SessionFile::inspect(path, &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->cleanShutdown);
    QCOMPARE(info->captureCount, batch.size());
    QCOMPARE(info->unanalysedCount, 0);
    QCOMPARE(readAll(path), analyse(batch));
}

void TestCaptureJournal::reanalysesAreDoneOnceWrittenOrDropped() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch = mixedSamples(12);
    QVERIFY(journal.commit(batch, &error));
    const QList<AnalysedCapture> analysed = analyse(batch);
    QSignalSpy done(&journal, &CaptureJournal::reanalysesDone);

    // For another file: dropped, and done at once.
    journal.addReanalyses(dir.filePath(QStringLiteral("other.mwsession")), analysed.mid(0, 2));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toLongLong(), 2);
    QCOMPARE(journal.queuedAnalysisCount(), 0);

    // Done once written; live analyses are not counted.
    journal.addAnalyses(analysed.mid(2, 2));
    journal.addReanalyses(path, analysed.mid(4, 4));
    QCOMPARE(done.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, CaptureJournal::AnalysisDelayMs + 5000);
    QCOMPARE(done.at(1).at(0).toLongLong(), 4);
    const QList<AnalysedCapture> stored = readAll(path);
    for (qsizetype i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).analysed, i >= 2 && i < 8);

    // Queued when the session is cleared, or closed: done either way.
    journal.addReanalyses(path, analysed.mid(8, 3));
    QVERIFY2(journal.clear(&error), qPrintable(error));
    QCOMPARE(done.size(), 3);
    QCOMPARE(done.at(2).at(0).toLongLong(), 3);
    journal.addReanalyses(path, analysed.mid(11, 1));
    QVERIFY2(journal.close(&error), qPrintable(error));
    QCOMPARE(done.size(), 4);
    QCOMPARE(done.at(3).at(0).toLongLong(), 1);
}

void TestCaptureJournal::reopenContinuesIds() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QString error;
    {
        CaptureJournal journal;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QList<Capture> batch{webhook("{}", 1), webhook("{}", 2)};
        QVERIFY(journal.commit(batch, &error));
    }
    CaptureJournal journal;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch{webhook("{}", 3)};
    QVERIFY(journal.commit(batch, &error));
    QCOMPARE(batch.constFirst().id, 3);
    // A second writer on the same file is refused.
    CaptureJournal second;
    QVERIFY(!second.open(path, SessionFile::Durability::Normal, &error));
    QVERIFY2(error.contains(QLatin1String("already open")), qPrintable(error));
}

void TestCaptureJournal::commitWithoutOpenFileFails() {
    CaptureJournal journal;
    QList<Capture> batch{webhook("{}", 1)};
    QString error;
    QVERIFY(!journal.commit(batch, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestCaptureJournal::fullDiskKeepsCapturesAndRetries() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QSignalSpy failedSpy(&journal, &CaptureJournal::writeFailed);
    QSignalSpy recoveredSpy(&journal, &CaptureJournal::writeRecovered);

    QList<Capture> sent;
    const QByteArray body(4096, 'x');
    int n = 0;
    bool failed = false;
    {
        FileSizeLimit limit(512 * 1024);
        QVERIFY(limit.ok());
        for (int round = 0; round < 400 && !failed; ++round) {
            QList<Capture> batch;
            for (int i = 0; i < 8; ++i)
                batch.append(webhook(body, ++n));
            failed = !journal.commit(batch, &error);
            if (failed) {
                // What the listener then sends, and so records (CapturePipeline).
                for (Capture &capture : batch) {
                    capture.rejection = QStringLiteral("not stored: ") + error;
                    capture.response = {503, {{"Retry-After", "5"}}, "retry", 1714557601234};
                    journal.amendResponse(capture.id, capture.response, capture.rejection);
                }
            }
            sent.append(batch);
        }
        QVERIFY2(failed, "the file size limit never stopped a commit");
        QVERIFY2(error.contains(QLatin1String("File too large")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(failedSpy.size(), 1);
        QVERIFY(journal.unwrittenCaptureCount() > 0);
        // Still full: the next pass fails too and keeps everything, ids still in order.
        QList<Capture> more{webhook(body, ++n)};
        QVERIFY(!journal.commit(more, &error));
        sent.append(more);
        QCOMPARE(more.constFirst().id, qint64(sent.size()));
        QCOMPARE(failedSpy.size(), 1); // reported once, not per pass
        limit.lift();
    }
    // Space is back: the retry timer writes what was kept.
    QVERIFY(recoveredSpy.wait(3 * CaptureJournal::RetryIntervalMs));
    QCOMPARE(journal.unwrittenCaptureCount(), 0);
    QVERIFY(journal.lastError().isEmpty());
    QList<Capture> last{webhook(body, ++n)};
    QVERIFY2(journal.commit(last, &error), qPrintable(error));
    sent.append(last);
    QVERIFY(journal.close(&error));

    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), sent.size());
    for (qsizetype i = 0; i < sent.size(); ++i)
        QCOMPARE(stored.at(i).capture, sent.at(i));
}

void TestCaptureJournal::aDamagedFileSaysSoAndNamesTheSalvage() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> captures;
    for (int n = 1; n <= 40; ++n)
        captures.append(webhook(QByteArray(2000, 'a' + char(n % 26)), n));
    writeSession(path, captures);
    // The last leaf of payloads, where the next body goes.
    const QList<Leaf> leaves = leafPages(path, "payloads");
    QVERIFY(leaves.size() > 2);
    QVERIFY(damagePage(path, leaves.constLast().page));

    CaptureJournal journal;
    QString error;
    QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QList<Capture> batch{webhook("{}", 41)};
    QVERIFY(!journal.commit(batch, &error));
    QVERIFY2(error.contains(QLatin1String("the session file is damaged")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("--salvage")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(journal.unwrittenCaptureCount(), 1); // kept, as on a full disk
}

void TestCaptureJournal::closeOnAFullDiskLeavesNoTimerRunning() {
    QTemporaryDir dir;
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("s.mwsession")),
                         SessionFile::Durability::Normal, &error));
    FileSizeLimit limit(256 * 1024);
    QVERIFY(limit.ok());
    const QByteArray body(4096, 'x');
    int n = 0;
    for (int round = 0; round < 400 && journal.unwrittenCaptureCount() == 0; ++round) {
        QList<Capture> batch;
        for (int i = 0; i < 8; ++i)
            batch.append(webhook(body, ++n));
        journal.commit(batch, &error);
    }
    QVERIFY2(journal.unwrittenCaptureCount() > 0, "the file size limit never stopped a commit");
    QVERIFY(!journal.close(&error));
    QVERIFY2(error.contains(QLatin1String("could not be written")), qPrintable(error));
    // The journal is closed: no retry may follow, and its owner may delete it from
    // another thread (CapturePipeline does) without stopping timers across threads.
    const QList<QTimer *> timers = journal.findChildren<QTimer *>();
    QVERIFY(!timers.isEmpty());
    for (const QTimer *timer : timers)
        QVERIFY(!timer->isActive());
}

void TestCaptureJournal::amendedResponseIsRecorded() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch{webhook("{}", 1)};
    QVERIFY(journal.commit(batch, &error));
    const CaptureResponse unavailable{503, {{"Retry-After", "5"}}, "busy", 1714557601234};
    const QString reason = QStringLiteral("not stored: no space");
    journal.amendResponse(batch.constFirst().id, unavailable, reason);
    QTRY_COMPARE_WITH_TIMEOUT(readAll(path).constFirst().capture.response, unavailable, 5000);
    QCOMPARE(readAll(path).constFirst().capture.rejection, reason);
}

void TestCaptureJournal::clearKeepsIdsGrowing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch{webhook("{}", 1), webhook("{}", 2)};
    QVERIFY(journal.commit(batch, &error));
    QVERIFY2(journal.clear(&error), qPrintable(error));
    QVERIFY(readAll(path).isEmpty());
    journal.addAnalyses(analyse(batch)); // late analyses of cleared captures are dropped
    QVERIFY(journal.flush());
    QList<Capture> after{webhook("{}", 3)};
    QVERIFY(journal.commit(after, &error));
    QCOMPARE(after.constFirst().id, 3);
    QVERIFY(journal.close(&error));
    CaptureJournal reopened;
    QVERIFY(reopened.open(path, SessionFile::Durability::Normal, &error));
    QVERIFY(reopened.clear(&error));
    QVERIFY(reopened.close(&error));
    QVERIFY(reopened.open(path, SessionFile::Durability::Normal, &error));
    QCOMPARE(reopened.nextCaptureId(), 4);
}

void TestCaptureJournal::committedCapturesSurviveKillMinus9() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    int pipeFds[2];
    QCOMPARE(pipe(pipeFds), 0);
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        CaptureJournal journal;
        QString error;
        if (!journal.open(path, SessionFile::Durability::Normal, &error))
            _exit(2);
        int n = 0;
        for (int round = 0; round < 50; ++round) {
            QList<Capture> batch;
            for (int i = 0; i < 1 + round % 7; ++i)
                batch.append(webhook(QByteArray(1500, char('a' + round % 26)), ++n));
            if (!journal.commit(batch, &error))
                _exit(3);
            const qint64 last = batch.constLast().id; // acknowledged: must survive
            if (write(pipeFds[1], &last, sizeof last) != sizeof last)
                _exit(4);
        }
        raise(SIGKILL);
        _exit(5);
    }
    ::close(pipeFds[1]);
    qint64 acknowledged = 0;
    qint64 value = 0;
    while (read(pipeFds[0], &value, sizeof value) == sizeof value)
        acknowledged = value;
    ::close(pipeFds[0]);
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status));
    QCOMPARE(WTERMSIG(status), SIGKILL);
    QVERIFY(acknowledged > 0);

    QString error;
    const std::optional<SessionInfo> info = SessionFile::inspect(path, &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(!info->cleanShutdown);
    QCOMPARE(info->captureCount, acknowledged);
    QCOMPARE(info->unanalysedCount, acknowledged);
}

void TestCaptureJournal::durabilityFullIsApplied() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Full, &error));
    QList<Capture> batch{webhook("{}", 1)};
    QVERIFY(journal.commit(batch, &error));
    QVERIFY(journal.close(&error));
    QCOMPARE(readAll(path).size(), 1);
}

QTEST_GUILESS_MAIN(TestCaptureJournal)
#include "tst_capturejournal.moc"
