#include "http/httplistener.h"
#include "httptestclient.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/socket.h>

namespace {

const QByteArray Token = "s3cr3t-T0ken+/=9a7f";

// A committer that records what it was given and can be told to fail.
class RecordingCommitter : public CaptureCommitter {
public:
    bool commit(QList<Capture> &captures, QString *error) override {
        batchSizes.append(int(captures.size()));
        if (beforeCommit)
            beforeCommit(captures);
        for (Capture &capture : captures)
            capture.id = nextId++;
        committed += captures;
        if (failWith.isEmpty())
            return true;
        *error = failWith;
        return false;
    }
    void responsesReplaced(const QList<Capture> &captures) override { replaced += captures; }

    std::function<void(const QList<Capture> &)> beforeCommit;
    QString failWith;
    qint64 nextId = 1000;
    QList<int> batchSizes;
    QList<Capture> committed;
    QList<Capture> replaced;
};

// Whether bytes have reached a socket at the operating-system level, without reading them.
bool hasUnreadBytes(QTcpSocket &socket) {
    char byte = 0;
    return socket.bytesAvailable() > 0 ||
           ::recv(int(socket.socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

QByteArray post(const QByteArray &target, const QByteArray &body, const QByteArray &extra = {}) {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// One listener on port 0 and every capture it emits.
struct Fixture {
    explicit Fixture(ListenerConfig config = ListenerConfig()) {
        config.port = 0;
        QObject::connect(&listener, &HttpListener::captured, [this](const QList<Capture> &batch) {
            batches.append(batch);
            captures += batch;
        });
        started = listener.start(config);
        port = listener.serverPort();
    }

    bool waitForCaptures(qsizetype count, int timeoutMs = 5000) {
        return QTest::qWaitFor([this, count] { return captures.size() >= count; }, timeoutMs);
    }

    HttpListener listener;
    bool started = false;
    quint16 port = 0;
    QList<QList<Capture>> batches;
    QList<Capture> captures;
};

} // namespace

class TestHttpListener : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listensOnFreePort();
    void reportsBusyPort();
    void rejectsInvalidConfig();
    void capturesRequestFaithfully();
    void keepAliveCountsSequences();
    void pipelinedResponsesInOrder();
    void http10ClosesUnlessKeepAlive();
    void headGetsNoBody();
    void expectContinueOnRawSocket();
    void continueWaitsForEarlierResponses();
    void expectContinueRefusedAtOnce_data();
    void expectContinueRefusedAtOnce();
    void rejectsAndRecords_data();
    void rejectsAndRecords();
    void rejectsBodyOverLimitWhileDechunking();
    void slowRequestTimesOut();
    void idleConnectionClosesQuietly();
    void clientClosingMidRequestIsRecorded();
    void refusesConnectionsOverLimit();
    void tokenGuardsRequests_data();
    void tokenGuardsRequests();
    void commitsBeforeResponding();
    void answers503WhenCommitFails();
    void delaysResponseOnly();
    void newConfigAppliesToLaterRequests();
    void stopAnswersReceivedRequests();
    void curlPostsJson();
    void curlLargeBodyUsesExpectContinue();
    void curlChunkedUpload();
    void curlOverLimitGets413();

private:
    QString curlPath() const;
};

void TestHttpListener::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

QString TestHttpListener::curlPath() const {
    return QStandardPaths::findExecutable(QStringLiteral("curl"));
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
    const QString message = failed.at(0).at(0).toString();
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
}

void TestHttpListener::capturesRequestFaithfully() {
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

void TestHttpListener::keepAliveCountsSequences() {
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

void TestHttpListener::pipelinedResponsesInOrder() {
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

void TestHttpListener::http10ClosesUnlessKeepAlive() {
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

void TestHttpListener::headGetsNoBody() {
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

void TestHttpListener::expectContinueOnRawSocket() {
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

void TestHttpListener::continueWaitsForEarlierResponses() {
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

void TestHttpListener::expectContinueRefusedAtOnce_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("status");
    QTest::newRow("too large") << QByteArray("/w?Token=" + Token.toPercentEncoding()) << 4097
                               << 413;
    QTest::newRow("no token") << QByteArray("/w") << 10 << 401;
}

void TestHttpListener::expectContinueRefusedAtOnce() {
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

void TestHttpListener::rejectsAndRecords_data() {
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

void TestHttpListener::rejectsAndRecords() {
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

void TestHttpListener::rejectsBodyOverLimitWhileDechunking() {
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

void TestHttpListener::slowRequestTimesOut() {
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

void TestHttpListener::idleConnectionClosesQuietly() {
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

void TestHttpListener::clientClosingMidRequestIsRecorded() {
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

void TestHttpListener::commitsBeforeResponding() {
    Fixture fixture;
    auto owned = std::make_unique<RecordingCommitter>();
    RecordingCommitter *committer = owned.get();
    fixture.listener.setCommitter(std::move(owned));
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    bool answeredBeforeCommit = true;
    int statusAtCommit = 0;
    committer->beforeCommit = [&](const QList<Capture> &captures) {
        answeredBeforeCommit = hasUnreadBytes(client.socket);
        statusAtCommit = captures.front().response.status;
    };
    // three pipelined requests in one write arrive in one read: one batch, one commit
    client.send(post("/1", "{}") + post("/2", "{}") + post("/3", "{}"));
    QVERIFY(client.waitForResponses(3));
    QVERIFY(fixture.waitForCaptures(3));
    QVERIFY(!answeredBeforeCommit);
    QCOMPARE(statusAtCommit, 200);
    QCOMPARE(committer->batchSizes, QList<int>{3});
    QCOMPARE(fixture.batches.size(), 1);
    QCOMPARE(fixture.captures[0].id, 1000);
    QCOMPARE(fixture.captures[2].id, 1002);
    QCOMPARE(committer->committed.size(), 3);
    QVERIFY(committer->replaced.isEmpty());
}

void TestHttpListener::answers503WhenCommitFails() {
    Fixture fixture;
    auto owned = std::make_unique<RecordingCommitter>();
    RecordingCommitter *committer = owned.get();
    committer->failWith = QStringLiteral("disk full");
    fixture.listener.setCommitter(std::move(owned));
    HttpTestClient client;
    QVERIFY(client.connectTo(fixture.port));
    client.send(post("/w", "{}"));
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses.front().status, 503);
    QVERIFY(client.responses.front().body.contains("disk full"));
    QVERIFY(client.waitForClose());
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.response.status, 503);
    QVERIFY(capture.rejection.contains(QStringLiteral("disk full")));
    QCOMPARE(committer->replaced.size(), 1);
    QCOMPARE(committer->replaced.front().response.status, 503);
    QCOMPARE(committer->replaced.front().id, capture.id);
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

void TestHttpListener::curlPostsJson() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    QProcess process;
    process.start(
        curl,
        {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
         QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-H"),
         QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-binary"),
         QStringLiteral("@") + TestSupport::dataPath(QStringLiteral("samples/general-mixed.json")),
         QStringLiteral("http://127.0.0.1:%1/webhook").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.body, body);
    QCOMPARE(capture.method, QByteArray("POST"));
    QVERIFY(capture.headerValue("User-Agent").startsWith("curl/"));
}

void TestHttpListener::curlLargeBodyUsesExpectContinue() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray body(3 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('A' + i % 23);
    const QString path = dir.filePath(QStringLiteral("big.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(body);
    file.close();
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                   QStringLiteral("--data-binary"), QStringLiteral("@") + path,
                   QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.headerValue("Expect"), QByteArray("100-continue"));
    QCOMPARE(capture.body.size(), body.size());
    QVERIFY(capture.body == body);
}

void TestHttpListener::curlChunkedUpload() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/general-current-format.json"));
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-H"),
                   QStringLiteral("Transfer-Encoding: chunked"), QStringLiteral("--data-binary"),
                   QStringLiteral("@") +
                       TestSupport::dataPath(QStringLiteral("samples/general-current-format.json")),
                   QStringLiteral("http://127.0.0.1:%1/chunked").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.chunked);
    QCOMPARE(capture.body, body);
}

void TestHttpListener::curlOverLimitGets413() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    ListenerConfig config;
    config.maxBodyBytes = 1024 * 1024;
    Fixture fixture(config);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2 * 1024 * 1024, 'z'));
    file.close();
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                   QStringLiteral("--data-binary"), QStringLiteral("@") + path,
                   QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.readAllStandardOutput(), QByteArray("413"));
    QVERIFY(fixture.waitForCaptures(1));
    QCOMPARE(fixture.captures.front().response.status, 413);
    QVERIFY(fixture.captures.front().body.isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpListener)

#include "tst_httplistener.moc"
