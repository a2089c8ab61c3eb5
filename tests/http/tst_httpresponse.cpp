#include "http/httpresponse.h"

#include <QDateTime>
#include <QTest>

class TestHttpResponse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void framesResponse_data();
    void framesResponse();
    void serializesExactly();
    void formatsHttpDate_data();
    void formatsHttpDate();
    void errorIsPlainTextAndCloses();
    void errorToHeadHasNoBody_data();
    void errorToHeadHasNoBody();
    void answersConnect_data();
    void answersConnect();
    void reasonPhrases_data();
    void reasonPhrases();
};

void TestHttpResponse::framesResponse_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("close");
    QTest::addColumn<bool>("http10KeepAlive");
    QTest::addColumn<bool>("head");
    QTest::addColumn<QByteArray>("contentLength"); // null: no Content-Length
    QTest::addColumn<QByteArray>("connection");    // null: no Connection
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("keep-alive 200") << 200 << false << false << false << QByteArray("11")
                                    << QByteArray() << QByteArray(R"({"ok":true})");
    QTest::newRow("closing 200") << 200 << true << false << false << QByteArray("11")
                                 << QByteArray("close") << QByteArray(R"({"ok":true})");
    QTest::newRow("http/1.0 keep-alive")
        << 202 << false << true << false << QByteArray("11") << QByteArray("keep-alive")
        << QByteArray(R"({"ok":true})");
    QTest::newRow("head") << 200 << false << false << true << QByteArray("11") << QByteArray()
                          << QByteArray();
    QTest::newRow("204 has neither length nor body")
        << 204 << false << false << false << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("304 has neither length nor body")
        << 304 << true << false << false << QByteArray() << QByteArray("close") << QByteArray();
}

void TestHttpResponse::framesResponse() {
    QFETCH(int, status);
    QFETCH(bool, close);
    QFETCH(bool, http10KeepAlive);
    QFETCH(bool, head);
    QFETCH(QByteArray, contentLength);
    QFETCH(QByteArray, connection);
    QFETCH(QByteArray, body);

    // framing fields from the configuration are replaced by the listener's own
    const HeaderList configured{{"Content-Type", "application/json"},
                                {"content-length", "999"},
                                {"Connection", "upgrade"},
                                {"Transfer-Encoding", "gzip"},
                                {"X-Kept", "yes"}};
    HttpResponse::Framing framing;
    framing.close = close;
    framing.http10KeepAlive = http10KeepAlive;
    framing.headRequest = head;
    const CaptureResponse response =
        HttpResponse::make(status, configured, R"({"ok":true})", framing, 784111777000);
    Capture probe;
    probe.headers = response.headers;
    QCOMPARE(response.status, status);
    QCOMPARE(probe.headerValue("Content-Length"), contentLength);
    QCOMPARE(probe.headerValue("Connection"), connection);
    QCOMPARE(probe.headerValue("Transfer-Encoding"), QByteArray());
    QCOMPARE(probe.headerValue("X-Kept"), QByteArray("yes"));
    QCOMPARE(probe.headerValue("Date"), QByteArray("Sun, 06 Nov 1994 08:49:37 GMT"));
    QCOMPARE(response.body, body);
}

