#include "live/eventloopprobe.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

class TestEventLoopProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsTicksWhileRunning();
    void aBlockedLoopIsAStall();
    void resetForgets();
};

void TestEventLoopProbe::countsTicksWhileRunning() {
    EventLoopProbe probe;
    QVERIFY(!probe.isRunning());
    probe.start();
    QVERIFY(probe.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(probe.ticks() >= 5, 10000);
    probe.stop();
    const qint64 ticks = probe.ticks();
    QTest::qWait(5 * EventLoopProbe::IntervalMs);
    QCOMPARE(probe.ticks(), ticks); // stopped: no more ticks
    QVERIFY(probe.report().contains(QLatin1String("max stall")));
}

void TestEventLoopProbe::aBlockedLoopIsAStall() {
    EventLoopProbe probe;
    QSignalSpy stalled(&probe, &EventLoopProbe::stalled);
    probe.start();
    QTRY_VERIFY_WITH_TIMEOUT(probe.ticks() >= 2, 10000);
    // What a slow paint or model update does: the GUI thread does not return to the loop.
    QThread::msleep(3 * EventLoopProbe::StallMs);
    QTRY_VERIFY_WITH_TIMEOUT(probe.stalls() >= 1, 10000);
    QCOMPARE(stalled.size(), int(probe.stalls()));
    // At least the time blocked, less the one interval it was due after.
    QVERIFY(probe.maxLatenessMs() >= 3 * EventLoopProbe::StallMs - EventLoopProbe::IntervalMs);
    QVERIFY(stalled.at(0).at(0).toLongLong() > EventLoopProbe::StallMs);
}

void TestEventLoopProbe::resetForgets() {
    EventLoopProbe probe;
    probe.start();
    QThread::msleep(2 * EventLoopProbe::StallMs);
    QTRY_VERIFY_WITH_TIMEOUT(probe.stalls() >= 1, 10000);
    probe.reset();
    QCOMPARE(probe.stalls(), 0);
    QCOMPARE(probe.maxLatenessMs(), 0);
    QCOMPARE(probe.ticks(), 0);
}

QTEST_GUILESS_MAIN(TestEventLoopProbe)
#include "tst_eventloopprobe.moc"
