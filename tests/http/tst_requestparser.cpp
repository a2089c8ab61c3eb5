#include "requestparsertestdata.h"

#include "http/requestparser.h"

#include <QTest>

using namespace RequestParserTestData;

namespace {

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
