#include "sessiontestdata.h"

#include "session/deliverytracker.h"

#include <QTest>

using namespace SessionTestData;

namespace {

/// A capture with an id, a body and a target, analysed as the analysis thread would.
AnalysedCapture sent(qint64 id, const QByteArray &body, const QByteArray &target = "/hook") {
    Capture c = webhook(body, int(id), target);
    c.id = id;
    return analyse(c);
}

} // namespace

class TestDeliveryTracker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numbersEachMessagesDeliveries();
    void methodAndPathTellMessagesApart();
    void emptyBodiesAreNoMessage();
    void forgetsTheOldestMessagesPastItsCapacity();
};

void TestDeliveryTracker::numbersEachMessagesDeliveries() {
    DeliveryTracker tracker;
    QCOMPARE(tracker.note(sent(1, "a")).number, 1u);
    QCOMPARE(tracker.note(sent(2, "b")).number, 1u);
    const DeliveryTracker::Delivery again = tracker.note(sent(3, "a"));
    QCOMPARE(again.number, 2u);
    QCOMPARE(again.previousId, 1);
    const DeliveryTracker::Delivery third = tracker.note(sent(7, "a"));
    QCOMPARE(third.number, 3u);
    QCOMPARE(third.previousId, 3);
    QCOMPARE(tracker.note(sent(8, "b")).previousId, 2);
    QCOMPARE(tracker.remembered(), 2);
}

void TestDeliveryTracker::methodAndPathTellMessagesApart() {
    DeliveryTracker tracker;
    tracker.note(sent(1, "a", "/hook?Token=x"));
    // The query is not the path: the same message with another token is still a repeat.
    QCOMPARE(tracker.note(sent(2, "a", "/hook?Token=y")).number, 2u);
    QCOMPARE(tracker.note(sent(3, "a", "/other")).number, 1u);
    AnalysedCapture put = sent(4, "a");
    put.capture.method = "PUT";
    QCOMPARE(tracker.note(put).number, 1u);
}

void TestDeliveryTracker::emptyBodiesAreNoMessage() {
    DeliveryTracker tracker;
    const DeliveryTracker::Delivery probe = tracker.note(sent(1, QByteArray()));
    QCOMPARE(probe.number, 0u);
    QCOMPARE(probe.previousId, 0);
    QCOMPARE(tracker.note(sent(2, QByteArray())).number, 0u);
    QCOMPARE(tracker.remembered(), 0);
}

void TestDeliveryTracker::forgetsTheOldestMessagesPastItsCapacity() {
    DeliveryTracker tracker(2);
    tracker.note(sent(1, "a"));
    tracker.note(sent(2, "b"));
    tracker.note(sent(3, "c")); // "a" is forgotten
    QCOMPARE(tracker.remembered(), 2);
    QCOMPARE(tracker.note(sent(4, "b")).number, 2u);
    QCOMPARE(tracker.note(sent(5, "a")).number, 1u); // new again; "b" is forgotten
    QCOMPARE(tracker.note(sent(6, "c")).number, 2u);
    QCOMPARE(tracker.note(sent(7, "b")).number, 1u);
    QCOMPARE(tracker.remembered(), 2);
}

QTEST_GUILESS_MAIN(TestDeliveryTracker)
#include "tst_deliverytracker.moc"
