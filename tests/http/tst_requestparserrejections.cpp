#include "requestparsertestdata.h"

#include "http/requestparser.h"

#include <QTest>

using namespace RequestParserTestData;

class TestRequestParserRejections : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rejectsRequest_data();
    void rejectsRequest();
    void rejectedRequestKeepsRequestLine_data();
    void rejectedRequestKeepsRequestLine();
    void rejectsEarlyOverLimits_data();
    void rejectsEarlyOverLimits();
};

void TestRequestParserRejections::rejectsRequest_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason"); // null: any reason

    const QByteArray host = "Host: a\r\n";
    auto row = [](const char *name, const QByteArray &input, int status,
                  const QByteArray &reason = QByteArray()) {
        QTest::newRow(name) << input << status << reason;
    };
    // the request target (RFC 9112 §3.2, RFC 3986), one bad byte at a time
    auto target = [&](const char *name, const QByteArray &requestTarget, const QByteArray &reason) {
        QTest::newRow(name) << "GET " + requestTarget + " HTTP/1.1\r\n" + host + "\r\n"
                            << 400 << reason + " in the request target";
    };
    // request line
    row("extra field in request line", "GET / HTTP/1.1 x\r\n" + host + "\r\n", 400);
    row("double space", "GET  / HTTP/1.1\r\n" + host + "\r\n", 400);
    row("no version", "GET /\r\n\r\n", 400);
    row("garbage version", "GET / HTTP/x\r\n" + host + "\r\n", 400);
    row("lower-case version", "GET / http/1.1\r\n" + host + "\r\n", 400);
    row("invalid method character", "G(T / HTTP/1.1\r\n" + host + "\r\n", 400);
    row("relative target", "GET webhook HTTP/1.1\r\n" + host + "\r\n", 400);
    row("asterisk for GET", "GET * HTTP/1.1\r\n" + host + "\r\n", 400);
    row("bare CR in request line", "GET /\r HTTP/1.1\r\n" + host + "\r\n", 400);
    // Not HTTP at all, known from the first byte: no line end is waited for (a TLS
    // ClientHello may have none, and would otherwise wait for the request timeout).
    const QByteArray clientHello = QByteArrayLiteral("\x16\x03\x01\x00\xf4\x01\x00\x00\xf0"
                                                     "\x03\x03\x8a\x11\x00\x20");
    row("TLS handshake", clientHello, 400,
        "a TLS handshake: this listener speaks plain HTTP, not HTTPS (use an http:// URL)");
    row("NUL first", QByteArrayLiteral("\0\0\0\x01"), 400,
        "not an HTTP request: it starts with byte 0x00");
    row("byte above ASCII first", "\xffGET / HTTP/1.1\r\n" + host + "\r\n", 400,
        "not an HTTP request: it starts with byte 0xFF");
    row("NUL in target", QByteArrayLiteral("GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n"), 400,
        "invalid byte 0x00 in the request target");
    target("fragment", "/a#b", "invalid character '#'");
    target("less-than", "/a<b", "invalid character '<'");
    target("greater-than", "/a>b", "invalid character '>'");
    target("double quote", "/a\"b", "invalid character '\"'");
    target("left brace", "/?q={}", "invalid character '{'");
    target("right brace", "/a}", "invalid character '}'");
    target("vertical bar", "/a|b", "invalid character '|'");
    target("backslash", "/a\\b", "invalid character '\\'");
    target("caret", "/a^b", "invalid character '^'");
    target("backtick", "/a`b", "invalid character '`'");
    target("bracket in a path", "/a[0]", "invalid character '['");
    target("tab in target", "/a\tb", "invalid byte 0x09");
    target("control character in target", "/a\x01", "invalid byte 0x01");
    target("DEL in target", "/a\x7f", "invalid byte 0x7F");
    target("obs-text in target", "/caf\xc3\xa9", "invalid byte 0xC3");
    target("high byte in query", "/a?b=\xff", "invalid byte 0xFF");
    target("lone percent", "/100%", "invalid percent-encoding");
    target("short percent-encoding", "/a%4", "invalid percent-encoding");
    target("percent-encoding not hex", "/a%zz", "invalid percent-encoding");
    target("fragment in absolute-form", "http://a/b#c", "invalid character '#'");
    target("bad authority in absolute-form", "http://a:b/", "invalid authority");
    target("unclosed IPv6 in absolute-form", "http://[::1/x", "invalid authority");
    target("bracket after the authority", "http://a/[x]", "invalid character '['");
    row("CONNECT port not digits", "CONNECT a:xyz HTTP/1.1\r\n" + host + "\r\n", 400,
        "CONNECT needs a host:port target");
    row("CONNECT without port", "CONNECT a: HTTP/1.1\r\n" + host + "\r\n", 400,
        "CONNECT needs a host:port target");
    row("CONNECT without host", "CONNECT :443 HTTP/1.1\r\n" + host + "\r\n", 400,
        "CONNECT needs a host:port target");
    row("CONNECT IPv6 without port", "CONNECT [::1] HTTP/1.1\r\n" + host + "\r\n", 400,
        "CONNECT needs a host:port target");
    row("CONNECT with userinfo", "CONNECT u@a:443 HTTP/1.1\r\n" + host + "\r\n", 400,
        "CONNECT needs a host:port target");
    row("CONNECT with fragment", "CONNECT a#b:443 HTTP/1.1\r\n" + host + "\r\n", 400,
        "invalid character '#' in the request target");
    row("tab in request line", "GET\t/ HTTP/1.1\r\n" + host + "\r\n", 400);
    row("http/2.0", "GET / HTTP/2.0\r\n" + host + "\r\n", 505);
    row("http/1.2", "GET / HTTP/1.2\r\n" + host + "\r\n", 505);
    row("http/0.9", "GET / HTTP/0.9\r\n\r\n", 505);
    row("HTTP/2 prior knowledge", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505,
        "HTTP/2 connection preface: this listener speaks HTTP/1.1 (and 1.0) only");
    // header syntax
    row("whitespace before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);
    row("obs-fold", "GET / HTTP/1.1\r\n" + host + "X-A: b\r\n  folded\r\n\r\n", 400);
    row("bare CR in value", "GET / HTTP/1.1\r\n" + host + "X-A: b\rc\r\n\r\n", 400);
    row("bare CR in name", "GET / HTTP/1.1\r\n" + host + "X\rA: b\r\n\r\n", 400);
    row("NUL in value", QByteArrayLiteral("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n"), 400);
    row("NUL in name", QByteArrayLiteral("GET / HTTP/1.1\r\nHost: a\r\nX\0A: b\r\n\r\n"), 400);
    row("control character in value",
        "GET / HTTP/1.1\r\n" + host +
            "X-A: b\x01"
            "c\r\n\r\n",
        400);
    row("DEL in value", "GET / HTTP/1.1\r\n" + host + "X-A: b\x7f\r\n\r\n", 400);
    row("empty header name", "GET / HTTP/1.1\r\n" + host + ": b\r\n\r\n", 400);
    row("invalid name character", "GET / HTTP/1.1\r\n" + host + "X(A): b\r\n\r\n", 400);
    row("no colon", "GET / HTTP/1.1\r\n" + host + "X-A b\r\n\r\n", 400);
    row("missing Host", "GET / HTTP/1.1\r\n\r\n", 400);
    row("two Host fields", "GET / HTTP/1.1\r\n" + host + host + "\r\n", 400);
    // Host = uri-host [ ":" port ]; "," is a sub-delim, the space is what is wrong in "a, b"
    for (const char *value : {"a b", "a, b", "user@evil", "a:xyz", "a/b?c"}) {
        QTest::addRow("Host: %s", value)
            << "GET / HTTP/1.1\r\nHost: " + QByteArray(value) + "\r\n\r\n"
            << 400 << QByteArray("invalid Host header value");
    }
    // framing
    row("content-length and transfer-encoding",
        "POST / HTTP/1.1\r\n" + host +
            "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        400);
    row("differing content-length list",
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 6\r\n\r\n12345", 400);
    row("differing content-length fields",
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n123456", 400);
    row("non-numeric content-length", "POST / HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n",
        400);
    row("negative content-length", "POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n",
        400);
    row("signed content-length", "POST / HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\n12345",
        400);
    row("overflowing content-length",
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n", 400);
    row("empty content-length", "POST / HTTP/1.1\r\n" + host + "Content-Length:\r\n\r\n", 400);
    row("content-length with empty element",
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 5,\r\n\r\n", 400);
    row("chunked twice",
        "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400);
    row("chunked not last",
        "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400);
    row("only gzip", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", 400);
    row("empty transfer-encoding", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: ,\r\n\r\n",
        400);
    row("transfer-encoding in http/1.0",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    row("unsupported coding before chunked",
        "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501);
    // chunked body
    const QByteArray chunkedHead =
        "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n";
    row("invalid chunk size", chunkedHead + "zz\r\n", 400);
    row("chunk size with trailing space", chunkedHead + "5 \r\nhello\r\n0\r\n\r\n", 400);
    row("chunk data without CRLF", chunkedHead + "5\r\nhelloX\r\n0\r\n\r\n", 400);
    row("bare CR in chunk line", chunkedHead + "5\r;a\r\nhello\r\n0\r\n\r\n", 400);
    row("empty chunk extension name", chunkedHead + "5;=x\r\nhello\r\n0\r\n\r\n", 400);
    row("unterminated quoted extension", chunkedHead + "5;a=\"x\r\nhello\r\n0\r\n\r\n", 400);
    row("chunk line too long",
        chunkedHead + "5;a=" + QByteArray(RequestParser::MaxChunkLineBytes, 'x') + "\r\n", 400);
    row("obs-fold in trailer", chunkedHead + "0\r\nX-T: 1\r\n folded\r\n\r\n", 400);
    // limits (smallLimits: head 256, target 32, body 64)
    row("body over limit by content-length",
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 65\r\n\r\n", 413);
    row("body over limit while de-chunking",
        chunkedHead + "30\r\n" + QByteArray(48, 'x') + "\r\n11\r\n" + QByteArray(17, 'y') +
            "\r\n0\r\n\r\n",
        413);
    row("huge chunk size", chunkedHead + "fffffffffffffffffffffffff\r\n", 413);
    row("target over limit", "GET /" + QByteArray(32, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 414);
    row("head over limit",
        "GET / HTTP/1.1\r\n" + host + "X-Big: " + QByteArray(256, 'b') + "\r\n\r\n", 431);
    row("trailers over limit", chunkedHead + "0\r\nX-Big: " + QByteArray(256, 'b') + "\r\n\r\n",
        431);
    // 414 proven exactly one byte past the head limit: the tie goes to 414
    row("target and head limit at the same byte", QByteArray(223, 'M') + " /" + QByteArray(40, 'a'),
        414);
    row("target limit before head limit", "GET /" + QByteArray(300, 'a') + " HTTP/1.1\r\n\r\n",
        414);
    row("head limit before target limit",
        "GETTING" + QByteArray(250, 'A') + " /" + QByteArray(40, 'a') + " HTTP/1.1\r\n\r\n", 431);
}

void TestRequestParserRejections::rejectsRequest() {
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);

    const QList<Outcome> outcomes = runWhole(input, smallLimits());
    QVERIFY(!outcomes.isEmpty());
    const Outcome &outcome = outcomes.back();
    QCOMPARE(outcome.status, Status::Error);
    QCOMPARE(outcome.errorStatus, status);
    QVERIFY(!outcome.errorReason.isEmpty());
    if (!reason.isNull())
        QCOMPARE(outcome.errorReason, reason);
    QVERIFY(outcome.errorReason.size() < 120);
    // the raw head kept for the capture never exceeds the head limit
    QVERIFY(outcome.request.rawHead.size() <= smallLimits().maxHeadBytes);
    QVERIFY(input.startsWith(outcome.request.rawHead));

    verifySplitIndependence(input, smallLimits());
}

void TestRequestParserRejections::rejectedRequestKeepsRequestLine_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method"); // what the error answer is framed for
    QTest::addColumn<QByteArray>("target"); // what the capture shows was asked for
    QTest::newRow("invalid target") << QByteArray("HEAD /a#b HTTP/1.1\r\nHost: a\r\n\r\n")
                                    << QByteArray("HEAD") << QByteArray("/a#b");
    QTest::newRow("unsupported version") << QByteArray("HEAD /hook?x=1 HTTP/2.0\r\nHost: a\r\n\r\n")
                                         << QByteArray("HEAD") << QByteArray("/hook?x=1");
    QTest::newRow("HTTP/2 preface")
        << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << QByteArray("PRI") << QByteArray("*");
    QTest::newRow("invalid Host") << QByteArray("HEAD /h HTTP/1.1\r\nHost: a b\r\n\r\n")
                                  << QByteArray("HEAD") << QByteArray("/h");
    QTest::newRow("invalid method") << QByteArray("HE(D /a#b HTTP/1.1\r\nHost: a\r\n\r\n")
                                    << QByteArray() << QByteArray("/a#b");
    QTest::newRow("control byte in target") << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n")
                                            << QByteArray("GET") << QByteArray();
    QTest::newRow("high byte in target")
        << QByteArray("GET /caf\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
        << QByteArray();
    QTest::newRow("malformed request line")
        << QByteArray("HEAD /  HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray() << QByteArray();
}

void TestRequestParserRejections::rejectedRequestKeepsRequestLine() {
    QFETCH(QByteArray, input);
    const QList<Outcome> outcomes = runWhole(input);
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.front().status, Status::Error);
    QTEST(outcomes.front().request.method, "method");
    QTEST(outcomes.front().request.target, "target");
}

void TestRequestParserRejections::rejectsEarlyOverLimits_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    // Neither line ends: the limit must be decided without waiting for it.
    QTest::newRow("target") << "POST /" + QByteArray(33, 'a') << 414;
    QTest::newRow("head") << "POST / HTTP/1.1\r\nX: " + QByteArray(300, 'b') << 431;
    QTest::newRow("method without space") << QByteArray(300, 'M') << 431;
    QTest::newRow("chunk size line")
        << "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;" +
               QByteArray(RequestParser::MaxChunkLineBytes, 'e')
        << 400;
}

void TestRequestParserRejections::rejectsEarlyOverLimits() {
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    const QList<Outcome> outcomes = runWhole(input, smallLimits());
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.front().status, Status::Error);
    QCOMPARE(outcomes.front().errorStatus, status);
    const QList<Outcome> bytewise = run(input, everyBytes(input.size(), 1), smallLimits());
    QVERIFY(bytewise == outcomes);
}

QTEST_APPLESS_MAIN(TestRequestParserRejections)

#include "tst_requestparserrejections.moc"
