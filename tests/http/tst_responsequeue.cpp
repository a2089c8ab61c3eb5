#include "http/responsequeue.h"

#include <QTest>

// The order and timing in which a connection's responses go out, without a socket.
class TestResponseQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answersInRequestOrder_data();
    void answersInRequestOrder();
    void interimWaitsItsTurn();
    void delayHoldsBackLaterResponses();
    void closingResponseDropsTheRest_data();
    void closingResponseDropsTheRest();
    void decidesEachPlaceOnce();

private:
    // What the queue lets go at nowMs, one wire after the other.
    static QList<QByteArray> drain(ResponseQueue &queue, qint64 nowMs) {
        QList<QByteArray> wires;
        while (const std::optional<ResponseQueue::Due> due = queue.takeDue(nowMs))
            wires.append(due->wire);
        return wires;
    }
};

void TestResponseQueue::answersInRequestOrder_data() {
    QTest::addColumn<QList<quint32>>("decided"); // the order the listener decides in
    QTest::addColumn<QByteArrayList>("sent");    // what goes out after each decision
    QTest::newRow("in order") << QList<quint32>{1, 2, 3} << QByteArrayList{"1", "2", "3"};
    QTest::newRow("backwards") << QList<quint32>{3, 2, 1} << QByteArrayList{"", "", "123"};
    QTest::newRow("first in the middle")
        << QList<quint32>{2, 1, 3} << QByteArrayList{"", "12", "3"};
}

void TestResponseQueue::answersInRequestOrder() {
    QFETCH(QList<quint32>, decided);
    QFETCH(QByteArrayList, sent);
    ResponseQueue queue;
    for (quint32 sequence = 1; sequence <= 3; ++sequence)
        queue.reserve(sequence, false);
    for (qsizetype i = 0; i < decided.size(); ++i) {
        queue.decide(decided.at(i), QByteArray::number(decided.at(i)), false, 0);
        QCOMPARE(drain(queue, 0).join(), sent.at(i));
    }
    QVERIFY(queue.isEmpty());
}

void TestResponseQueue::interimWaitsItsTurn() {
    ResponseQueue queue;
    queue.addInterim("continue");
    QCOMPARE(drain(queue, 0), QList<QByteArray>{"continue"});

    // A pipelined request asks to continue while the one before it waits for its answer.
    queue.reserve(1, false);
    queue.addInterim("continue");
    queue.reserve(2, false);
    QCOMPARE(drain(queue, 0), QList<QByteArray>());
    queue.decide(1, "one", false, 0);
    QCOMPARE(drain(queue, 0), (QList<QByteArray>{"one", "continue"}));
    queue.decide(0, "not an answer", false, 0); // interim places are never decided
    QCOMPARE(drain(queue, 0), QList<QByteArray>());
    queue.decide(2, "two", false, 0);
    QCOMPARE(drain(queue, 0), QList<QByteArray>{"two"});
}

void TestResponseQueue::delayHoldsBackLaterResponses() {
    ResponseQueue queue;
    queue.reserve(1, false);
    queue.reserve(2, false);
    queue.decide(1, "one", false, 1000);
    queue.decide(2, "two", false, 0);
    QCOMPARE(drain(queue, 999), QList<QByteArray>());
    QCOMPARE(queue.nextDueMs(), 1000);
    QCOMPARE(drain(queue, 1000), (QList<QByteArray>{"one", "two"}));
    QCOMPARE(queue.nextDueMs(), 0);
}

void TestResponseQueue::closingResponseDropsTheRest_data() {
    QTest::addColumn<bool>("closeReserved");
    QTest::addColumn<bool>("closeDecided");
    QTest::newRow("kept to close (Connection: close)") << true << false;
    QTest::newRow("decided to close (a rule)") << false << true;
    QTest::newRow("both") << true << true;
}

void TestResponseQueue::closingResponseDropsTheRest() {
    QFETCH(bool, closeReserved);
    QFETCH(bool, closeDecided);
    ResponseQueue queue;
    queue.reserve(1, false);
    queue.reserve(2, closeReserved);
    queue.reserve(3, false);
    queue.decide(3, "three", false, 0);
    queue.decide(2, "two", closeDecided, 0);
    queue.decide(1, "one", false, 0);

    const std::optional<ResponseQueue::Due> first = queue.takeDue(0);
    QVERIFY(first);
    QVERIFY(!first->close);
    const std::optional<ResponseQueue::Due> second = queue.takeDue(0);
    QVERIFY(second);
    QCOMPARE(second->wire, QByteArray("two"));
    QVERIFY(second->close);
    QVERIFY(queue.isEmpty());
    QVERIFY(!queue.takeDue(0));
}

void TestResponseQueue::decidesEachPlaceOnce() {
    ResponseQueue queue;
    queue.reserve(1, false);
    queue.decide(1, "first", false, 0);
    queue.decide(1, "again", true, 0);
    queue.decide(7, "never asked", false, 0);
    QCOMPARE(queue.size(), 1);
    const std::optional<ResponseQueue::Due> due = queue.takeDue(0);
    QVERIFY(due);
    QCOMPARE(due->wire, QByteArray("first"));
    QVERIFY(!due->close);
    QVERIFY(queue.isEmpty());
}

QTEST_GUILESS_MAIN(TestResponseQueue)
#include "tst_responsequeue.moc"
