#include "http/requestparser.h"

#include <QTest>

namespace {

using Status = RequestParser::Status;
using Limits = RequestParser::Limits;

// One result a caller acts on: a complete request, an error, or what was left incomplete.
struct Outcome {
    Status status = Status::Incomplete;
    HttpRequest request;
    int errorStatus = 0;
    QByteArray errorReason;
    qsizetype consumed = 0; // bytes consumed from the start of the input up to this outcome

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

// Feeds input in pieces of `piece` bytes (split points after `splits` when given), dropping
// consumed bytes as a connection does, and returns every outcome in order.
QList<Outcome> run(const QByteArray &input, const QList<qsizetype> &splits,
                   const Limits &limits = Limits()) {
    RequestParser parser(limits);
    QList<Outcome> outcomes;
    QByteArray buffer;
    qsizetype consumedTotal = 0;
    qsizetype offset = 0;
    qsizetype nextSplit = 0;
    for (;;) {
        const bool more = offset < input.size();
        if (more) {
            const qsizetype end = nextSplit < splits.size() ? splits[nextSplit++] : input.size();
            buffer.append(input.mid(offset, end - offset));
            offset = end;
        }
        for (;;) {
            RequestParser::Result result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            consumedTotal += result.consumed;
            if (result.status == Status::Incomplete)
                break;
            outcomes.append({result.status, result.request, result.errorStatus, result.errorReason,
                             consumedTotal});
            if (result.status == Status::Error)
                return outcomes;
        }
        if (!more) {
            if (!buffer.isEmpty() || !parser.isIdle())
                outcomes.append({Status::Incomplete, parser.request(), 0, {}, consumedTotal});
            return outcomes;
        }
    }
}

QList<qsizetype> everyBytes(qsizetype size, qsizetype step) {
    QList<qsizetype> splits;
    for (qsizetype at = step; at < size; at += step)
        splits.append(at);
    return splits;
}

QList<Outcome> runWhole(const QByteArray &input, const Limits &limits = Limits()) {
    return run(input, {}, limits);
}

// The same input must give the same outcomes whole, byte by byte, and split anywhere in two.
void verifySplitIndependence(const QByteArray &input, const Limits &limits = Limits()) {
    const QList<Outcome> whole = runWhole(input, limits);
    QVERIFY(!whole.isEmpty());
    const QList<Outcome> bytewise = run(input, everyBytes(input.size(), 1), limits);
    QVERIFY2(bytewise == whole, "byte-by-byte feeding differs from feeding at once");
    for (qsizetype at = 1; at < input.size(); ++at) {
        const QList<Outcome> split = run(input, {at}, limits);
        QVERIFY2(split == whole, qPrintable(QStringLiteral("split at %1 differs").arg(at)));
    }
}

Limits smallLimits() {
    Limits limits;
    limits.maxHeadBytes = 256;
    limits.maxTargetBytes = 32;
    limits.maxBodyBytes = 64;
    return limits;
}

QByteArray chunkedBody(const QByteArray &body, qsizetype chunkSize) {
    QByteArray wire;
    for (qsizetype at = 0; at < body.size(); at += chunkSize) {
        const QByteArray chunk = body.mid(at, chunkSize);
        wire += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    return wire + "0\r\n\r\n";
}

QByteArray patternBody(qsizetype size) {
    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = char('a' + (i * 7 + i / 251) % 26);
    return body;
}

} // namespace

class TestRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acceptsRequest_data();
    void acceptsRequest();
    void rejectsRequest_data();
    void rejectsRequest();
    void rejectedRequestKeepsRequestLine_data();
    void rejectedRequestKeepsRequestLine();
    void rejectsEarlyOverLimits_data();
    void rejectsEarlyOverLimits();
    void keepsHeadersAsSent();
    void pipelinedRequestsInOrder();
    void reportsHeadBeforeBodyForExpectContinue();
    void expectContinueWithBodyAlreadyThereCompletes();
    void largeBodyInPieces_data();
    void largeBodyInPieces();
    void declaredLengthDoesNotReserveMemory();
    void errorIsSticky();
    void newLimitsApplyToNextRequest();
    void incompleteInputStaysIncomplete_data();
    void incompleteInputStaysIncomplete();
};

void TestRequestParser::acceptsRequest_data() {
    QTest::addColumn<QByteArray>("prefix");   // skipped bytes before the request line
    QTest::addColumn<QByteArray>("head");     // expected rawHead
    QTest::addColumn<QByteArray>("bodyWire"); // body bytes as sent
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("expectContinue");
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<int>("trailerCount");

    const QByteArray json = R"({"Action":"IntegrationCreated"})";
    QTest::newRow("post with content-length")
        << QByteArray()
        << "POST /webhook HTTP/1.1\r\nHost: a\r\nContent-Length: 31\r\n\r\n" + QByteArray() << json
        << QByteArray("POST") << QByteArray("/webhook") << QByteArray("HTTP/1.1") << json << false
        << true << false << 2 << 0;
    QTest::newRow("get without body")
        << QByteArray() << QByteArray("GET /x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray()
        << QByteArray("GET") << QByteArray("/x?y=1") << QByteArray("HTTP/1.1") << QByteArray()
        << false << true << false << 1 << 0;
    QTest::newRow("http/1.0 closes by default")
        << QByteArray() << QByteArray("POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\n")
        << QByteArray("abc") << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.0")
        << QByteArray("abc") << false << false << false << 1 << 0;
    QTest::newRow("http/1.0 keep-alive")
        << QByteArray() << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        << QByteArray() << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.0")
        << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("http/1.0 ignores 100-continue")
        << QByteArray()
        << QByteArray("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n")
        << QByteArray("x") << QByteArray("PUT") << QByteArray("/") << QByteArray("HTTP/1.0")
        << QByteArray("x") << false << false << false << 2 << 0;
    QTest::newRow("http/1.1 connection close")
        << QByteArray()
        << QByteArray("DELETE /r/1 HTTP/1.1\r\nHost: a\r\nConnection: TE, close\r\n\r\n")
        << QByteArray() << QByteArray("DELETE") << QByteArray("/r/1") << QByteArray("HTTP/1.1")
        << QByteArray() << false << false << false << 2 << 0;
    QTest::newRow("absolute-form")
        << QByteArray()
        << QByteArray("POST http://hooks.example.com:8089/mews?Token=s3cr3t HTTP/1.1\r\nHost: "
                      "hooks.example.com\r\nContent-Length: 2\r\n\r\n")
        << QByteArray("{}") << QByteArray("POST")
        << QByteArray("http://hooks.example.com:8089/mews?Token=s3cr3t") << QByteArray("HTTP/1.1")
        << QByteArray("{}") << false << true << false << 2 << 0;
    QTest::newRow("asterisk-form options")
        << QByteArray() << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray()
        << QByteArray("OPTIONS") << QByteArray("*") << QByteArray("HTTP/1.1") << QByteArray()
        << false << true << false << 1 << 0;
    QTest::newRow("authority-form connect")
        << QByteArray()
        << QByteArray("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        << QByteArray() << QByteArray("CONNECT") << QByteArray("example.com:443")
        << QByteArray("HTTP/1.1") << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("every byte a target may hold")
        << QByteArray()
        << QByteArray(
               "GET /a%2Fb/;p=1,2/-._~!$&'()*+=:@/?q=%7b%7D&r=/?:@ HTTP/1.1\r\nHost: a\r\n\r\n")
        << QByteArray() << QByteArray("GET")
        << QByteArray("/a%2Fb/;p=1,2/-._~!$&'()*+=:@/?q=%7b%7D&r=/?:@") << QByteArray("HTTP/1.1")
        << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("absolute-form with IPv6 host and userinfo")
        << QByteArray()
        << QByteArray(
               "GET http://u:p@[2001:db8::1]:80/x?y HTTP/1.1\r\nHost: [2001:db8::1]:80\r\n\r\n")
        << QByteArray() << QByteArray("GET") << QByteArray("http://u:p@[2001:db8::1]:80/x?y")
        << QByteArray("HTTP/1.1") << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("authority-form connect to IPv6")
        << QByteArray() << QByteArray("CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n")
        << QByteArray() << QByteArray("CONNECT") << QByteArray("[::1]:443")
        << QByteArray("HTTP/1.1") << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("empty Host value")
        << QByteArray() << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n") << QByteArray()
        << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1") << QByteArray() << false
        << true << false << 1 << 0;
    QTest::newRow("unusual method")
        << QByteArray() << QByteArray("M-SEARCH /x HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray()
        << QByteArray("M-SEARCH") << QByteArray("/x") << QByteArray("HTTP/1.1") << QByteArray()
        << false << true << false << 1 << 0;
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray()
        << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n")
        << QByteArray("5;name=value;flag\r\nhello\r\n6 ; q=\"a \\\"b\\\" c\"\r\n "
                      "world\r\n0\r\nX-Checksum: 42\r\nX-Other: y\r\n\r\n")
        << QByteArray("POST") << QByteArray("/c") << QByteArray("HTTP/1.1")
        << QByteArray("hello world") << true << true << false << 2 << 2;
    QTest::newRow("chunked upper-case hex")
        << QByteArray()
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        << QByteArray("A\r\n0123456789\r\n0\r\n\r\n") << QByteArray("POST") << QByteArray("/")
        << QByteArray("HTTP/1.1") << QByteArray("0123456789") << true << true << false << 2 << 0;
    QTest::newRow("equal content-length list")
        << QByteArray()
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\ncontent-length: 5\r\n\r\n")
        << QByteArray("12345") << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray("12345") << false << true << false << 3 << 0;
    QTest::newRow("zero content-length")
        << QByteArray() << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        << QByteArray() << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray() << false << true << false << 2 << 0;
    QTest::newRow("bare LF line endings")
        << QByteArray() << QByteArray("POST / HTTP/1.1\nHost: a\nContent-Length: 2\n\n")
        << QByteArray("ok") << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray("ok") << false << true << false << 2 << 0;
    QTest::newRow("empty lines before the request")
        << QByteArray("\r\n\n\r\n") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        << QByteArray() << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray() << false << true << false << 1 << 0;
    QTest::newRow("values with OWS, obs-text, empty value")
        << QByteArray()
        << QByteArray("GET / HTTP/1.1\r\nHost:a\r\nX-Empty:\r\nX-Text: \t caf\xc3\xa9 \t\r\n\r\n")
        << QByteArray() << QByteArray("GET") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray() << false << true << false << 3 << 0;
    QTest::newRow("expect 100-continue")
        << QByteArray()
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n")
        << QByteArray("body") << QByteArray("POST") << QByteArray("/") << QByteArray("HTTP/1.1")
        << QByteArray("body") << false << true << true << 3 << 0;
}

void TestRequestParser::acceptsRequest() {
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, bodyWire);
    const QByteArray input = prefix + head + bodyWire;

    const QList<Outcome> outcomes = runWhole(input);
    QCOMPARE(outcomes.size(), 1);
    const Outcome &outcome = outcomes.front();
    QCOMPARE(outcome.status, Status::Complete);
    QCOMPARE(outcome.consumed, input.size());
    const HttpRequest &request = outcome.request;
    QCOMPARE(request.rawHead, head);
    QTEST(request.method, "method");
    QTEST(request.target, "target");
    QTEST(request.version, "version");
    QTEST(request.body, "body");
    QTEST(request.chunked, "chunked");
    QTEST(request.keepAlive, "keepAlive");
    QTEST(request.expectContinue, "expectContinue");
    QTEST(int(request.headers.size()), "headerCount");
    QTEST(int(request.trailers.size()), "trailerCount");

    verifySplitIndependence(input);
}

void TestRequestParser::rejectsRequest_data() {
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

void TestRequestParser::rejectsRequest() {
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

void TestRequestParser::rejectedRequestKeepsRequestLine_data() {
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

void TestRequestParser::rejectedRequestKeepsRequestLine() {
    QFETCH(QByteArray, input);
    const QList<Outcome> outcomes = runWhole(input);
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.front().status, Status::Error);
    QTEST(outcomes.front().request.method, "method");
    QTEST(outcomes.front().request.target, "target");
}

void TestRequestParser::rejectsEarlyOverLimits_data() {
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

void TestRequestParser::rejectsEarlyOverLimits() {
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    const QList<Outcome> outcomes = runWhole(input, smallLimits());
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.front().status, Status::Error);
    QCOMPARE(outcomes.front().errorStatus, status);
    const QList<Outcome> bytewise = run(input, everyBytes(input.size(), 1), smallLimits());
    QVERIFY(bytewise == outcomes);
}

void TestRequestParser::keepsHeadersAsSent() {
    const QByteArray head = "POST /w HTTP/1.1\r\nhost: a\r\nX-Dup: one\r\nCONTENT-length: 2\r\n"
                            "x-dup:  two  \r\nX-Dup: \r\n\r\n";
    const QList<Outcome> outcomes = runWhole(head + "{}");
    QCOMPARE(outcomes.size(), 1);
    const HeaderList expected{
        {"host", "a"}, {"X-Dup", "one"}, {"CONTENT-length", "2"}, {"x-dup", "two"}, {"X-Dup", ""}};
    QCOMPARE(outcomes.front().request.headers, expected);
    QCOMPARE(outcomes.front().request.rawHead, head);
    QCOMPARE(outcomes.front().request.body, QByteArray("{}"));
}

void TestRequestParser::pipelinedRequestsInOrder() {
    const QByteArray first = "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
    const QByteArray second = "POST /two HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "2\r\nde\r\n0\r\n\r\n";
    const QByteArray third = "GET /three HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    const QByteArray input = first + second + third;

    const QList<Outcome> outcomes = runWhole(input);
    QCOMPARE(outcomes.size(), 3);
    QCOMPARE(outcomes[0].request.target, QByteArray("/one"));
    QCOMPARE(outcomes[0].request.body, QByteArray("abc"));
    QCOMPARE(outcomes[0].consumed, first.size());
    QCOMPARE(outcomes[1].request.target, QByteArray("/two"));
    QCOMPARE(outcomes[1].request.body, QByteArray("de"));
    QVERIFY(outcomes[1].request.chunked);
    QCOMPARE(outcomes[1].consumed, first.size() + second.size());
    QCOMPARE(outcomes[2].request.target, QByteArray("/three"));
    QVERIFY(!outcomes[2].request.keepAlive);
    QCOMPARE(outcomes[2].consumed, input.size());
    for (const Outcome &outcome : outcomes)
        QCOMPARE(outcome.status, Status::Complete);

    verifySplitIndependence(input);
}

void TestRequestParser::reportsHeadBeforeBodyForExpectContinue() {
    RequestParser parser;
    QByteArray buffer = "POST /hook?Token=x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                        "Content-Length: 5\r\n\r\n";
    RequestParser::Result result = parser.parse(buffer);
    QCOMPARE(result.status, Status::Incomplete);
    QVERIFY(result.headComplete);
    QCOMPARE(result.consumed, buffer.size());
    QVERIFY(parser.request().expectContinue);
    QCOMPARE(parser.request().target, QByteArray("/hook?Token=x"));
    QCOMPARE(parser.request().headers.size(), 3);

    result = parser.parse("hel");
    QCOMPARE(result.status, Status::Incomplete);
    QVERIFY(result.headComplete);
    QCOMPARE(result.consumed, 3);
    result = parser.parse("lo");
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.request.body, QByteArray("hello"));
    QVERIFY(result.request.expectContinue);
    QVERIFY(parser.isIdle());
}

void TestRequestParser::expectContinueWithBodyAlreadyThereCompletes() {
    RequestParser parser;
    const RequestParser::Result result = parser.parse(
        "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    QCOMPARE(result.status, Status::Complete);
    QVERIFY(!result.headComplete);
    QCOMPARE(result.request.body, QByteArray("ok"));
}

void TestRequestParser::largeBodyInPieces_data() {
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<qsizetype>("piece");
    QTest::newRow("content-length, 64 KiB reads") << false << qsizetype(64 * 1024);
    QTest::newRow("chunked, 64 KiB reads") << true << qsizetype(64 * 1024);
    QTest::newRow("content-length, odd reads") << false << qsizetype(65521);
}

void TestRequestParser::largeBodyInPieces() {
    QFETCH(bool, chunked);
    QFETCH(qsizetype, piece);
    const qsizetype size = 32 * 1024 * 1024;
    const QByteArray body = patternBody(size);
    const QByteArray head =
        chunked ? QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
                : "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(size) +
                      "\r\n\r\n";
    const QByteArray input = head + (chunked ? chunkedBody(body, 10000) : body);

    RequestParser parser;
    QByteArray buffer;
    qsizetype largestBuffer = 0;
    RequestParser::Result result;
    int bodyReallocations = 0;
    qsizetype capacity = 0;
    for (qsizetype at = 0; at < input.size(); at += piece) {
        buffer.append(input.constData() + at, qMin(piece, input.size() - at));
        largestBuffer = qMax(largestBuffer, buffer.size());
        result = parser.parse(buffer);
        buffer.remove(0, result.consumed);
        QVERIFY(result.status != Status::Error);
        if (parser.request().body.capacity() != capacity) {
            capacity = parser.request().body.capacity();
            ++bodyReallocations;
        }
    }
    // the body grows geometrically: a few dozen reallocations, not one per read or chunk
    QVERIFY2(bodyReallocations <= 40, qPrintable(QString::number(bodyReallocations)));
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.request.chunked, chunked);
    QCOMPARE(result.request.body.size(), size);
    QVERIFY(result.request.body == body);
    QVERIFY(buffer.isEmpty());
    // body bytes are consumed as they are read: the caller's buffer never holds the body
    QVERIFY(largestBuffer <= piece + RequestParser::MaxChunkLineBytes);
}

void TestRequestParser::declaredLengthDoesNotReserveMemory() {
    RequestParser parser;
    const RequestParser::Result result = parser.parse(QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 33554432\r\n\r\n" + QByteArray(100, 'x')));
    QCOMPARE(result.status, Status::Incomplete);
    QVERIFY(result.headComplete);
    QCOMPARE(parser.request().body.size(), 100);
    QVERIFY(parser.request().body.capacity() < 4096);

    RequestParser chunkedParser;
    chunkedParser.parse(
        QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "1ffffff\r\n" +
                   QByteArray(100, 'x')));
    QCOMPARE(chunkedParser.request().body.size(), 100);
    QVERIFY(chunkedParser.request().body.capacity() < 4096);
}

void TestRequestParser::errorIsSticky() {
    RequestParser parser;
    const RequestParser::Result first = parser.parse("BAD\r\n\r\n");
    QCOMPARE(first.status, Status::Error);
    QCOMPARE(first.errorStatus, 400);
    QCOMPARE(first.request.rawHead, QByteArray("BAD\r\n"));
    const RequestParser::Result again = parser.parse("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    QCOMPARE(again.status, Status::Error);
    QCOMPARE(again.errorStatus, 400);
    QCOMPARE(again.errorReason, first.errorReason);
    parser.reset();
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost: a\r\n\r\n").status, Status::Complete);
}

void TestRequestParser::newLimitsApplyToNextRequest() {
    RequestParser parser;
    QCOMPARE(parser.parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n").status,
             Status::Incomplete);
    parser.setLimits(smallLimits());
    // the request under way keeps the limits it started with
    QCOMPARE(parser.parse("0123456789").status, Status::Complete);
    const RequestParser::Result next =
        parser.parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\n\r\n");
    QCOMPARE(next.status, Status::Error);
    QCOMPARE(next.errorStatus, 413);
}

void TestRequestParser::incompleteInputStaysIncomplete_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("partial request line") << QByteArray("POST /webh");
    QTest::newRow("partial head") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n");
    QTest::newRow("short body") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nabc");
    QTest::newRow("no last chunk") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    QTest::newRow("lone CR") << QByteArray("\r");
}

void TestRequestParser::incompleteInputStaysIncomplete() {
    QFETCH(QByteArray, input);
    const QList<Outcome> outcomes = runWhole(input);
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.front().status, Status::Incomplete);
    verifySplitIndependence(input);
}

QTEST_APPLESS_MAIN(TestRequestParser)

#include "tst_requestparser.moc"
