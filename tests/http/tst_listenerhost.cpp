#include "http/listenerhost.h"
#include "httptestclient.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

namespace {

QByteArray post(const QByteArray &target) {
    return "POST " + target + " HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
}

// Notes the threads it is made, used and destroyed on.
class ThreadNotingCommitter : public CaptureCommitter {
public:
    struct Threads {
        std::atomic<QThread *> made{nullptr};
        std::atomic<QThread *> committed{nullptr};
        std::atomic<QThread *> destroyed{nullptr};
    };

    explicit ThreadNotingCommitter(Threads *threads)
        : m_threads(threads) {
        m_threads->made = QThread::currentThread();
    }
    ~ThreadNotingCommitter() override { m_threads->destroyed = QThread::currentThread(); }

    bool commit(QList<Capture> &captures, QString *, QList<qsizetype> *) override {
        m_threads->committed = QThread::currentThread();
        for (Capture &capture : captures)
            capture.id = ++m_lastId;
        return true;
    }

private:
    Threads *m_threads;
    qint64 m_lastId = 0;
};

// Blocks the listener thread in commit() until released, as a slow disk would.
class BlockingCommitter : public CaptureCommitter {
public:
    struct Gate {
        QSemaphore entered;
        QSemaphore release;
    };

    explicit BlockingCommitter(std::shared_ptr<Gate> gate)
        : m_gate(std::move(gate)) {}

    bool commit(QList<Capture> &captures, QString *, QList<qsizetype> *) override {
        m_gate->entered.release();
        m_gate->release.acquire();
        for (Capture &capture : captures)
            capture.id = ++m_lastId;
        return true;
    }

private:
    std::shared_ptr<Gate> m_gate;
    qint64 m_lastId = 0;
};

// A loopback port that was free a moment ago (0 if none could be had).
quint16 freePort() {
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : quint16(0);
}

ListenerConfig anyPort() {
    ListenerConfig config;
    config.port = 0;
    return config;
}

quint16 portOf(const QSignalSpy &listening, qsizetype index = 0) {
    return listening.at(index).at(1).value<quint16>();
}

} // namespace

// ListenerHost::captured is emitted on the listener thread; a spy there would race with
// wait(). The relay lives on the test thread and receives it queued, as real owners do.
class CaptureRelay : public QObject {
    Q_OBJECT

public:
    explicit CaptureRelay(ListenerHost *host) {
        connect(host, &ListenerHost::captured, this, &CaptureRelay::relayed, Qt::QueuedConnection);
    }

Q_SIGNALS:
    void relayed(const QList<Capture> &captures);
};

class TestListenerHost : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void capturesOnItsOwnThread();
    void reportsCommitterFailure();
    void reportsBusyPort();
    void stopFinishesReceivedRequests();
    void setConfigKeepsConnections();
    void setConfigWithNewPortMovesWithoutStopping();
    void setConfigWithABusyPortKeepsListening();
    void setConfigWithTheSameAddressMappedStaysPut();
    void setConfigWhileTheThreadIsBusyIsWithdrawn();
    void rejectsInvalidConfig();
    void destructorAnswersAndJoins();
};

void TestListenerHost::capturesOnItsOwnThread() {
    ThreadNotingCommitter::Threads threads;
    {
        ListenerHost host;
        host.setCommitterFactory(
            [&threads](QString *) { return std::make_unique<ThreadNotingCommitter>(&threads); });
        QSignalSpy listening(&host, &ListenerHost::listening);
        CaptureRelay relay(&host);
        QSignalSpy captured(&relay, &CaptureRelay::relayed);
        QSignalSpy stopped(&host, &ListenerHost::stopped);
        host.start(anyPort());
        QVERIFY(listening.wait(5000));
        QVERIFY(host.isActive());

        HttpTestClient client;
        QVERIFY(client.connectTo(portOf(listening)));
        client.send(post("/threaded"));
        QVERIFY(captured.wait(5000));
        const QList<Capture> batch = captured.at(0).at(0).value<QList<Capture>>();
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.front().target, QByteArray("/threaded"));
        QCOMPARE(batch.front().id, 1);
        QVERIFY(client.waitForResponses(1));
        QCOMPARE(client.responses.front().status, 200);

        host.stop();
        QVERIFY(stopped.wait(10000));
        QVERIFY(!host.isActive());
    }
    QVERIFY(threads.made.load() != nullptr);
    QVERIFY(threads.made.load() != QThread::currentThread());
    QCOMPARE(threads.committed.load(), threads.made.load());
    QCOMPARE(threads.destroyed.load(), threads.made.load());
}

