#include "journaltestdata.h"
#include "sessiontestdata.h"

#include "session/captureanalyser.h"
#include "session/capturejournal.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace JournalTestData;
using namespace SessionTestData;

class TestCaptureJournal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitAssignsIdsInArrivalOrder_data();
    void commitAssignsIdsInArrivalOrder();
    void analysesAreWrittenOnTheNextPass();
    void analysesWaitForTheTimerWhileFew();
    void aFullBatchOfAnalysesRidesAlongWithTheNextCommit();
    void closeFlushesQueuedAnalysesAndMarksClean();
    void reanalysesAreDoneOnceWrittenOrDropped();
    void reopenContinuesIds();
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
    QCOMPARE(unanalysedCount(path), 0);
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
    QCOMPARE(unanalysedCount(path), acknowledged);
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
