// RequestResender against a real server on loopback that records the bytes it receives.
#include "http/requestresender.h"
#include "oneshotserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

Capture captured(const QByteArray &target) {
    Capture c;
    c.method = "PUT";
    c.target = target;
    c.httpVersion = "HTTP/1.1";
    c.headers = {{"Host", "example.mews.invalid"},
                 {"Content-Type", "application/json"},
                 {"X-Trace", "a"},
                 {"Content-Length", "999"},
                 {"x-trace", "b"},
                 {"Connection", "close"},
                 {"User-Agent", "Mews/1.0"}};
    c.body = QByteArray("{\"x\":\"\0\xff\"}", 11);
    return c;
}

} // namespace

class TestRequestResender : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sendsMethodFieldsAndBodyAsCaptured();
    void requests_data();
    void requests();
    void answers_data();
    void answers();
    void destinations_data();
    void destinations();
    void anErrorStatusIsAnAnswer();
    void reportsARefusedConnection();
    void sendsNothingToAnUntrustedHttpsServer();
    void givesUpAfterItsTimeout();
    void oneResendAtATime();
};

void TestRequestResender::sendsMethodFieldsAndBodyAsCaptured() {
    OneShotServer server("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Answer: yes\r\n\r\nok");
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QString error;
    QVERIFY2(resender.send(captured("/hook?Token=abc"),
                           QStringLiteral("http://127.0.0.1:%1").arg(server.port()), &error),
             qPrintable(error));
    QVERIFY(resender.isSending());
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.status, 201);
    QCOMPARE(outcome.reason, QByteArray("Created"));
    QCOMPARE(outcome.body, QByteArray("ok"));
    QVERIFY(outcome.headers.contains(HeaderField{"X-Answer", "yes"}));
    QCOMPARE(outcome.url.toString(),
             QStringLiteral("http://127.0.0.1:%1/hook?Token=abc").arg(server.port()));
    QVERIFY(!resender.isSending());

    // Every field as captured, in its place, with its case, repeated ones repeated; the
    // connection's own made for this connection; nothing added.
    const QByteArray expected = "PUT /hook?Token=abc HTTP/1.1\r\n"
                                "Host: 127.0.0.1:" +
                                QByteArray::number(server.port()) +
                                "\r\n"
                                "Content-Type: application/json\r\n"
                                "X-Trace: a\r\n"
                                "Content-Length: 11\r\n"
                                "x-trace: b\r\n"
                                "Connection: close\r\n"
                                "User-Agent: Mews/1.0\r\n"
                                "\r\n" +
                                captured("/").body;
    QCOMPARE(server.received(), expected);
}

void TestRequestResender::requests_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<QString>("destination"); // %1 is the port
    QTest::addColumn<QByteArray>("expected"); // %1 is the port

    Capture get;
    get.method = "GET";
    get.target = "/health?x=%7e";
    get.headers = {{"Accept", "*/*"}};
    QTest::newRow("no Host or length captured: Host goes first, no Content-Length")
        << get << QStringLiteral("http://127.0.0.1:%1")
        << QByteArray("GET /health?x=%7e HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nAccept: */*\r\n"
                      "Connection: close\r\n\r\n");

    Capture chunked;
    chunked.method = "POST";
    chunked.target = "/in";
    chunked.chunked = true;
    chunked.headers = {{"Host", "mews"},
                       {"Transfer-Encoding", "chunked"},
                       {"Expect", "100-continue"},
                       {"TE", "trailers"},
                       {"X-After", "1"}};
    chunked.body = "abc";
    QTest::newRow("a chunked body goes with its length, in Transfer-Encoding's place")
        << chunked << QStringLiteral("http://127.0.0.1:%1/other")
        << QByteArray("POST /other HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nContent-Length: 3\r\n"
                      "X-After: 1\r\nConnection: close\r\n\r\nabc");

    Capture options;
    options.method = "OPTIONS";
    options.target = "*";
    QTest::newRow("asterisk-form stays")
        << options << QStringLiteral("http://127.0.0.1:%1")
        << QByteArray("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nConnection: close\r\n\r\n");

    Capture empty;
    empty.method = "POST";
    empty.target = "/";
    QTest::newRow("credentials in the URL, an empty POST")
        << empty << QStringLiteral("http://me:s3cret@127.0.0.1:%1")
        << QByteArray("POST / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\n"
                      "Authorization: Basic bWU6czNjcmV0\r\nContent-Length: 0\r\n"
                      "Connection: close\r\n\r\n");
}

void TestRequestResender::requests() {
    QFETCH(Capture, capture);
    QFETCH(QString, destination);
    QFETCH(QByteArray, expected);
    OneShotServer server("HTTP/1.1 204 No Content\r\n\r\n");
    const QByteArray port = QByteArray::number(server.port());
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QString error;
    QVERIFY2(resender.send(capture, destination.arg(server.port()), &error), qPrintable(error));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.status, 204);
    QCOMPARE(server.received(), expected.replace("%1", port));
    QCOMPARE(RequestResender::requestBytes(capture, destination.arg(server.port()), nullptr),
             expected);
}