void TestHttpResponse::serializesExactly() {
    HttpResponse::Framing framing;
    framing.close = true;
    const CaptureResponse response = HttpResponse::make(
        201, {{"Content-Type", "text/plain"}, {"Date", "fixed"}}, "hi", framing, 0);
    QCOMPARE(HttpResponse::serialize(response),
             QByteArray("HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nDate: fixed\r\n"
                        "Content-Length: 2\r\nConnection: close\r\n\r\nhi"));
    CaptureResponse unknown;
    unknown.status = 299;
    QCOMPARE(HttpResponse::serialize(unknown), QByteArray("HTTP/1.1 299 \r\n\r\n"));
    QCOMPARE(HttpResponse::continueLine(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
}

void TestHttpResponse::formatsHttpDate_data() {
    QTest::addColumn<qint64>("utcMs");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("rfc example") << qint64(784111777000);
    QTest::newRow("leap day") << qint64(951782400999);
    QTest::newRow("one ms later") << qint64(951782401000);
    QTest::newRow("2038+") << qint64(4102444800000);
}

void TestHttpResponse::formatsHttpDate() {
    QFETCH(qint64, utcMs);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
    const QByteArray expected =
        QLocale::c().toString(time, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    QCOMPARE(HttpResponse::httpDate(utcMs), expected);
    QCOMPARE(HttpResponse::httpDate(utcMs), expected); // from the cache
}

void TestHttpResponse::errorIsPlainTextAndCloses() {
    const CaptureResponse response =
        HttpResponse::error(401, "the Token query parameter is missing", 0);
    Capture probe;
    probe.headers = response.headers;
    QCOMPARE(response.status, 401);
    QCOMPARE(response.body, QByteArray("the Token query parameter is missing\n"));
    QCOMPARE(probe.headerValue("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(probe.headerValue("Connection"), QByteArray("close"));
    QVERIFY(!probe.headerValue("WWW-Authenticate").isEmpty());
    QVERIFY(HttpResponse::error(400, "x", 0).headers.size() == 4);
}

namespace {

// The bytes after the header section of a serialized response.
QByteArray wireBody(const CaptureResponse &response) {
    const QByteArray wire = HttpResponse::serialize(response);
    const qsizetype end = wire.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : wire.sliced(end + 4);
}

} // namespace

void TestHttpResponse::errorToHeadHasNoBody_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("400") << 400 << QByteArray("invalid Host header value");
    QTest::newRow("401") << 401 << QByteArray("the Token query parameter is missing");
    QTest::newRow("413") << 413 << QByteArray("request body exceeds the limit of 64 bytes");
    QTest::newRow("503") << 503 << QByteArray("could not store the request: disk full");
}

void TestHttpResponse::errorToHeadHasNoBody() {
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    const QByteArray length = QByteArray::number(reason.size() + 1);

    // RFC 9110 §9.3.2: the Content-Length of the body a GET would get, and no body
    const CaptureResponse head = HttpResponse::error(status, reason, 0, true);
    Capture probe;
    probe.headers = head.headers;
    QCOMPARE(head.status, status);
    QCOMPARE(probe.headerValue("Content-Length"), length);
    QCOMPARE(probe.headerValue("Connection"), QByteArray("close"));
    QCOMPARE(head.body, QByteArray()); // as make() answers HEAD
    QVERIFY(HttpResponse::serialize(head).endsWith("\r\n\r\n"));
    QCOMPARE(wireBody(head), QByteArray());

    const CaptureResponse get = HttpResponse::error(status, reason, 0, false);
    QCOMPARE(get.headers, head.headers);
    QCOMPARE(wireBody(get), reason + '\n');
    QCOMPARE(HttpResponse::error(status, reason, 0), get);
}

void TestHttpResponse::answersConnect_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("tunnel"); // a 2xx: no Content-Length, no body
    QTest::newRow("200") << 200 << true;
    QTest::newRow("202") << 202 << true;
    QTest::newRow("299") << 299 << true;
    QTest::newRow("204") << 204 << true;
    QTest::newRow("300") << 300 << false;
    QTest::newRow("404") << 404 << false;
    QTest::newRow("503") << 503 << false;
}

void TestHttpResponse::answersConnect() {
    QFETCH(int, status);
    QFETCH(bool, tunnel);
    const HeaderList configured{{"Content-Type", "application/json"},
                                {"Content-Length", "11"},
                                {"Transfer-Encoding", "chunked"}};
    const QByteArray body = HttpResponse::forbidsBody(status) ? QByteArray() : R"({"ok":true})";
    HttpResponse::Framing framing;
    framing.close = true; // as the connection answers CONNECT
    framing.connectRequest = true;
    const CaptureResponse response = HttpResponse::make(status, configured, body, framing, 0);
    Capture probe;
    probe.headers = response.headers;
    QCOMPARE(response.status, status);
    QCOMPARE(probe.headerValue("Transfer-Encoding"), QByteArray());
    QCOMPARE(probe.headerValue("Connection"), QByteArray("close"));
    QCOMPARE(probe.headerValue("Content-Type"), QByteArray("application/json"));
    if (tunnel) {
        // RFC 9110 §9.3.6: bytes after the header section would be tunnel data
        QCOMPARE(probe.headerValue("Content-Length"), QByteArray());
        QCOMPARE(response.body, QByteArray());
        QVERIFY(HttpResponse::serialize(response).endsWith("\r\n\r\n"));
        QCOMPARE(wireBody(response), QByteArray());
    } else {
        QCOMPARE(probe.headerValue("Content-Length"), QByteArray::number(body.size()));
        QCOMPARE(response.body, body);
        QCOMPARE(wireBody(response), body);
    }
    // the same answer to another method keeps its framing
    framing.connectRequest = false;
    const CaptureResponse other = HttpResponse::make(status, configured, body, framing, 0);
    QCOMPARE(other.body, body);
}

void TestHttpResponse::reasonPhrases_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("200") << 200 << QByteArray("OK");
    QTest::newRow("408") << 408 << QByteArray("Request Timeout");
    QTest::newRow("413") << 413 << QByteArray("Content Too Large");
    QTest::newRow("414") << 414 << QByteArray("URI Too Long");
    QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
    QTest::newRow("501") << 501 << QByteArray("Not Implemented");
    QTest::newRow("503") << 503 << QByteArray("Service Unavailable");
    QTest::newRow("505") << 505 << QByteArray("HTTP Version Not Supported");
    QTest::newRow("unknown") << 299 << QByteArray();
}

void TestHttpResponse::reasonPhrases() {
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QCOMPARE(HttpResponse::reasonPhrase(status).toByteArray(), reason);
}

QTEST_APPLESS_MAIN(TestHttpResponse)

#include "tst_httpresponse.moc"
