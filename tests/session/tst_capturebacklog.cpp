#include "session/capturebacklog.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <thread>

class TestCaptureBacklog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void underTheLimitsNoWait();
    void overTheCountWaitsUntilTheOwnerCatchesUp();
    void overTheBytesWaitsToo();
    void aWaitIsBounded();
    void releaseEndsEveryWait();
};

namespace {

CaptureBacklog::Limits limits(qsizetype captures, qint64 bytes, int maxWaitMs) {
    CaptureBacklog::Limits l;
    l.captures = captures;
    l.bytes = bytes;
    l.maxWaitMs = maxWaitMs;
    return l;
}

/// Runs admit() on a thread of its own (as the listener thread does); finished() tells
/// whether it has returned, waitedMs() what it returned.
class Admitter {
public:
    Admitter(CaptureBacklog &backlog, qsizetype captures, qint64 bytes)
        : m_thread([this, &backlog, captures, bytes] {
            m_waited = backlog.admit(captures, bytes);
            m_finished = true;
        }) {}
    ~Admitter() { m_thread.join(); }
    bool finished() const { return m_finished; }
    int waitedMs() const { return m_waited; }

private:
    std::atomic<bool> m_finished = false;
    std::atomic<int> m_waited = -1;
    std::thread m_thread;
};

} // namespace

void TestCaptureBacklog::underTheLimitsNoWait() {
    CaptureBacklog backlog(limits(10, 1000, 5000));
    QCOMPARE(backlog.admit(4, 400), 0);
    QCOMPARE(backlog.admit(6, 600), 0); // exactly at the limits is not over them
    QCOMPARE(backlog.captures(), 10);
    QCOMPARE(backlog.bytes(), 1000);
    backlog.done(10, 1000);
    QCOMPARE(backlog.captures(), 0);
    QCOMPARE(backlog.bytes(), 0);
}

void TestCaptureBacklog::overTheCountWaitsUntilTheOwnerCatchesUp() {
    CaptureBacklog backlog(limits(10, 1 << 30, 10000));
    QCOMPARE(backlog.admit(10, 0), 0);
    Admitter admitter(backlog, 5, 0);
    QTest::qWait(100);
    QVERIFY(!admitter.finished()); // 15 handed on, 10 allowed: the listener waits
    backlog.done(3, 0);            // 12 still over the limit
    QTest::qWait(50);
    QVERIFY(!admitter.finished());
    backlog.done(2, 0); // 10: back at the limit
    QTRY_VERIFY_WITH_TIMEOUT(admitter.finished(), 5000);
    QVERIFY(admitter.waitedMs() >= 100);
    QVERIFY(admitter.waitedMs() < 10000);
    QVERIFY(backlog.longestWaitMs() >= 100);
}

void TestCaptureBacklog::overTheBytesWaitsToo() {
    CaptureBacklog backlog(limits(1000, 1000, 10000));
    Admitter admitter(backlog, 1, 5000); // one big capture over the byte limit
    QTest::qWait(100);
    QVERIFY(!admitter.finished());
    backlog.done(1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(admitter.finished(), 5000);
}

void TestCaptureBacklog::aWaitIsBounded() {
    CaptureBacklog backlog(limits(1, 1 << 30, 200));
    QElapsedTimer timer;
    timer.start();
    const int waited = backlog.admit(5, 0); // nobody ever catches up
    QVERIFY2(waited >= 190 && timer.elapsed() < 5000, qPrintable(QString::number(waited)));
}

void TestCaptureBacklog::releaseEndsEveryWait() {
    CaptureBacklog backlog(limits(1, 1 << 30, 60000));
    {
        Admitter admitter(backlog, 5, 0);
        QTest::qWait(100);
        QVERIFY(!admitter.finished());
        backlog.release();
        QTRY_VERIFY_WITH_TIMEOUT(admitter.finished(), 5000);
    }
    QCOMPARE(backlog.admit(100, 0), 0); // and no later admit waits
}

QTEST_GUILESS_MAIN(TestCaptureBacklog)
#include "tst_capturebacklog.moc"