void TestListenerHost::reportsCommitterFailure() {
    ListenerHost host;
    host.setCommitterFactory([](QString *error) -> std::unique_ptr<CaptureCommitter> {
        *error = QStringLiteral("Cannot open the session file: read-only file system");
        return nullptr;
    });
    QSignalSpy failed(&host, &ListenerHost::listenerFailed);
    host.start(anyPort());
    QVERIFY(failed.wait(5000));
    const auto failure = failed.at(0).at(0).value<ListenerFailure>();
    QCOMPARE(failure.reason, ListenerFailure::Reason::StoreFailed);
    QCOMPARE(failure.message,
             QStringLiteral("Cannot open the session file: read-only file system"));
    QVERIFY(!host.isActive());
}

void TestListenerHost::reportsBusyPort() {
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    ListenerHost host;
    QSignalSpy failed(&host, &ListenerHost::listenerFailed);
    ListenerConfig config;
    config.port = occupant.serverPort();
    host.start(config);
    QVERIFY(failed.wait(5000));
    const auto failure = failed.at(0).at(0).value<ListenerFailure>();
    QCOMPARE(failure.reason, ListenerFailure::Reason::PortInUse);
    QVERIFY(failure.message.contains(QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())));
    QVERIFY(!host.isActive());

    // and it can be started again elsewhere
    QSignalSpy listening(&host, &ListenerHost::listening);
    host.start(anyPort());
    QVERIFY(listening.wait(5000));
}

