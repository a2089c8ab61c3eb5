#include "http/contentcoding.h"

#include "gzipdata.h"

#include <QTest>

using Outcome = DecodedContent::Outcome;

namespace {

const QByteArray Json =
    R"({"EnterpriseId":"3b0f6c1e","Events":[{"Discriminator":"ServiceOrderUpdated"}]})";

QByteArray gzip(const QByteArray &body) {
    return GzipData::compressed(body);
}
QByteArray zlib(const QByteArray &body) {
    return GzipData::compressed(body, MAX_WBITS);
}
QByteArray rawDeflate(const QByteArray &body) {
    return GzipData::compressed(body, -MAX_WBITS);
}

} // namespace

class TestContentCoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void readsAsItArrived_data();
    void readsAsItArrived();
    void stopsAtTheLimit();
    void takesEveryFieldOfTheCapture();
    void importedTextIsReadAsStored_data();
    void importedTextIsReadAsStored();
};

void TestContentCoding::decodes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<Outcome>("outcome");
    QTest::newRow("gzip") << gzip(Json) << QByteArray("gzip") << Outcome::Decoded;
    QTest::newRow("x-gzip, any case") << gzip(Json) << QByteArray(" X-GZip ") << Outcome::Decoded;
    QTest::newRow("deflate (zlib)") << zlib(Json) << QByteArray("deflate") << Outcome::Decoded;
    QTest::newRow("deflate (raw stream)")
        << rawDeflate(Json) << QByteArray("deflate") << Outcome::Decoded;
    QTest::newRow("deflate, then gzip")
        << gzip(zlib(Json)) << QByteArray("deflate, gzip") << Outcome::Decoded;
    QTest::newRow("identity listed")
        << gzip(Json) << QByteArray("identity, gzip") << Outcome::Decoded;
    QTest::newRow("two gzip members")
        << gzip(Json.first(20)) + gzip(Json.sliced(20)) << QByteArray("gzip") << Outcome::Decoded;
    QTest::newRow("no Content-Encoding") << Json << QByteArray() << Outcome::Identity;
    QTest::newRow("identity") << Json << QByteArray("identity") << Outcome::Identity;
}

void TestContentCoding::decodes() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentEncoding);
    QFETCH(Outcome, outcome);
    const DecodedContent content = ContentCoding::decode(body, contentEncoding);
    QCOMPARE(content.outcome, outcome);
    QCOMPARE(content.bytes, Json);
    QCOMPARE(content.codings, contentEncoding.trimmed());
    QVERIFY2(content.problem.isEmpty(), qPrintable(content.problem));
}

void TestContentCoding::readsAsItArrived_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("problem");
    QTest::newRow("br") << gzip(Json) << QByteArray("br") << Outcome::Unsupported
                        << "does not decode the br coding";
    QTest::newRow("gzip, then zstd") << gzip(Json) << QByteArray("gzip, zstd")
                                     << Outcome::Unsupported << "does not decode the zstd coding";
    QTest::newRow("plain JSON said to be gzip")
        << Json << QByteArray("gzip") << Outcome::Failed
        << "it is not valid gzip data (incorrect header check)";
    QTest::newRow("cut short") << gzip(Json).chopped(12) << QByteArray("gzip") << Outcome::Failed
                               << "ends early";
    QTest::newRow("bytes after the end")
        << gzip(Json) + "junk" << QByteArray("gzip") << Outcome::Failed
        << "4 bytes follow the end of the compressed data";
    QTest::newRow("deflate of neither kind")
        << QByteArray("\xff\xff\xff\xff", 4) << QByteArray("deflate") << Outcome::Failed
        << "not valid deflate data";
}

// What cannot be decoded is read as it arrived, and the problem says why.
void TestContentCoding::readsAsItArrived() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentEncoding);
    QFETCH(Outcome, outcome);
    QFETCH(QString, problem);
    const DecodedContent content = ContentCoding::decode(body, contentEncoding);
    QCOMPARE(content.outcome, outcome);
    QCOMPARE(content.bytes, body);
    QVERIFY2(content.problem.contains(problem), qPrintable(content.problem));
}

