#include "session/boundedqueue.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

class TestBoundedQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void itemsComeOutInOrder();
    void pushWaitsWhileFull();
    void closeDrainsWhatIsLeft();
    void abortReleasesAWaitingProducer();
    void abortReleasesAWaitingConsumer();
};

void TestBoundedQueue::itemsComeOutInOrder() {
    BoundedQueue<int> queue(4);
    std::thread producer([&] {
        for (int i = 0; i < 10000; ++i)
            queue.push(i);
        queue.close();
    });
    int expected = 0;
    while (std::optional<int> item = queue.pop()) {
        if (*item != expected)
            break;
        ++expected;
    }
    producer.join();
    QCOMPARE(expected, 10000);
}

void TestBoundedQueue::pushWaitsWhileFull() {
    BoundedQueue<int> queue(2);
    QVERIFY(queue.push(1));
    QVERIFY(queue.push(2));
    std::atomic_bool pushed = false;
    std::thread producer([&] {
        queue.push(3);
        pushed = true;
    });
    std::this_thread::sleep_for(100ms);
    const bool pushedWhileFull = pushed;
    QCOMPARE(queue.pop(), std::optional<int>(1));
    QTRY_VERIFY_WITH_TIMEOUT(pushed, 5000);
    producer.join();
    QVERIFY(!pushedWhileFull);
    QCOMPARE(queue.pop(), std::optional<int>(2));
    QCOMPARE(queue.pop(), std::optional<int>(3));
}

void TestBoundedQueue::closeDrainsWhatIsLeft() {
    BoundedQueue<QByteArray> queue(3);
    QVERIFY(queue.push(QByteArrayLiteral("a")));
    QVERIFY(queue.push(QByteArrayLiteral("b")));
    queue.close();
    QCOMPARE(queue.pop(), std::optional<QByteArray>(QByteArrayLiteral("a")));
    QCOMPARE(queue.pop(), std::optional<QByteArray>(QByteArrayLiteral("b")));
    QCOMPARE(queue.pop(), std::nullopt);
    QCOMPARE(queue.pop(), std::nullopt);
}

void TestBoundedQueue::abortReleasesAWaitingProducer() {
    BoundedQueue<int> queue(1);
    QVERIFY(queue.push(1));
    std::atomic_int result = -1;
    std::thread producer([&] { result = queue.push(2) ? 1 : 0; });
    std::this_thread::sleep_for(50ms);
    QCOMPARE(result.load(), -1); // still waiting for room
    queue.abort();
    QTRY_COMPARE_WITH_TIMEOUT(result.load(), 0, 5000);
    producer.join();
    QVERIFY(!queue.push(3));
    QCOMPARE(queue.pop(), std::nullopt);
}

void TestBoundedQueue::abortReleasesAWaitingConsumer() {
    BoundedQueue<int> queue(1);
    std::atomic_bool returned = false;
    std::optional<int> item = 7;
    std::thread consumer([&] {
        item = queue.pop();
        returned = true;
    });
    std::this_thread::sleep_for(50ms);
    QVERIFY(!returned);
    queue.abort();
    QTRY_VERIFY_WITH_TIMEOUT(returned, 5000);
    consumer.join();
    QCOMPARE(item, std::nullopt);
}

QTEST_GUILESS_MAIN(TestBoundedQueue)
#include "tst_boundedqueue.moc"
