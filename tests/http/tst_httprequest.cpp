#include "http/httprequest.h"

#include <QTest>

class TestHttpRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void captureHoldsWhatWasSent();
};

// Every byte the parser read reaches the capture; the rest is the connection's.
void TestHttpRequest::captureHoldsWhatWasSent() {
    HttpRequest request;
    request.method = "POST";
    request.target = "/webhook?Token=x";
    request.version = "HTTP/1.1";
    request.rawHead = "POST /webhook?Token=x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    request.headers = {{"Transfer-Encoding", "chunked"}};
    request.trailers = {{"X-Checksum", "42"}};
    request.body = "{\"Events\":[]}";
    request.chunked = true;
    const HttpRequest sent = request;

    const Capture capture = std::move(request).toCapture();
    QCOMPARE(capture.method, sent.method);
    QCOMPARE(capture.target, sent.target);
    QCOMPARE(capture.httpVersion, sent.version);
    QCOMPARE(capture.rawHead, sent.rawHead);
    QCOMPARE(capture.headers, sent.headers);
    QCOMPARE(capture.trailers, sent.trailers);
    QCOMPARE(capture.body, sent.body);
    QVERIFY(capture.chunked);
    QCOMPARE(capture.connectionId, Capture().connectionId);
    QCOMPARE(capture.sequence, Capture().sequence);
}

QTEST_GUILESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