void TestListenerHost::stopFinishesReceivedRequests() {
    ListenerHost host;
    QSignalSpy listening(&host, &ListenerHost::listening);
    CaptureRelay relay(&host);
    QSignalSpy captured(&relay, &CaptureRelay::relayed);
    QSignalSpy stopped(&host, &ListenerHost::stopped);
    ListenerConfig config = anyPort();
    config.response.delayMs = 300;
    host.start(config);
    QVERIFY(listening.wait(5000));
    const quint16 port = portOf(listening);

    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send(post("/in-flight"));
    QVERIFY(captured.wait(5000)); // received and committed; the answer is still delayed
    host.stop(5000);
    QVERIFY(stopped.wait(10000));
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 200);
    QVERIFY(client.waitForClose());

    HttpTestClient late;
    late.socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(QTest::qWaitFor(
        [&late] { return late.socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
    QCOMPARE(late.socket.error(), QAbstractSocket::ConnectionRefusedError);
}

void TestListenerHost::setConfigKeepsConnections() {
    ListenerHost host;
    QSignalSpy listening(&host, &ListenerHost::listening);
    host.start(anyPort());
    QVERIFY(listening.wait(5000));
    HttpTestClient client;
    QVERIFY(client.connectTo(portOf(listening)));
    client.send(post("/one"));
    QVERIFY(client.waitForResponses(1));

    ListenerConfig changed = host.config();
    changed.response.status = 204;
    changed.response.body.clear();
    QVERIFY(host.setConfig(changed));
    // the change is queued to the listener thread: ask until it answers with the new status
    int lastStatus = 0;
    for (qsizetype expected = 2; expected < 50 && lastStatus != 204; ++expected) {
        client.send(post("/again"));
        QVERIFY(client.waitForResponses(expected));
        lastStatus = client.responses.back().status;
    }
    QCOMPARE(lastStatus, 204);
    QVERIFY(client.responses.back().header("Content-Length").isNull());
    QVERIFY(!client.closedByPeer);
    QCOMPARE(listening.size(), 1);
}

void TestListenerHost::setConfigWithNewPortMovesWithoutStopping() {
    const quint16 wanted = freePort();
    QVERIFY(wanted != 0);

    ListenerHost host;
    QSignalSpy listening(&host, &ListenerHost::listening);
    QSignalSpy stopped(&host, &ListenerHost::stopped);
    host.start(anyPort());
    QVERIFY(listening.wait(5000));
    const quint16 before = portOf(listening, 0);
    ListenerConfig moved = host.config();
    moved.port = wanted;
    QString error;
    QVERIFY2(host.setConfig(moved, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&listening] { return listening.size() == 2; }, 10000));
    QCOMPARE(portOf(listening, 1), wanted);
    QCOMPARE(stopped.size(), 0); // bound first, then moved: never stopped in between
    QVERIFY(host.isActive());
    QTcpSocket old;
    old.connectToHost(QHostAddress::LocalHost, before);
    QVERIFY(!old.waitForConnected(5000));
}

void TestListenerHost::setConfigWithABusyPortKeepsListening() {
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    ListenerHost host;
    QSignalSpy listening(&host, &ListenerHost::listening);
    QSignalSpy stopped(&host, &ListenerHost::stopped);
    QSignalSpy failed(&host, &ListenerHost::listenerFailed);
    host.start(anyPort());
    QVERIFY(listening.wait(5000));
    const quint16 before = portOf(listening, 0);
    ListenerConfig busy = host.config();
    busy.port = taken.serverPort();
    QString error;
    QVERIFY(!host.setConfig(busy, &error));
    QVERIFY2(error.contains(QLatin1String("already in use")), qPrintable(error));
    QVERIFY(!listening.wait(300));
    QCOMPARE(stopped.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(host.isActive());
    QVERIFY(host.config().port != busy.port);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, before);
    QVERIFY(socket.waitForConnected(5000));
}

// ::ffff:127.0.0.1 listens where 127.0.0.1 does: naming it so moves nothing, where a
// rebind would have found its own port in use.
void TestListenerHost::setConfigWithTheSameAddressMappedStaysPut() {
    ListenerConfig config;
    config.port = freePort();
    QVERIFY(config.port != 0);
    ListenerHost host;
    QSignalSpy listening(&host, &ListenerHost::listening);
    host.start(config);
    QVERIFY(listening.wait(5000));
    ListenerConfig mapped = config;
    mapped.bindAddress = QHostAddress(QStringLiteral("::ffff:127.0.0.1"));
    QString error;
    QVERIFY2(host.setConfig(mapped, &error), qPrintable(error));
    QCOMPARE(host.config().bindAddress, mapped.bindAddress);
    QCOMPARE(listening.size(), 1);
}

void TestListenerHost::setConfigWhileTheThreadIsBusyIsWithdrawn() {
    const quint16 wanted = freePort();
    QVERIFY(wanted != 0);

    auto gate = std::make_shared<BlockingCommitter::Gate>();
    ListenerHost host;
    host.setRebindWait(200);
    host.setCommitterFactory(
        [gate](QString *) { return std::make_unique<BlockingCommitter>(gate); });
    QSignalSpy listening(&host, &ListenerHost::listening);
    host.start(anyPort());
    QVERIFY(listening.wait(5000));
    const quint16 before = portOf(listening, 0);

    HttpTestClient client;
    QVERIFY(client.connectTo(before));
    client.send(post("/slow"));
    // the listener thread is now inside commit() and cannot take a rebind up
    QVERIFY(QTest::qWaitFor([&gate] { return gate->entered.tryAcquire(1, 10); }, 5000));
    ListenerConfig moved = host.config();
    moved.port = wanted;
    QString error;
    QVERIFY(!host.setConfig(moved, &error));
    QVERIFY2(error.contains(QLatin1String("busy")), qPrintable(error));
    QCOMPARE(host.config().port, quint16(0));

    gate->release.release(1000);
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.finalResponses().at(0).status, 200);
    // the withdrawn rebind never happens later: still where it was, never at wanted
    QVERIFY(!listening.wait(300));
    QCOMPARE(listening.size(), 1);
    QTcpSocket still;
    still.connectToHost(QHostAddress::LocalHost, before);
    QVERIFY(still.waitForConnected(5000));
    QTcpSocket notMoved;
    notMoved.connectToHost(QHostAddress::LocalHost, wanted);
    QVERIFY(!notMoved.waitForConnected(1000));

    // and once the thread is free, the same change goes through
    QVERIFY2(host.setConfig(moved, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&listening] { return listening.size() == 2; }, 5000));
    QCOMPARE(portOf(listening, 1), wanted);
}

void TestListenerHost::rejectsInvalidConfig() {
    ListenerHost host;
    ListenerConfig config = anyPort();
    config.maxConnections = 0;
    QString error;
    QVERIFY(!host.setConfig(config, &error));
    QVERIFY(error.contains(QStringLiteral("connection limit")));
    QSignalSpy failed(&host, &ListenerHost::listenerFailed);
    host.start(config);
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.at(0).at(0).value<ListenerFailure>().message.contains(
        QStringLiteral("connection limit")));
}

void TestListenerHost::destructorAnswersAndJoins() {
    HttpTestClient client;
    {
        ListenerHost host;
        QSignalSpy listening(&host, &ListenerHost::listening);
        CaptureRelay relay(&host);
        QSignalSpy captured(&relay, &CaptureRelay::relayed);
        ListenerConfig config = anyPort();
        config.response.delayMs = 200;
        host.start(config);
        QVERIFY(listening.wait(5000));
        QVERIFY(client.connectTo(portOf(listening)));
        client.send(post("/last"));
        QVERIFY(captured.wait(5000));
    } // stops gracefully: the delayed answer still goes out
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 200);
    QVERIFY(client.waitForClose());
}

QTEST_GUILESS_MAIN(TestListenerHost)

#include "tst_listenerhost.moc"
