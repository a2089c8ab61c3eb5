#include "http/httplistener.h"
#include "httptestclient.h"
#include "listenerfixture.h"

#include <QTest>

// How one connection ends when its request cannot be answered as asked, over real loopback
// sockets through the listener: rejections with their records, the body limit while
// de-chunking, timeouts, and clients that close early. Split from tst_httpconnection.
class TestHttpConnectionFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rejectsAndRecords_data();
    void rejectsAndRecords();
    void rejectsBodyOverLimitWhileDechunking();
    void slowRequestTimesOut();
    void idleConnectionClosesQuietly();
    void idleTimeDoesNotCountAgainstTheNextRequest();
    void clientClosingMidRequestIsRecorded();
    void halfClosedClientIsAnswered();
};

void TestHttpConnectionFailures::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

void TestHttpConnectionFailures::rejectsAndRecords_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("malformed request line")
        << QByteArray("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n")
                              << 400;
    QTest::newRow("smuggling: both lengths")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: "
                      "chunked\r\n\r\n")
        << 400;
    QTest::newRow("unsupported coding")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: br, chunked\r\n\r\n")
        << 501;
    QTest::newRow("http/2 in text") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("content-length over limit")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4097\r\n\r\n") << 413;
    QTest::newRow("target over limit") << "GET /" + QByteArray(600, 'a') << 414;
    QTest::newRow("head over limit") << "GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'h') << 431;
}

void TestHttpConnectionFailures::rejectsAndRecords() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    ListenerConfig config;
    config.maxBodyBytes = 4096;
    config.maxTargetBytes = 512;
    config.maxHeadBytes = 1024;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(request);
    QVERIFY(client.waitForResponses(1));
    const HttpTestClient::Response response = client.responses.front();
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(response.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QVERIFY(response.body.endsWith('\n'));
    QVERIFY(client.waitForClose());

    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.isRejected());
    QCOMPARE(capture.rejection, QString::fromUtf8(response.body.trimmed()));
    QCOMPARE(capture.response.status, status);
    QVERIFY(!capture.rawHead.isEmpty());
    QVERIFY(request.startsWith(capture.rawHead));
    QVERIFY(capture.rawHead.size() <= config.maxHeadBytes);
}

void TestHttpConnectionFailures::rejectsBodyOverLimitWhileDechunking() {
    ListenerConfig config;
    config.maxBodyBytes = 100;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" +
                QByteArray(64, 'x') + "\r\n");
    QTest::qWait(0);
    client.send("40\r\n" + QByteArray(64, 'y') + "\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 413);
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.chunked);
    QCOMPARE(capture.body, QByteArray(64, 'x')); // what arrived, up to the limit
}

void TestHttpConnectionFailures::slowRequestTimesOut() {
    ListenerConfig config;
    config.requestTimeoutMs = 300;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send("POST /slow HTTP/1.1\r\nHost: a\r\nX-Dri");
    QVERIFY(client.waitForResponses(1, 10000));
    QCOMPARE(client.responses.front().status, 408);
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.isRejected());
    QCOMPARE(capture.rawHead, QByteArray("POST /slow HTTP/1.1\r\nHost: a\r\nX-Dri"));
    QCOMPARE(capture.response.status, 408);
}

void TestHttpConnectionFailures::idleConnectionClosesQuietly() {
    ListenerConfig config;
    config.requestTimeoutMs = 300;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 1; }, 5000));
    QVERIFY(client.waitForClose(10000));
    QVERIFY(client.received.isEmpty());
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 0; }, 5000));
    QVERIFY(fixture.captures.isEmpty());
}

void TestHttpConnectionFailures::idleTimeDoesNotCountAgainstTheNextRequest() {
    // The deadline is checked every quarter of the timeout, so it fires by 1.25 × the
    // timeout; the second request ends 1.4 × the timeout after the first response, and
    // 0.5 × after its own first byte.
    ListenerConfig config;
    config.requestTimeoutMs = 2000;
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post("/first", "{}"));
    QVERIFY(client.waitForResponses(1));
    QTest::qWait(1800);
    const QByteArray second = post("/second", "{}");
    client.send(second.first(10));
    QTest::qWait(1000);
    client.send(second.sliced(10));
    QVERIFY(client.waitForResponses(2, 10000));
    QCOMPARE(client.responses.at(1).status, 200);
    QVERIFY(fixture.waitForCaptures(2));
    QCOMPARE(fixture.captures.at(1).target, QByteArray("/second"));
    QVERIFY(!fixture.captures.at(1).isRejected());
}

void TestHttpConnectionFailures::clientClosingMidRequestIsRecorded() {
    Fixture fixture;
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(QByteArray("POST /cut HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"));
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 1; }, 5000));
    QTest::qWait(0);
    client.socket.disconnectFromHost();
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.isRejected());
    QCOMPARE(capture.response.status, 0); // nothing could be answered
    QCOMPARE(capture.target, QByteArray("/cut"));
}

void TestHttpConnectionFailures::halfClosedClientIsAnswered() {
    ListenerConfig config;
    config.response.delayMs = 100; // the answers are still owed well after the client's FIN
    Fixture fixture(config);
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post("/1", "{}") + post("/2", "[]") + "POST /3 HTTP/1.1\r\nHost: a\r\n");
    // like `curl` after its upload or a client doing shutdown(SHUT_WR): done sending
    QCOMPARE(::shutdown(int(client.socket.socketDescriptor()), SHUT_WR), 0);
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(3));

    QCOMPARE(client.responses.size(), 2);
    QCOMPARE(client.responses[0].status, 200);
    QCOMPARE(client.responses[1].body, QByteArray(R"({"ok":true})"));
    QVERIFY(client.received.isEmpty());
    QCOMPARE(fixture.captures[0].target, QByteArray("/1"));
    QVERIFY(!fixture.captures[1].isRejected());
    // the third request was cut short by the client's end of input
    QVERIFY(fixture.captures[2].isRejected());
    QCOMPARE(fixture.captures[2].response.status, 0);
    QVERIFY(QTest::qWaitFor([&fixture] { return fixture.listener.connectionCount() == 0; }, 5000));
}

QTEST_GUILESS_MAIN(TestHttpConnectionFailures)
#include "tst_httpconnectionfailures.moc"
