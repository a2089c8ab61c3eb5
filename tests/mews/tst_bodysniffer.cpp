#include "mews/bodysniffer.h"

#include <QTest>

class TestBodySniffer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mediaType_data();
    void mediaType();
    void sniff_data();
    void sniff();
};

void TestBodySniffer::mediaType_data() {
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("mediaType");
    QTest::addColumn<bool>("json");
    QTest::newRow("json") << QByteArray("application/json") << QByteArray("application/json")
                          << true;
    QTest::newRow("charset") << QByteArray(" Application/JSON ; charset=utf-8")
                             << QByteArray("application/json") << true;
    QTest::newRow("text/json") << QByteArray("text/json") << QByteArray("text/json") << true;
    QTest::newRow("suffix") << QByteArray("application/problem+json")
                            << QByteArray("application/problem+json") << true;
    QTest::newRow("bare suffix") << QByteArray("+json") << QByteArray("+json") << false;
    QTest::newRow("javascript") << QByteArray("application/javascript")
                                << QByteArray("application/javascript") << false;
    QTest::newRow("jsonp-like") << QByteArray("application/jsonp")
                                << QByteArray("application/jsonp") << false;
    QTest::newRow("empty") << QByteArray() << QByteArray() << false;
}

void TestBodySniffer::mediaType() {
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, mediaType);
    QFETCH(bool, json);
    QCOMPARE(BodySniffer::mediaType(contentType), mediaType);
    QCOMPARE(BodySniffer::isJsonMediaType(mediaType), json);
}

void TestBodySniffer::sniff_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("object") << QByteArray("{}") << QByteArray() << true
                            << "starts with { (no Content-Type)";
    QTest::newRow("array after whitespace") << QByteArray("\r\n\t [") << QByteArray("text/plain")
                                            << true << "starts with [ (Content-Type text/plain)";
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}") << QByteArray() << true << "starts with {";
    QTest::newRow("JSON type") << QByteArray("nope") << QByteArray("application/json") << true
                               << "Content-Type application/json";
    QTest::newRow("empty with JSON type")
        << QByteArray() << QByteArray("application/json") << false << "empty body";
    QTest::newRow("whitespace") << QByteArray("  ") << QByteArray() << false << "only whitespace";
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << QByteArray() << false
                              << "only whitespace";
    QTest::newRow("form") << QByteArray("a=1&b=%20") << QByteArray() << false
                          << "form data (no Content-Type)";
    QTest::newRow("form type") << QByteArray("hello world")
                               << QByteArray("application/x-www-form-urlencoded") << false
                               << "form data";
    QTest::newRow("multipart") << QByteArray("--b") << QByteArray("multipart/form-data; boundary=b")
                               << false << "multipart";
    QTest::newRow("html") << QByteArray("<html></html>") << QByteArray("text/html") << false
                          << "XML or HTML";
    QTest::newRow("nul byte") << QByteArray("ab\0c", 4) << QByteArray() << false << "binary";
    QTest::newRow("invalid utf-8")
        << QByteArray("caf\xE9") << QByteArray("text/plain") << false << "binary";
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4)
                          << QByteArray("application/octet-stream") << false
                          << "gzip-compressed data (it starts with 1F 8B) (Content-Type "
                             "application/octet-stream)";
    QTest::newRow("UTF-16, no Content-Type")
        << QByteArray("h\0i\0", 4) << QByteArray() << false
        << "UTF-16 text (little-endian, without a byte order mark) (no Content-Type)";
    QTest::newRow("text") << QByteArray("hello world") << QByteArray("text/plain") << false
                          << "text that does not";
    QTest::newRow("sentence with =")
        << QByteArray("a = b") << QByteArray() << false << "text that does not";
}

void TestBodySniffer::sniff() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, json);
    QFETCH(QString, reason);
    const BodySniff sniff = BodySniffer::sniff(body, contentType);
    QCOMPARE(sniff.jsonLike, json);
    QVERIFY2(sniff.reason.contains(reason), qPrintable(sniff.reason));
}

QTEST_GUILESS_MAIN(TestBodySniffer)
#include "tst_bodysniffer.moc"
