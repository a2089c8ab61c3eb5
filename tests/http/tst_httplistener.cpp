#include "http/httplistener.h"
#include "httptestclient.h"
#include "listenerfixture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

class TestHttpListener : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listensOnFreePort();
    void reportsBusyPort();
    void rejectsInvalidConfig();
    void refusesConnectionsOverLimit();
    void tokenGuardsRequests_data();
    void tokenGuardsRequests();
    void delaysResponseOnly();
    void newConfigAppliesToLaterRequests();
    void stopAnswersReceivedRequests();
};

void TestHttpListener::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

void TestHttpListener::listensOnFreePort() {
    HttpListener listener;
    QSignalSpy listening(&listener, &HttpListener::listening);
    ListenerConfig config;
    config.port = 0;
    QVERIFY(listener.start(config));
    QCOMPARE(listening.size(), 1);
    const quint16 port = listening.at(0).at(1).value<quint16>();
    QVERIFY(port != 0);
    QCOMPARE(port, listener.serverPort());
    QCOMPARE(listening.at(0).at(0).value<QHostAddress>(), QHostAddress(QHostAddress::LocalHost));
}

void TestHttpListener::reportsBusyPort() {
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    HttpListener listener;
    QSignalSpy failed(&listener, &HttpListener::listenerFailed);
    ListenerConfig config;
    config.port = occupant.serverPort();
    QVERIFY(!listener.start(config));
    QCOMPARE(failed.size(), 1);
    const auto failure = failed.at(0).at(0).value<ListenerFailure>();
    QCOMPARE(failure.reason, ListenerFailure::Reason::PortInUse);
    const QString &message = failure.message;
    QVERIFY2(message.contains(QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("in use")), qPrintable(message));
    QVERIFY(!message.contains(QLatin1Char('\n')));
}

void TestHttpListener::rejectsInvalidConfig() {
    ListenerConfig config;
    config.port = 0;
    config.response.headers.append(HeaderField{"X-Bad", "a\r\nInjected: yes"});
    HttpListener listener;
    QSignalSpy failed(&listener, &HttpListener::listenerFailed);
    QVERIFY(!listener.start(config));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<ListenerFailure>().reason,
             ListenerFailure::Reason::InvalidConfig);
    QVERIFY(!listener.isListening());

    ListenerConfig good;
    good.port = 0;
    QVERIFY(listener.start(good));
    ListenerConfig noBody = good;
    noBody.response.status = 204;
    QString error;
    QVERIFY(!listener.setConfig(noBody, &error)); // a 204 cannot carry the default body
    QVERIFY(!error.isEmpty());
    QCOMPARE(listener.config().response.status, 200);
    // a framing field the listener sets itself is refused, not silently dropped
    ListenerConfig framed = good;
    framed.response.headers.append(HeaderField{"content-length", "5"});
    error.clear();
    QVERIFY(!listener.setConfig(framed, &error));
    QVERIFY2(error.contains(u"content-length") && error.contains(u"itself"), qPrintable(error));
    QCOMPARE(listener.config().response.headers, good.response.headers);
    // a body limit of 0 would answer every request with a body 413
    ListenerConfig noBodies = good;
    noBodies.maxBodyBytes = 0;
    error.clear();
    QVERIFY(!listener.setConfig(noBodies, &error));
    QVERIFY2(error.contains(u"at least 1 byte"), qPrintable(error));
    // nor one that a session file cannot keep: that capture, and every one after it, got 503
    ListenerConfig unstorable = good;
    unstorable.maxBodyBytes = ListenerConfig::MaxBodyLimit + 1;
    error.clear();
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"at most 900 MiB"), qPrintable(error));
    unstorable = good;
    unstorable.response.body = QByteArray(ListenerConfig::MaxResponseBodyBytes + 1, 'x');
    error.clear();
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"at most 16 MiB"), qPrintable(error));
    unstorable = good;
    unstorable.maxHeadBytes = 1024 * 1024 + 1;
    error.clear();
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"at most 1 MiB"), qPrintable(error));
    // and nothing past what the command line and the settings dialog offer
    unstorable = good;
    unstorable.maxConnections = ListenerConfig::MaxConnectionsLimit + 1;
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"between 1 and 100000"), qPrintable(error));
    unstorable = good;
    unstorable.requestTimeoutMs = ListenerConfig::MaxRequestTimeoutSeconds * 1000 + 1;
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"between 1 ms and 86400 s"), qPrintable(error));
    unstorable = good;
    unstorable.response.delayMs = ListenerConfig::MaxResponseDelayMs + 1;
    QVERIFY(!listener.setConfig(unstorable, &error));
    QVERIFY2(error.contains(u"between 0 and 600000 ms"), qPrintable(error));
    ListenerConfig largest = good;
    largest.maxBodyBytes = ListenerConfig::MaxBodyLimit;
    largest.maxConnections = ListenerConfig::MaxConnectionsLimit;
    largest.requestTimeoutMs = ListenerConfig::MaxRequestTimeoutSeconds * 1000;
    largest.response.delayMs = ListenerConfig::MaxResponseDelayMs;
    largest.response.body = QByteArray(ListenerConfig::MaxResponseBodyBytes, 'x');
    QVERIFY2(listener.setConfig(largest, &error), qPrintable(error));
}

