#include "http/httplistener.h"
#include "httptestclient.h"
#include "listenerfixture.h"

#include <QTest>

// One connection's side of the protocol, over real loopback sockets through the listener:
// what a request keeps, keep-alive and pipelining, 100-continue. Rejections, timeouts and
// clients that go away are in tst_httpconnectionfailures.
class TestHttpConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void capturesRequestFaithfully();
    void keepAliveCountsSequences();
    void pipelinedResponsesInOrder();
    void http10ClosesUnlessKeepAlive();
    void headGetsNoBody();
    void headErrorAndConnectAnswerCarryNoBody();
    void expectContinueOnRawSocket();
    void continueWaitsForEarlierResponses();
    void expectContinueRefusedAtOnce_data();
    void expectContinueRefusedAtOnce();
};

void TestHttpConnection::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

void TestHttpConnection::capturesRequestFaithfully() {
    Fixture fixture;
    QVERIFY(fixture.started);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    const QByteArray head = "POST /webhook?x=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nX-Dup: one\r\n"
                            "content-TYPE: application/json\r\nx-dup:  two\r\n"
                            "Content-Length: 27\r\n\r\n";
    const QByteArray body = R"({"Action":"ServiceOrderUpdated"})";
    client.send(head + body.left(27));
    QVERIFY(client.waitForResponses(1));
    QVERIFY(fixture.waitForCaptures(1));

    const HttpTestClient::Response response = client.responses.front();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.header("Content-Length"), QByteArray("11"));
    QVERIFY(response.header("Date").endsWith(" GMT"));
    QVERIFY(response.header("Connection").isNull());

    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.id, 1);
    QVERIFY(!capture.isRejected());
    QCOMPARE(capture.rawHead, head);
    QCOMPARE(capture.method, QByteArray("POST"));
    QCOMPARE(capture.target, QByteArray("/webhook?x=1"));
    QCOMPARE(capture.httpVersion, QByteArray("HTTP/1.1"));
    const HeaderList headers{{"host", "127.0.0.1"},
                             {"X-Dup", "one"},
                             {"content-TYPE", "application/json"},
                             {"x-dup", "two"},
                             {"Content-Length", "27"}};
    QCOMPARE(capture.headers, headers);
    QCOMPARE(capture.body, body.left(27));
    QCOMPARE(capture.remoteAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(capture.remotePort, client.socket.localPort());
    QCOMPARE(capture.localPort, fixture.port);
    QCOMPARE(capture.connectionId, quint64(1));
    QCOMPARE(capture.sequence, quint32(1));
    QVERIFY(capture.firstByteUtcMs > 0);
    QVERIFY(capture.firstByteUtcMs <= capture.completeUtcMs);
    QVERIFY(capture.completeUtcMs <= capture.response.sentUtcMs);
    QCOMPARE(capture.response.status, response.status);
    QCOMPARE(capture.response.headers, response.headers);
    QCOMPARE(capture.response.body, response.body);
}

void TestHttpConnection::keepAliveCountsSequences() {
    Fixture fixture;
    HttpTestClient first;
    QVERIFY(first.connectTo(fixture.port));
    first.send(post("/a", "{}"));
    QVERIFY(first.waitForResponses(1));
    first.send(post("/b", "[]"));
    QVERIFY(first.waitForResponses(2));
    HttpTestClient second;
    QVERIFY(second.connectTo(fixture.port));
    second.send(post("/c", "{}"));
    QVERIFY(second.waitForResponses(1));
    QVERIFY(fixture.waitForCaptures(3));

    QCOMPARE(fixture.captures[0].connectionId, quint64(1));
    QCOMPARE(fixture.captures[0].sequence, quint32(1));
    QCOMPARE(fixture.captures[1].connectionId, quint64(1));
    QCOMPARE(fixture.captures[1].sequence, quint32(2));
    QCOMPARE(fixture.captures[1].target, QByteArray("/b"));
    QCOMPARE(fixture.captures[2].connectionId, quint64(2));
    QCOMPARE(fixture.captures[2].sequence, quint32(1));
    QCOMPARE(fixture.captures[2].remotePort, second.socket.localPort());
    QVERIFY(!first.closedByPeer);
    QCOMPARE(fixture.listener.connectionCount(), 2);
}

void TestHttpConnection::pipelinedResponsesInOrder() {
    ListenerConfig config;
    config.response.delayMs = 50; // delayed responses must keep their order too
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.expectHeadResponse(false);
    client.expectHeadResponse(true);
    client.expectHeadResponse(false);
    client.send(post("/1", "{}") + "HEAD /2 HTTP/1.1\r\nHost: a\r\n\r\n" +
                post("/3", "[]", "Connection: close\r\n"));
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(3));

    QCOMPARE(fixture.captures.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(fixture.captures[i].sequence, quint32(i + 1));
        QCOMPARE(fixture.captures[i].target, QByteArray("/") + QByteArray::number(i + 1));
    }
    // exactly three responses came back, in request order, with nothing left over
    QCOMPARE(client.responses.size(), 3);
    QVERIFY(client.received.isEmpty());
    QCOMPARE(client.responses[0].body, QByteArray(R"({"ok":true})"));
    QVERIFY(client.responses[0].header("Connection").isNull());
    QCOMPARE(client.responses[1].header("Content-Length"), QByteArray("11"));
    QCOMPARE(client.responses[1].body, QByteArray());
    QCOMPARE(client.responses[2].header("Connection"), QByteArray("close"));
    QCOMPARE(client.responses[2].body, QByteArray(R"({"ok":true})"));
    QCOMPARE(fixture.captures[1].response.body, QByteArray());
}

