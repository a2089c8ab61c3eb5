// HttpResponseReader, fed whole and one byte at a time.
#include "http/httpresponsereader.h"

#include <QTest>

using State = HttpResponseReader::State;

Q_DECLARE_METATYPE(HttpResponseReader::State)

class TestHttpResponseReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void keepsOnlyTheFirstBytesOfALongBody();
    void aHeadThatNeverEndsFails();
    void fieldsKeepTheirOrderAndCase();
};

void TestHttpResponseReader::reads_data() {
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("headRequest");
    QTest::addColumn<bool>("closed"); // the server closes after sending it
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error"); // a part of it

    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << false
        << State::Done << 200 << QByteArray("ok") << QString();
    QTest::newRow("bytes after the body are not its")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1") << false << false
        << State::Done << 200 << QByteArray("ok") << QString();
    QTest::newRow("zero length") << QByteArray("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n")
                                 << false << false << State::Done << 202 << QByteArray()
                                 << QString();
    QTest::newRow("chunked, with an extension and a trailer")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-Sum: 5\r\n\r\n")
        << false << false << State::Done << 200 << QByteArray("abcde") << QString();
    QTest::newRow("chunked, cut short")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab") << false
        << true << State::Failed << 200 << QByteArray("ab") << QStringLiteral("2 bytes");
    QTest::newRow("chunked, a chunk longer than its size")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n0\r\n\r\n")
        << false << false << State::Failed << 200 << QByteArray("a")
        << QStringLiteral("longer than its size");
    QTest::newRow("until the connection closes")
        << QByteArray("HTTP/1.0 500 Internal Server Error\r\n\r\nboom") << false << true
        << State::Done << 500 << QByteArray("boom") << QString();
    QTest::newRow("until close, not closed yet")
        << QByteArray("HTTP/1.0 500 Internal Server Error\r\n\r\nboom") << false << false
        << State::Body << 500 << QByteArray("boom") << QString();
    QTest::newRow("a body cut by the close")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << false << true
        << State::Failed << 200 << QByteArray("abc") << QStringLiteral("3 bytes of it");
    QTest::newRow("interim responses are skipped")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                      "HTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx")
        << false << false << State::Done << 201 << QByteArray("x") << QString();
    QTest::newRow("no body for HEAD")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n") << true << false
        << State::Done << 200 << QByteArray() << QString();
    QTest::newRow("no body for 204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                                     << false << State::Done << 204 << QByteArray() << QString();
    QTest::newRow("no body for 304")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n") << false << false
        << State::Done << 304 << QByteArray() << QString();
    QTest::newRow("bare LF line ends")
        << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok") << false << false << State::Done
        << 200 << QByteArray("ok") << QString();
    QTest::newRow("no reason phrase")
        << QByteArray("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n") << false << false << State::Done
        << 200 << QByteArray() << QString();
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << false << false
                              << State::Failed << 0 << QByteArray()
                              << QStringLiteral("not HTTP/1.x: it begins \"SSH-2.0");
    QTest::newRow("HTTP/2 preface is not HTTP/1")
        << QByteArray("HTTP/2 200\r\n\r\n") << false << false << State::Failed << 0 << QByteArray()
        << QStringLiteral("not HTTP/1.x");
    QTest::newRow("a malformed field")
        << QByteArray("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n") << false << false << State::Failed
        << 200 << QByteArray() << QStringLiteral("\"Bad Name: x\" is malformed");
    QTest::newRow("differing lengths")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok")
        << false << false << State::Failed << 200 << QByteArray()
        << QStringLiteral("differing Content-Length");
    QTest::newRow("a length that is not a number")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n") << false << false
        << State::Failed << 200 << QByteArray() << QStringLiteral("\"-1\" is not a number");
    QTest::newRow("closed without an answer")
        << QByteArray() << false << true << State::Failed << 0 << QByteArray()
        << QStringLiteral("without an answer");
    QTest::newRow("closed in the head")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-") << false << true << State::Failed << 200
        << QByteArray() << QStringLiteral("middle of the answer's head");
}

void TestHttpResponseReader::reads() {
    QFETCH(QByteArray, response);
    QFETCH(bool, headRequest);
    QFETCH(bool, closed);
    QFETCH(State, state);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    for (const bool byteByByte : {false, true}) {
        HttpResponseReader reader(headRequest, 1024);
        if (byteByByte) {
            for (const char c : std::as_const(response))
                reader.feed(QByteArrayView(&c, 1));
        } else {
            reader.feed(response);
        }
        if (closed)
            reader.finish();
        QCOMPARE(reader.state(), state);
        QCOMPARE(reader.status(), status);
        QCOMPARE(reader.body(), body);
        QVERIFY(!reader.bodyCut());
        if (error.isEmpty())
            QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        else
            QVERIFY2(reader.error().contains(error), qPrintable(reader.error()));
    }
}

void TestHttpResponseReader::keepsOnlyTheFirstBytesOfALongBody() {
    const QByteArray body(100, 'x');
    for (const QByteArray &head :
         {QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"),
          QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n"),
          QByteArray("HTTP/1.1 200 OK\r\n\r\n")}) {
        const QByteArray response = head + body;
        HttpResponseReader reader(false, 40);
        QCOMPARE(reader.feed(response), State::Done);
        QCOMPARE(reader.body(), body.first(40));
        QVERIFY(reader.bodyCut());
    }
    // Exactly the limit is not cut.
    HttpResponseReader exact(false, 100);
    const QByteArray whole = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + body;
    QCOMPARE(exact.feed(whole), State::Done);
    QVERIFY(!exact.bodyCut());
    // One byte more is.
    HttpResponseReader oneLess(false, 99);
    QCOMPARE(oneLess.feed(whole), State::Done);
    QVERIFY(oneLess.bodyCut());
    QCOMPARE(oneLess.body(), body.first(99));
}

void TestHttpResponseReader::aHeadThatNeverEndsFails() {
    HttpResponseReader reader(false, 1024);
    reader.feed("HTTP/1.1 200 OK\r\n");
    const QByteArray field = "X-Padding: " + QByteArray(1000, 'p') + "\r\n";
    int fed = 0;
    while (reader.state() == State::Head && fed < 1000) {
        reader.feed(field);
        ++fed;
    }
    QCOMPARE(reader.state(), State::Failed);
    QVERIFY2(reader.error().contains(QLatin1String("longer than 64 KiB")),
             qPrintable(reader.error()));
    QVERIFY(fed < 70);
}

void TestHttpResponseReader::fieldsKeepTheirOrderAndCase() {
    HttpResponseReader reader(false, 1024);
    reader.feed("HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nX-One:  spaced \r\nSet-Cookie: b=2\r\n"
                "Content-Length: 0\r\n\r\n");
    QCOMPARE(reader.state(), State::Done);
    QCOMPARE(reader.reason(), QByteArray("OK"));
    const HeaderList expected = {
        {"set-cookie", "a=1"}, {"X-One", "spaced"}, {"Set-Cookie", "b=2"}, {"Content-Length", "0"}};
    QCOMPARE(reader.headers(), expected);
}

QTEST_GUILESS_MAIN(TestHttpResponseReader)
#include "tst_httpresponsereader.moc"