void TestHttpListener::refusesConnectionsOverLimit() {
    ListenerConfig config;
    config.maxConnections = 2;
    Fixture fixture(config);
    HttpTestClient first;
    HttpTestClient second;
    QVERIFY(first.connectTo(fixture.port));
    QVERIFY(second.connectTo(fixture.port));
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 2; }, 5000));

    HttpTestClient third;
    QVERIFY(third.connectTo(fixture.port));
    const quint16 thirdPort = third.socket.localPort();
    QVERIFY(third.waitForResponses(1));
    QCOMPARE(third.responses.front().status, 503);
    QVERIFY(third.waitForClose());
    QVERIFY(fixture.waitForCaptures(1));
    QVERIFY(fixture.captures.front().isRejected());
    QCOMPARE(fixture.captures.front().response.status, 503);
    QCOMPARE(fixture.captures.front().remotePort, thirdPort);

    // the first two are still served, and a freed slot is used again
    first.send(post("/still", "{}"));
    QVERIFY(first.waitForResponses(1));
    QCOMPARE(first.responses.front().status, 200);
    second.socket.disconnectFromHost();
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 1; }, 5000));
    HttpTestClient fourth;
    QVERIFY(fourth.connectTo(fixture.port));
    fourth.send(post("/again", "{}"));
    QVERIFY(fourth.waitForResponses(1));
    QCOMPARE(fourth.responses.front().status, 200);
}

void TestHttpListener::tokenGuardsRequests_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::newRow("missing") << QByteArray("/webhook") << 401;
    QTest::newRow("other parameters only") << QByteArray("/webhook?a=1&b=2") << 401;
    QTest::newRow("wrong") << QByteArray("/webhook?Token=guess") << 401;
    QTest::newRow("prefix of the token") << QByteArray("/webhook?Token=s3cr3t") << 401;
    QTest::newRow("percent-encoded") << "/webhook?a=1&Token=" + Token.toPercentEncoding() << 200;
    QTest::newRow("absolute-form")
        << "http://127.0.0.1/webhook?Token=" + Token.toPercentEncoding() + "&z=9" << 200;
}

void TestHttpListener::tokenGuardsRequests() {
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    ListenerConfig config;
    config.token = QString::fromLatin1(Token);
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post(target, R"({"Events":[]})"));
    QVERIFY(client.waitForResponses(1));
    const HttpTestClient::Response response = client.responses.front();
    QCOMPARE(response.status, status);
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.isRejected(), status != 200);
    QCOMPARE(capture.body, QByteArray(R"({"Events":[]})"));
    if (status == 401) {
        QVERIFY(!response.header("WWW-Authenticate").isEmpty());
        // the secret is never echoed, not even its tail
        QVERIFY(!response.body.contains(Token.right(4)));
        QVERIFY(!capture.rejection.contains(QString::fromLatin1(Token.right(4))));
        QVERIFY(client.waitForClose());
    }
}

void TestHttpListener::delaysResponseOnly() {
    ListenerConfig config;
    config.response.delayMs = 300;
    config.response.status = 202;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    bool answeredWhenCaptured = true;
    QObject::connect(&fixture.listener, &HttpListener::captured, &client,
                     [&] { answeredWhenCaptured = hasUnreadBytes(client.socket); });
    client.send(post("/slowly", "{}"));
    QVERIFY(fixture.waitForCaptures(1));
    QVERIFY(!answeredWhenCaptured); // captured and committed at once, answered later
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 202);
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.response.sentUtcMs >= capture.completeUtcMs + 300);
}

void TestHttpListener::newConfigAppliesToLaterRequests() {
    Fixture fixture;
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post("/before", "{}"));
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 200);

    ListenerConfig changed = fixture.listener.config();
    changed.response.status = 418;
    changed.response.body = "teapot";
    changed.response.headers = {{"Content-Type", "text/plain"}, {"X-Mode", "changed"}};
    QVERIFY(fixture.listener.setConfig(changed));
    client.send(post("/after", "{}"));
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses.at(1).status, 418);
    QCOMPARE(client.responses.at(1).body, QByteArray("teapot"));
    QCOMPARE(client.responses.at(1).header("X-Mode"), QByteArray("changed"));
    QVERIFY(!client.closedByPeer);
    QVERIFY(fixture.waitForCaptures(2));
    QCOMPARE(fixture.captures.at(1).connectionId, fixture.captures.at(0).connectionId);
}

void TestHttpListener::stopAnswersReceivedRequests() {
    ListenerConfig config;
    config.response.delayMs = 200;
    Fixture fixture(config);
    QSignalSpy stopped(&fixture.listener, &HttpListener::stopped);
    HttpTestClient answered;
    HttpTestClient partial;
    HttpTestClient idle;
    QVERIFY(answered.connectTo(fixture.port));
    QVERIFY(partial.connectTo(fixture.port));
    QVERIFY(idle.connectTo(fixture.port));
    answered.send(post("/done", "{}"));
    partial.send("POST /half HTTP/1.1\r\nHost: a\r\n");
    QVERIFY(fixture.waitForCaptures(1));
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 3; }, 5000));
    QTest::qWait(0);

    fixture.listener.stop(5000);
    QVERIFY(!fixture.listener.isListening());
    QVERIFY(stopped.wait(10000));
    QCOMPARE(fixture.listener.connectionCount(), 0);
    QVERIFY(answered.waitForResponses(1));
    QCOMPARE(answered.responses.front().status, 200);
    QVERIFY(partial.waitForResponses(1));
    QCOMPARE(partial.responses.front().status, 503);
    QVERIFY(idle.waitForClose());
    QVERIFY(idle.received.isEmpty());
    QCOMPARE(fixture.captures.size(), 2);
}

QTEST_GUILESS_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