void TestRequestResender::answers_data() {
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("bodyCut");
    QTest::addColumn<QString>("error"); // a part of it; empty: none

    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "2\r\nok\r\n0\r\n\r\n")
                             << false << 200 << QByteArray("ok") << false << QString();
    QTest::newRow("to the close") << QByteArray("HTTP/1.0 200 OK\r\n\r\nuntil close") << true << 200
                                  << QByteArray("until close") << false << QString();
    QTest::newRow("after 100 Continue")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n!")
        << false << 200 << QByteArray("!") << false << QString();
    QTest::newRow("a long body is cut")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n") + QByteArray(70000, 'x')
        << false << 200 << QByteArray(RequestResender::MaxBodyBytes, 'x') << true << QString();
    QTest::newRow("an answer that breaks off")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc") << true << 200
        << QByteArray("abc") << false << QStringLiteral("before the answer's body was complete");
    QTest::newRow("no HTTP") << QByteArray("hello\r\n") << false << 0 << QByteArray() << false
                             << QStringLiteral("not HTTP/1.x");
}

void TestRequestResender::answers() {
    QFETCH(QByteArray, answer);
    QFETCH(bool, closeAfter);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, bodyCut);
    QFETCH(QString, error);
    OneShotServer server(answer, closeAfter);
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()),
                          nullptr));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, status);
    QCOMPARE(outcome.body, body);
    QCOMPARE(outcome.bodyCut, bodyCut);
    if (error.isEmpty())
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    else
        QVERIFY2(outcome.error.contains(error), qPrintable(outcome.error));
}

void TestRequestResender::destinations_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("url"); // empty: refused

    QTest::newRow("no path takes the captured path and query")
        << QByteArray("/hook?Token=abc") << QStringLiteral("http://localhost:3000")
        << QStringLiteral("http://localhost:3000/hook?Token=abc");
    QTest::newRow("a path is used as it is")
        << QByteArray("/hook?Token=abc") << QStringLiteral("https://dev.example/mews/in")
        << QStringLiteral("https://dev.example/mews/in");
    QTest::newRow("a root path too")
        << QByteArray("/hook?Token=abc") << QStringLiteral("http://localhost:3000/")
        << QStringLiteral("http://localhost:3000/");
    QTest::newRow("absolute-form target")
        << QByteArray("http://inspector.local:8089/a/b?c=d") << QStringLiteral("localhost:3000")
        << QStringLiteral("http://localhost:3000/a/b?c=d");
    QTest::newRow("absolute-form target without a path")
        << QByteArray("http://inspector.local:8089?c=d") << QStringLiteral("http://h")
        << QStringLiteral("http://h/?c=d");
    QTest::newRow("not http") << QByteArray("/") << QStringLiteral("ftp://host/x") << QString();
    QTest::newRow("no host") << QByteArray("/") << QStringLiteral("http://") << QString();
    QTest::newRow("empty") << QByteArray("/") << QString() << QString();
}

void TestRequestResender::destinations() {
    QFETCH(QByteArray, target);
    QFETCH(QString, destination);
    QFETCH(QString, url);
    QString error;
    const QUrl result = RequestResender::destinationFor(captured(target), destination, &error);
    if (url.isEmpty()) {
        QVERIFY(!result.isValid());
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(result.toString(), url);
    }
}

void TestRequestResender::anErrorStatusIsAnAnswer() {
    OneShotServer server("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom");
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1/x").arg(server.port()),
                          nullptr));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 500);
    QCOMPARE(outcome.body, QByteArray("boom"));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(server.received().startsWith("PUT /x HTTP/1.1\r\n"));
}

void TestRequestResender::reportsARefusedConnection() {
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1").arg(port), nullptr));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 0);
    QVERIFY2(outcome.error.contains(QLatin1String("refused"), Qt::CaseInsensitive),
             qPrintable(outcome.error));
}

void TestRequestResender::sendsNothingToAnUntrustedHttpsServer() {
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    const auto readPem = [](const char *name) {
        QFile file(QStringLiteral(MWI_TEST_DATA_DIR "/tls/") + QLatin1String(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(readPem("localhost-cert.pem")));
    tls.setPrivateKey(QSslKey(readPem("localhost-key.pem"), QSsl::Ec));
    QVERIFY(!tls.localCertificate().isNull());
    QVERIFY(!tls.privateKey().isNull());
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    bool handshakeStarted = false;
    connect(&server, &QSslServer::startedEncryptionHandshake, this,
            [&](QSslSocket *) { handshakeStarted = true; });
    connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, this,
                [&, socket] { received += socket->readAll(); });
    });

    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QString error;
    QVERIFY2(resender.send(captured("/hook?Token=abc"),
                           QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()), &error),
             qPrintable(error));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 0);
    QVERIFY2(outcome.error.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
             qPrintable(outcome.error));
    QVERIFY(handshakeStarted); // it did try TLS
    QTest::qWait(100);
    QVERIFY2(received.isEmpty(), received.constData()); // and the token never left
}

void TestRequestResender::givesUpAfterItsTimeout() {
    OneShotServer silent{QByteArray()};
    RequestResender resender;
    resender.setTimeout(300);
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1").arg(silent.port()),
                          nullptr));
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(silent.complete()); // it arrived, and no answer came
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 0);
    QCOMPARE(outcome.error, QStringLiteral("no answer within 0.3 s"));
}

void TestRequestResender::oneResendAtATime() {
    OneShotServer silent{QByteArray()};
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(silent.port());
    QVERIFY(resender.send(captured("/"), url, nullptr));
    QString error;
    QVERIFY(!resender.send(captured("/"), url, &error));
    QVERIFY(!error.isEmpty());
    resender.abort(); // may report at once
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
    QCOMPARE(finished.at(0).at(0).value<RequestResender::Outcome>().error,
             QStringLiteral("cancelled"));
    QVERIFY(!resender.isSending());
}

QTEST_GUILESS_MAIN(TestRequestResender)
#include "tst_requestresender.moc"