void TestHttpConnection::http10ClosesUnlessKeepAlive() {
    Fixture fixture;
    HttpTestClient plain;
    QVERIFY(plain.connectTo(fixture.port));
    plain.send("GET /old HTTP/1.0\r\n\r\n");
    QVERIFY(plain.waitForResponses(1));
    QCOMPARE(plain.responses.front().header("Connection"), QByteArray("close"));
    QVERIFY(plain.waitForClose());

    HttpTestClient keepAlive;
    QVERIFY(keepAlive.connectTo(fixture.port));
    keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(keepAlive.waitForResponses(1));
    QCOMPARE(keepAlive.responses.front().header("Connection"), QByteArray("keep-alive"));
    keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(keepAlive.waitForResponses(2));
    QVERIFY(!keepAlive.closedByPeer);
    QVERIFY(fixture.waitForCaptures(3));
    QCOMPARE(fixture.captures[2].sequence, quint32(2));
    QCOMPARE(fixture.captures[2].httpVersion, QByteArray("HTTP/1.0"));
}

void TestHttpConnection::headGetsNoBody() {
    Fixture fixture;
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.expectHeadResponse();
    client.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().header("Content-Length"), QByteArray("11"));
    // no body followed: the next response starts right after the head
    client.send(post("/after", "{}"));
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses.at(1).status, 200);
    QCOMPARE(client.responses.at(1).body, QByteArray(R"({"ok":true})"));
    QVERIFY(client.received.isEmpty());
    QVERIFY(fixture.waitForCaptures(2));
    QCOMPARE(fixture.captures[0].response.body, QByteArray());
    QCOMPARE(fixture.captures[1].target, QByteArray("/after"));
}

void TestHttpConnection::headErrorAndConnectAnswerCarryNoBody() {
    Fixture fixture;
    // an error to HEAD (no Host: 400) announces its length but sends no content
    HttpTestClient head;
    QVERIFY(head.connectTo(fixture.port));
    head.expectHeadResponse();
    head.send("HEAD /h HTTP/1.1\r\n\r\n");
    QVERIFY(head.waitForClose());
    QCOMPARE(head.responses.size(), 1);
    QCOMPARE(head.responses.front().status, 400);
    QVERIFY(head.responses.front().header("Content-Length").toInt() > 0);
    QVERIFY2(head.received.isEmpty(), head.received.constData());

    // a 2xx to CONNECT has neither Content-Length nor content (RFC 9110 §9.3.6)
    HttpTestClient tunnel;
    QVERIFY(tunnel.connectTo(fixture.port));
    tunnel.send("CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n");
    QVERIFY(tunnel.waitForClose());
    QCOMPARE(tunnel.responses.size(), 1);
    QCOMPARE(tunnel.responses.front().status, 200);
    QVERIFY(tunnel.responses.front().header("Content-Length").isNull());
    QVERIFY2(tunnel.received.isEmpty(), tunnel.received.constData());
    QVERIFY(fixture.waitForCaptures(2));
}

void TestHttpConnection::expectContinueOnRawSocket() {
    Fixture fixture;
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(
        "POST /big HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 100);
    QVERIFY(fixture.captures.isEmpty());
    client.send("hello");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses.at(1).status, 200);
    QVERIFY(fixture.waitForCaptures(1));
    QCOMPARE(fixture.captures.front().body, QByteArray("hello"));
    QCOMPARE(fixture.captures.front().headerValue("Expect"), QByteArray("100-continue"));
}

void TestHttpConnection::continueWaitsForEarlierResponses() {
    ListenerConfig config;
    config.response.delayMs = 150;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    // the second request's head arrives while the first one's answer is still delayed
    client.send(
        post("/first", "{}") +
        "POST /second HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses.at(0).status, 200);
    QCOMPARE(client.responses.at(1).status, 100);
    client.send("[]");
    QVERIFY(client.waitForResponses(3));
    QCOMPARE(client.responses.at(2).status, 200);
    QVERIFY(fixture.waitForCaptures(2));
    QCOMPARE(fixture.captures.at(1).body, QByteArray("[]"));
}

void TestHttpConnection::expectContinueRefusedAtOnce_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("status");
    QTest::newRow("too large") << QByteArray("/w?Token=" + Token.toPercentEncoding()) << 4097
                               << 413;
    QTest::newRow("no token") << QByteArray("/w") << 10 << 401;
}

void TestHttpConnection::expectContinueRefusedAtOnce() {
    QFETCH(QByteArray, target);
    QFETCH(int, length);
    QFETCH(int, status);
    ListenerConfig config;
    config.maxBodyBytes = 4096;
    config.token = QString::fromLatin1(Token);
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send("POST " + target +
                " HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: " +
                QByteArray::number(length) + "\r\n\r\n");
    // the final answer comes without the body ever being sent, and no 100 before it
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, status);
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(1));
    QVERIFY(fixture.captures.front().isRejected());
    QCOMPARE(fixture.captures.front().response.status, status);
}

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