void TestContentCoding::stopsAtTheLimit() {
    // A megabyte of zeros compresses to about a kilobyte: a small "zip bomb".
    const QByteArray zeros(1024 * 1024, '\0');
    const QByteArray bomb = gzip(zeros);
    QVERIFY(bomb.size() < 2048);
    const DecodedContent stopped = ContentCoding::decode(bomb, "gzip", 64 * 1024);
    QCOMPARE(stopped.outcome, Outcome::TooLarge);
    QCOMPARE(stopped.bytes, bomb);
    QVERIFY2(stopped.problem.contains(u"more than"), qPrintable(stopped.problem));

    // Exactly at the limit is still decoded; one byte over is not.
    const DecodedContent atLimit = ContentCoding::decode(bomb, "gzip", zeros.size());
    QCOMPARE(atLimit.outcome, Outcome::Decoded);
    QCOMPARE(atLimit.bytes, zeros);
    QCOMPARE(ContentCoding::decode(bomb, "gzip", zeros.size() - 1).outcome, Outcome::TooLarge);
}

void TestContentCoding::takesEveryFieldOfTheCapture() {
    Capture capture;
    capture.body = gzip(zlib(Json));
    capture.headers = {{"Content-Encoding", "deflate"},
                       {"Content-Type", "application/json"},
                       {"content-encoding", "gzip"}};
    QVERIFY(ContentCoding::namesCoding(capture));
    const DecodedContent content = ContentCoding::decode(capture);
    QCOMPARE(content.outcome, Outcome::Decoded);
    QCOMPARE(content.codings, QByteArray("deflate, gzip"));
    QCOMPARE(content.bytes, Json);

    capture.headers = {{"Content-Encoding", "identity"}};
    QVERIFY(!ContentCoding::namesCoding(capture));
    capture.headers = {{"Content-Encoding", "gzip"}};
    capture.body.clear();
    QVERIFY(!ContentCoding::namesCoding(capture));
    QCOMPARE(ContentCoding::decode(capture).outcome, Outcome::Identity);
}

void TestContentCoding::importedTextIsReadAsStored_data() {
    QTest::addColumn<CaptureOrigin>("origin");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<Outcome>("outcome");
    QTest::newRow("mitmproxy's decompressed text")
        << CaptureOrigin::HarImport << Json << QByteArray("gzip") << Outcome::StoredDecoded;
    QTest::newRow("decompressed from a coding not decoded here")
        << CaptureOrigin::HarImport << Json << QByteArray("br") << Outcome::StoredDecoded;
    QTest::newRow("the compressed bytes, base64 in the HAR")
        << CaptureOrigin::HarImport << gzip(Json) << QByteArray("gzip") << Outcome::Decoded;
    QTest::newRow("bytes that are neither")
        << CaptureOrigin::HarImport << QByteArray("\xff\xff\xff\xff", 4) << QByteArray("deflate")
        << Outcome::Failed;
    QTest::newRow("received by the listener")
        << CaptureOrigin::Listener << Json << QByteArray("gzip") << Outcome::Failed;
}

// A HAR file holds text, and mitmproxy writes a request's text decompressed while it keeps
// Content-Encoding; bytes that came to the listener are what the sender sent.
void TestContentCoding::importedTextIsReadAsStored() {
    QFETCH(CaptureOrigin, origin);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentEncoding);
    QFETCH(Outcome, outcome);
    Capture capture;
    capture.origin = origin;
    capture.body = body;
    capture.headers = {{"Content-Encoding", contentEncoding}};
    const DecodedContent content = ContentCoding::decode(capture);
    QCOMPARE(content.outcome, outcome);
    QCOMPARE(content.bytes, outcome == Outcome::Decoded ? Json : body);
    QCOMPARE(content.problem.contains(QLatin1String("mitmproxy")),
             outcome == Outcome::StoredDecoded);
    // Sent again as captured, such a body is labelled with a coding it no longer has.
    const QString warning = ContentCoding::replayWarning(capture);
    QCOMPARE(!warning.isEmpty(), outcome == Outcome::StoredDecoded);
    if (!warning.isEmpty())
        QVERIFY2(
            warning.contains(QStringLiteral("still says ") + QString::fromLatin1(contentEncoding)),
            qPrintable(warning));
}

QTEST_GUILESS_MAIN(TestContentCoding)
#include "tst_contentcoding.moc"
