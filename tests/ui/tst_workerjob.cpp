// WorkerJob: a long job on its own thread, with throttled progress and cancellation.
#include "work/workerjob.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

constexpr int WaitMs = 10000;

} // namespace

class TestWorkerJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void finishesOnTheOwnersThreadAfterTheJob();
    void progressIsThrottledAndEndsWithTheLastStep();
    void cancelStopsTheJob();
    void oneJobAtATime();
    void destroyingWaitsForTheJobAndDropsItsResult();
};

void TestWorkerJob::finishesOnTheOwnersThreadAfterTheJob() {
    WorkerJob job;
    QThread *worker = nullptr;
    QThread *finishedOn = nullptr;
    bool runningInFinish = true;
    QVERIFY(job.start(QStringLiteral("mwi-test"), [&](WorkerJob::Control &) {
        worker = QThread::currentThread();
        return [&] {
            finishedOn = QThread::currentThread();
            runningInFinish = job.isRunning();
        };
    }));
    QVERIFY(job.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(finishedOn != nullptr, WaitMs);
    QVERIFY(worker != QThread::currentThread());
    QCOMPARE(finishedOn, QThread::currentThread());
    QVERIFY(!runningInFinish); // the job's thread has ended by then
    QVERIFY(!job.isRunning());
}

void TestWorkerJob::progressIsThrottledAndEndsWithTheLastStep() {
    WorkerJob job;
    QSignalSpy progress(&job, &WorkerJob::progress);
    bool done = false;
    constexpr qint64 Steps = 200000;
    QVERIFY(job.start(QStringLiteral("mwi-test"), [&](WorkerJob::Control &control) {
        for (qint64 i = 1; i <= Steps; ++i) {
            if (!control.report(i, Steps))
                break;
        }
        return [&] {
            done = true;
        };
    }));
    QTRY_VERIFY_WITH_TIMEOUT(done, WaitMs);
    QVERIFY(!progress.isEmpty());
    // The first step goes at once, then one every ProgressIntervalMs, and the last one.
    QVERIFY2(progress.size() < 50, qPrintable(QString::number(progress.size())));
    QCOMPARE(progress.constFirst().at(0).toLongLong(), 1);
    QCOMPARE(progress.constLast().at(0).toLongLong(), Steps);
    QCOMPARE(progress.constLast().at(1).toLongLong(), Steps);
}

void TestWorkerJob::cancelStopsTheJob() {
    WorkerJob job;
    std::atomic_bool started = false;
    qint64 stoppedAt = -1;
    bool finished = false;
    QVERIFY(job.start(QStringLiteral("mwi-test"), [&](WorkerJob::Control &control) {
        started = true;
        qint64 i = 0;
        while (control.report(++i, -1) && i < 1'000'000'000)
            QThread::usleep(10);
        stoppedAt = i;
        return [&] {
            finished = true;
        };
    }));
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), WaitMs);
    job.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished, WaitMs);
    QVERIFY(stoppedAt > 0 && stoppedAt < 1'000'000'000);
}

void TestWorkerJob::oneJobAtATime() {
    WorkerJob job;
    std::atomic_bool release = false;
    bool finished = false;
    QVERIFY(job.start(QStringLiteral("mwi-test"), [&](WorkerJob::Control &control) {
        while (!release && !control.cancelled())
            QThread::msleep(1);
        return [&] {
            finished = true;
        };
    }));
    QVERIFY(!job.start(QStringLiteral("mwi-second"),
                       [](WorkerJob::Control &) { return WorkerJob::Finish(); }));
    release = true;
    QTRY_VERIFY_WITH_TIMEOUT(finished, WaitMs);
    // Free again once it has finished.
    bool second = false;
    QVERIFY(job.start(QStringLiteral("mwi-second"), [&](WorkerJob::Control &) {
        return [&] {
            second = true;
        };
    }));
    QTRY_VERIFY_WITH_TIMEOUT(second, WaitMs);
}

void TestWorkerJob::destroyingWaitsForTheJobAndDropsItsResult() {
    std::atomic_bool started = false;
    std::atomic_bool sawCancel = false;
    std::atomic_bool returned = false;
    bool finished = false;
    {
        WorkerJob job;
        QVERIFY(job.start(QStringLiteral("mwi-test"), [&](WorkerJob::Control &control) {
            started = true;
            QElapsedTimer clock;
            clock.start();
            while (!control.cancelled() && clock.elapsed() < WaitMs)
                QThread::msleep(1);
            sawCancel = control.cancelled();
            QThread::msleep(50); // still running while the destructor waits
            returned = true;
            return [&] {
                finished = true;
            };
        }));
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), WaitMs);
    }
    QVERIFY(sawCancel.load());
    QVERIFY(returned.load()); // the destructor waited for it
    QTest::qWait(50);         // a queued result would have run by now
    QVERIFY(!finished);
}

QTEST_MAIN(TestWorkerJob)
#include "tst_workerjob.moc"
