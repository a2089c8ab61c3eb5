#include "sessiontestdata.h"

#include "session/capturestore.h"
#include "session/deliveryhistory.h"

#include <QTest>

#include <functional>

using namespace SessionTestData;

namespace {

const QByteArray Message = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated","Data":{}})");

/// Captures with ids from 1, each received a minute after the one before.
struct Session {
    CaptureStore store;
    QList<Capture> sent;

    qint64 add(const QByteArray &body, const QByteArray &target, int status = 200,
               qint64 answeredAfterMs = 4) {
        return add(body, target, [&](Capture &c) {
            c.response.status = status;
            c.response.sentUtcMs = c.firstByteUtcMs + answeredAfterMs;
        });
    }
    /// One that `change` makes what it needs to be.
    qint64 add(const QByteArray &body, const QByteArray &target,
               const std::function<void(Capture &)> &change) {
        Capture c = webhook(body, int(sent.size()) + 1, target);
        c.id = sent.size() + 1;
        c.firstByteUtcMs = BaseUtcMs + c.id * 60000;
        c.completeUtcMs = c.firstByteUtcMs + 1;
        change(c);
        sent.append(c);
        store.append({analyse(c)});
        return c.id;
    }
};

} // namespace

class TestDeliveryHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ofListsTheMessagesDeliveries();
    void ofIsUnknownWithoutABody();
    void noResponseOnRecordIsNotNoAnswer();
    void arrivedInSeesOnlyTheSameMessage();
};

void TestDeliveryHistory::ofListsTheMessagesDeliveries() {
    Session s;
    s.add(Message, "/hook", 500);
    s.add(Message, "/other");           // the same body elsewhere: another message
    s.add(Message, "/hook", 200, 7000); // answered 200, but too late for Mews
    s.add("{}", "/hook");
    s.add(Message, "/hook");

    const DeliveryHistory history = DeliveryHistory::of(s.store, s.sent.at(4));
    QCOMPARE(history.total, 3);
    QVERIFY(history.isRepeated());
    QCOMPARE(history.listed.size(), 3);
    QCOMPARE(history.listed.at(0).captureId, 1);
    QCOMPARE(history.listed.at(1).captureId, 3);
    QCOMPARE(history.listed.at(2).captureId, 5);
    QCOMPARE(history.shown.ordinal, 3);
    QCOMPARE(history.shown.self.captureId, 5);
    QCOMPARE(history.shown.self.waitedMs, 4);
    QVERIFY(!history.shown.next);
    // The delivery before was a 2xx: how long it took is read, since it decides the story.
    QVERIFY(history.shown.previous);
    QCOMPARE(history.shown.previous->captureId, 3);
    QCOMPARE(history.shown.previous->waitedMs, 7000);

    const DeliveryHistory first = DeliveryHistory::of(s.store, s.sent.at(0));
    QCOMPARE(first.shown.ordinal, 1);
    QVERIFY(!first.shown.previous);
    QCOMPARE(first.shown.next->captureId, 3);
    QCOMPARE(DeliveryHistory::of(s.store, s.sent.at(1)).total, 1);
}

void TestDeliveryHistory::ofIsUnknownWithoutABody() {
    Session s;
    s.add(QByteArray(), "/hook");
    s.add(QByteArray(), "/hook");
    QVERIFY(!DeliveryHistory::of(s.store, s.sent.at(1)).isKnown());
    Capture missing = s.sent.at(0);
    missing.id = 99;
    QVERIFY(!DeliveryHistory::of(s.store, missing).isKnown());
}

// Status 0 is no answer only where the listener sent none: a HAR file that records no
// response, or a salvage that lost the status, does not say whether one went out.
void TestDeliveryHistory::noResponseOnRecordIsNotNoAnswer() {
    Session s;
    s.add(Message, "/hook", [](Capture &c) { // cut short by its client: no answer
        c.rejection = QStringLiteral("the client closed the connection before the request was "
                                     "complete");
        c.response = {};
    });
    s.add(Message, "/hook", 0);              // answered, but a salvage lost the status
    s.add(Message, "/hook", [](Capture &c) { // a HAR entry without a response
        c.origin = CaptureOrigin::HarImport;
        c.response = {0, {}, {}, c.completeUtcMs + 30};
    });
    s.add(Message, "/hook");

    const DeliveryHistory history = DeliveryHistory::of(s.store, s.sent.at(3));
    QCOMPARE(history.total, 4);
    QCOMPARE(history.listed.at(0).status, 0);
    QCOMPARE(history.listed.at(1).status, MessageDelivery::NotRecorded);
    QCOMPARE(history.listed.at(2).status, MessageDelivery::NotRecorded);
    QCOMPARE(history.listed.at(3).status, 200);
    QCOMPARE(history.shown.previous->status, MessageDelivery::NotRecorded);
}

void TestDeliveryHistory::arrivedInSeesOnlyTheSameMessage() {
    Session s;
    const qint64 shown = s.add(Message, "/hook");
    s.add(Message, "/other");
    s.add(Message, "/hook");
    s.add("{}", "/hook");
    // Positions: 0 the shown one, 1 the body sent elsewhere, 2 a repeat, 3 another body.
    QVERIFY(!DeliveryHistory::arrivedIn(s.store, shown, 0, 0));
    QVERIFY(!DeliveryHistory::arrivedIn(s.store, shown, 1, 1));
    QVERIFY(DeliveryHistory::arrivedIn(s.store, shown, 1, 2));
    QVERIFY(!DeliveryHistory::arrivedIn(s.store, shown, 3, 3));
    QVERIFY(!DeliveryHistory::arrivedIn(s.store, 99, 0, 3));
}

QTEST_GUILESS_MAIN(TestDeliveryHistory)
#include "tst_deliveryhistory.moc"
