#include "sessiontestdata.h"

#include "session/harreader.h"
#include "session/harwriter.h"
#include "session/sessioncolumns.h"
#include "session/sqlitedatabase.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace SessionTestData;

class TestHarReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void importsOtherTools_data();
    void importsOtherTools();
    void chromeHttp2BecomesPlainHeaders();
    void base64AndFormBodies();
    void ownExportRoundTrips();
    void maskedExportsAreNamed();
    void streamsInBatches();
    void aSinkThatFailsStopsTheImport();
    void anEntryThatIsNotJsonIsSkipped();
    void badFilesGiveClearErrors_data();
    void badFilesGiveClearErrors();
    void byteOrderMarkAndStrictBase64();
    void textThatIsNotUtf8IsNamedAsSuch();
    void anUnknownBodyEncodingIsNamed();
};

void TestHarReader::importsOtherTools_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("started");
    QTest::addColumn<int>("status");
    QTest::newRow("Chrome DevTools")
        << "har/chrome-devtools.har" << 2 << "POST"
        << QByteArray("/mews/general?Token=8cF2kQ9zLm4xW7pR") << QByteArray("hooks.example.test")
        << "2024-05-01T10:00:00.123Z" << 202;
    QTest::newRow("HTTP Toolkit") << "har/httptoolkit.har" << 2 << "POST"
                                  << QByteArray("/webhooks/integration?Token=Zx81")
                                  << QByteArray("127.0.0.1:8000") << "2024-05-01T10:02:03.250Z"
                                  << 200;
    QTest::newRow("mitmproxy") << "har/mitmproxy.har" << 1 << "POST"
                               << QByteArray("/mews?Token=q%2Bw%3D")
                               << QByteArray("partner.example.test:8443")
                               << "2024-05-01T10:05:00.123Z" << 500;
    QTest::newRow("Charles") << "har/charles.har" << 2 << "POST" << QByteArray("/webhook?Token=abc")
                             << QByteArray("localhost:8089") << "2024-05-01T10:10:00.000Z" << 200;
}

void TestHarReader::importsOtherTools() {
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, host);
    QFETCH(QString, started);
    QFETCH(int, status);
    QString error;
    const std::optional<HarImport> imported =
        HarReader::readFile(TestSupport::dataPath(file), &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->captures.size(), count);
    const Capture &c = imported->captures.constFirst();
    QCOMPARE(c.origin, CaptureOrigin::HarImport);
    QCOMPARE(c.id, 0);
    QCOMPARE(QString::fromUtf8(c.method), method);
    QCOMPARE(c.target, target);
    QCOMPARE(c.headerValue("Host"), host);
    QCOMPARE(SessionColumns::isoUtc(c.firstByteUtcMs), started);
    QCOMPARE(c.response.status, status);
    QVERIFY(c.completeUtcMs >= c.firstByteUtcMs);
    QVERIFY(c.rawHead.startsWith(QByteArray(c.method + ' ' + c.target + ' ')));
    QVERIFY(c.rawHead.endsWith("\r\n\r\n"));
    for (const Capture &capture : imported->captures) {
        QVERIFY(!capture.method.isEmpty());
        QVERIFY(capture.target.startsWith('/'));
    }
    // What a Mews webhook body looks like survives the import exactly.
    if (c.body.startsWith('{')) {
        const AnalysedCapture analysed = analyse(c);
        QVERIFY(analysed.analysis.kind == WebhookKind::General ||
                analysed.analysis.kind == WebhookKind::Integration);
    }
}

void TestHarReader::chromeHttp2BecomesPlainHeaders() {
    QString error;
    const std::optional<HarImport> imported = HarReader::readFile(
        TestSupport::dataPath(QStringLiteral("har/chrome-devtools.har")), &error);
    QVERIFY(imported);
    const Capture &c = imported->captures.at(0);
    QCOMPARE(c.httpVersion, QByteArrayLiteral("HTTP/2"));
    for (const HeaderField &field : c.headers)
        QVERIFY2(!field.name.startsWith(':'), field.name.constData());
    QCOMPARE(c.headers.constFirst().name, QByteArrayLiteral("Host"));
    QCOMPARE(c.headerValue("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(c.connectionId, 118342u);
    QCOMPARE(c.localPort, 443);
    QCOMPARE(c.response.sentUtcMs - c.firstByteUtcMs, 84);
    const Capture &get = imported->captures.at(1);
    QCOMPARE(get.method, QByteArrayLiteral("GET"));
    QVERIFY(get.body.isEmpty());
    QCOMPARE(get.response.body, QByteArrayLiteral("up\n"));
    QCOMPARE(get.headerValue("Host"), QByteArrayLiteral("localhost:5173"));
}

void TestHarReader::base64AndFormBodies() {
    QString error;
    const std::optional<HarImport> toolkit =
        HarReader::readFile(TestSupport::dataPath(QStringLiteral("har/httptoolkit.har")), &error);
    QVERIFY(toolkit);
    QCOMPARE(toolkit->captures.at(0).response.body, QByteArray("\x00\x01\xff\x7f", 4));
    QCOMPARE(toolkit->captures.at(1).body, QByteArray("\xde\xad\xbe\xef"));
    const std::optional<HarImport> charles =
        HarReader::readFile(TestSupport::dataPath(QStringLiteral("har/charles.har")), &error);
    QVERIFY(charles);
    QCOMPARE(charles->captures.at(0).body, QByteArrayLiteral("note=a%20b&x=1%262"));
    QCOMPARE(charles->captures.at(0).response.body, QByteArrayLiteral("{}"));
    QCOMPARE(charles->captures.at(1).response.status, 0);
    QCOMPARE(charles->captures.at(1).body, QByteArrayLiteral("{\"Events\":[]}"));
}

void TestHarReader::ownExportRoundTrips() {
    QList<Capture> captures = mixedCaptures();
    // Targets a URL cannot hold as they were, a request without Host, and one whose request
    // line did not parse (no method, no target).
    const auto withTarget = [](QByteArray method, QByteArray target, int n) {
        Capture c = webhook("", n);
        c.method = method;
        c.target = target;
        c.headers = {{"Host", "example.com:443"}};
        c.rawHead = headFor(c.method, c.target, c.httpVersion, c.headers);
        return c;
    };
    captures << withTarget("OPTIONS", "*", 90) << withTarget("CONNECT", "example.com:443", 91)
             << withTarget("POST", "http://example.com/abs?Token=1", 92);
    Capture hostless = withTarget("GET", "/no-host", 93);
    hostless.httpVersion = "HTTP/1.0";
    hostless.headers.clear();
    hostless.rawHead = headFor(hostless.method, hostless.target, hostless.httpVersion, {});
    captures << hostless;
    Capture broken = withTarget("", "", 94);
    broken.headers.clear();
    broken.rawHead = "POST /x  HTTP/1.1\r\n";
    broken.rejection = QStringLiteral("malformed request line");
    broken.response.status = 400;
    captures << broken;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    HarWriter writer(&buffer, {true, {}});
    QString error;
    QVERIFY(writer.begin(&error));
    for (qsizetype i = 0; i < captures.size(); ++i) {
        captures[i].id = i + 1;
        QVERIFY(writer.add(analyse(captures.at(i)), &error));
    }
    QVERIFY(writer.finish(&error));
    const std::optional<HarImport> imported = HarReader::read(buffer.data(), &error);
    QVERIFY2(imported, qPrintable(error));
    QVERIFY2(imported->warnings.isEmpty(), qPrintable(imported->warnings.join(QLatin1Char('\n'))));
    QCOMPARE(imported->captures.size(), captures.size());
    for (qsizetype i = 0; i < captures.size(); ++i) {
        Capture expected = captures.at(i);
        expected.id = 0;
        expected.origin = CaptureOrigin::HarImport;
        expected.trailers.clear(); // HAR has no place for trailers
        Capture actual = imported->captures.at(i);
        if (!isValidUtf8(expected.method + expected.target)) {
            // HAR urls are text: a non-UTF-8 target cannot survive, the rest must.
            actual.target = expected.target;
            actual.rawHead = expected.rawHead;
        }
        // header bytes that are not UTF-8 come back from the exported request head
        QCOMPARE(actual, expected);
    }
}

// A HAR file written with secrets masked says so in log.comment and in each entry that
// masking changed, and importing it warns that its tokens are not the real ones.
void TestHarReader::maskedExportsAreNamed() {
    const auto masked = [](const QList<Capture> &captures) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        HarWriter writer(&buffer, {false, {}});
        QString error;
        writer.begin(&error);
        for (const Capture &capture : captures)
            writer.add(analyse(capture), &error);
        writer.finish(&error);
        return buffer.data();
    };
    const QList<Capture> tokens = mixedCaptures().first(2); // ?Token= in the URL
    const QByteArray har = masked(tokens);
    const QJsonObject log =
        QJsonDocument::fromJson(har).object().value(QLatin1String("log")).toObject();
    QVERIFY(log.value(QLatin1String("comment")).toString().startsWith(u"Secrets are masked"));
    QString error;
    std::optional<HarImport> imported = HarReader::read(har, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->warnings,
             QStringList{QStringLiteral(
                 "every request was exported with secrets masked: their tokens and API keys "
                 "are not the real ones, so Resend and Copy as cURL send the masked values")});

    // A request without secrets is whole, masked or not.
    imported = HarReader::read(masked({tokens.at(0), webhook("{}", 3, "/plain")}), &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->warnings.size(), 1);
    QVERIFY2(imported->warnings.constFirst().startsWith(
                 u"1 of the 2 requests was exported with secrets masked"),
             qPrintable(imported->warnings.constFirst()));
    imported = HarReader::read(masked({webhook("{}", 3, "/plain")}), &error);
    QVERIFY2(imported, qPrintable(error));
    QVERIFY2(imported->warnings.isEmpty(), qPrintable(imported->warnings.join(u'\n')));
}

namespace {

/// A HAR document with count POST entries numbered in their URL.
QByteArray manyEntries(int count) {
    QByteArray json(R"({"log":{"version":"1.2","entries":[)");
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            json += ",\n";
        json += R"({"request":{"method":"POST","url":"http://h/n)" + QByteArray::number(i) +
                R"(","headers":[],"postData":{"mimeType":"application/json","text":"{}"}}})";
    }
    return json + "]}}";
}

} // namespace

void TestHarReader::streamsInBatches() {
    const int count = 2 * int(HarReader::BatchSize) + 7;
    QList<qsizetype> sizes;
    QList<QByteArray> targets;
    QString error;
    const std::optional<HarReader::Summary> summary = HarReader::read(
        QByteArrayView(manyEntries(count)),
        [&](QList<Capture> &batch, QString *) {
            sizes.append(batch.size());
            for (const Capture &capture : std::as_const(batch))
                targets.append(capture.target);
            return true;
        },
        &error);
    QVERIFY2(summary, qPrintable(error));
    QCOMPARE(summary->captures, count);
    QCOMPARE(sizes, (QList<qsizetype>{HarReader::BatchSize, HarReader::BatchSize, 7}));
    QCOMPARE(targets.size(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(targets.at(i), "/n" + QByteArray::number(i));
}

void TestHarReader::aSinkThatFailsStopsTheImport() {
    int calls = 0;
    QString error;
    const std::optional<HarReader::Summary> summary = HarReader::read(
        QByteArrayView(manyEntries(3 * int(HarReader::BatchSize))),
        [&](QList<Capture> &, QString *reason) {
            ++calls;
            *reason = QStringLiteral("disk full");
            return false;
        },
        &error);
    QVERIFY(!summary);
    QCOMPARE(calls, 1);
    QCOMPARE(error, QStringLiteral("disk full"));
}

void TestHarReader::anEntryThatIsNotJsonIsSkipped() {
    // Its brackets balance, so the document holds together; the entry itself does not parse.
    const QByteArray json(R"({"log":{"entries":[{"request":{"method":"POST","url":"/a"}},)"
                          R"({"request":{"method":"POST","url":"/b","x":tru}},)"
                          R"({"request":{"method":"POST","url":"/c"}}]}})");
    QString error;
    const std::optional<HarImport> imported = HarReader::read(json, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->captures.size(), 2);
    QCOMPARE(imported->captures.at(0).target, QByteArray("/a"));
    QCOMPARE(imported->captures.at(1).target, QByteArray("/c"));
    const QStringList skipped = imported->warnings.filter(QStringLiteral("skipped"));
    QCOMPARE(skipped.size(), 1);
    QVERIFY2(skipped.at(0).startsWith(QLatin1String("entry 1: skipped")),
             qPrintable(skipped.at(0)));
    QVERIFY(skipped.at(0).contains(QLatin1String("at byte")));
}

void TestHarReader::badFilesGiveClearErrors_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << "Not a HAR file";
    QTest::newRow("text") << QByteArray("GET / HTTP/1.1\r\n") << "Not a HAR file";
    QTest::newRow("truncated") << QByteArray(R"({"log":{"version":"1.2","entries":[{)")
                               << "at byte";
    QTest::newRow("no log") << QByteArray(R"({"entries":[]})") << "no \"log\" object";
    QTest::newRow("no entries") << QByteArray(R"({"log":{"version":"1.2"}})")
                                << "no \"entries\" array";
    QTest::newRow("entries not requests")
        << QByteArray(R"({"log":{"entries":[{"response":{}},{"request":{"method":"POST"}},3]}})")
        << "none of its 3 entries has a request";
    QTest::newRow("utf-16") << QByteArray("\xFF\xFE{\0}\0", 6) << "UTF-16";
}

void TestHarReader::badFilesGiveClearErrors() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!HarReader::read(content, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY(!HarReader::readFile(QStringLiteral("/nonexistent/file.har"), &error));
    QVERIFY(error.contains(QLatin1String("/nonexistent/file.har")));
}

void TestHarReader::byteOrderMarkAndStrictBase64() {
    const QByteArray har = QByteArray("\xEF\xBB\xBF") + R"({"log":{"version":"1.2","entries":[
        {"request":{"method":"POST","url":"http://a/1",
                    "postData":{"mimeType":"text/plain","text":"aGVs\r\nbG8=","encoding":"base64"}}},
        {"request":{"method":"POST","url":"http://a/2",
                    "postData":{"mimeType":"text/plain","text":"!!!not base64!!!",
                                "encoding":"base64"}}}]}})";
    QString error;
    const std::optional<HarImport> imported = HarReader::read(har, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->captures.size(), 2);
    QCOMPARE(imported->captures.at(0).body, QByteArray("hello")); // wrapped base64 is fine
    QCOMPARE(imported->captures.at(1).body, QByteArray());
    const QStringList base64 =
        imported->warnings.filter(QLatin1String("the request body is not valid base64"));
    QCOMPARE(base64.size(), 1);
    QVERIFY2(base64.at(0).startsWith(QLatin1String("entry 1:")), qPrintable(base64.at(0)));
}

// JSON must be UTF-8: a raw Latin-1 byte in a body's text used to read as an entry
// "skipped, invalid UTF8 string", and as the only one as "none of its 1 entries has a
// request", although it has one.
void TestHarReader::textThatIsNotUtf8IsNamedAsSuch() {
    const QByteArray latin1 = "{\"log\":{\"entries\":[\n"
                              "{\"request\":{\"method\":\"POST\",\"url\":\"/a\",\n"
                              "\"postData\":{\"text\":\"caf\xE9\"}}}]}}";
    const qsizetype byte = latin1.indexOf('\xE9');
    QString error;
    QVERIFY(!HarReader::read(latin1, &error));
    QCOMPARE(error, QStringLiteral("Not valid UTF-8 at byte %1 (0xe9, line 3, column 24, in "
                                   "entry 0): a HAR file is JSON, which must be UTF-8; none of "
                                   "its 1 entries could be read")
                        .arg(byte));

    // Among readable entries, the one that is not UTF-8 is skipped and named.
    QByteArray mixed = latin1;
    mixed.replace("[\n", "[{\"request\":{\"method\":\"POST\",\"url\":\"/ok\"}},\n");
    const std::optional<HarImport> imported = HarReader::read(mixed, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->captures.size(), 1);
    const QStringList skipped = imported->warnings.filter(QStringLiteral("skipped"));
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped.at(0),
             QStringLiteral("entry 1: skipped, it is not valid UTF-8 at byte %1 (0xe9, line 3, "
                            "column 24, in entry 1); a HAR file is JSON, which must be UTF-8")
                 .arg(mixed.indexOf('\xE9')));
}

// HAR defines only base64 for postData.encoding and content.encoding; "gzip" text was
// imported as plain text without a word.
void TestHarReader::anUnknownBodyEncodingIsNamed() {
    const QByteArray har = R"({"log":{"entries":[
        {"request":{"method":"POST","url":"/a","postData":{"text":"{}","encoding":"base64"}}},
        {"request":{"method":"POST","url":"/b","postData":{"text":"{\"a\":1}","encoding":"gzip"}},
         "response":{"status":200,"content":{"text":"ok","encoding":"x-custom"}}}]}})";
    QString error;
    const std::optional<HarImport> imported = HarReader::read(har, &error);
    QVERIFY2(imported, qPrintable(error));
    QCOMPARE(imported->captures.size(), 2);
    QCOMPARE(imported->captures.at(1).body, QByteArray("{\"a\":1}"));
    QCOMPARE(imported->captures.at(1).response.body, QByteArray("ok"));
    const QStringList encodings = imported->warnings.filter(QStringLiteral("encoding"));
    QCOMPARE(encodings,
             QStringList({QStringLiteral("entry 1: the request body's encoding \"gzip\" is not "
                                         "one HAR defines (only base64); its text was kept as it "
                                         "is, as UTF-8, not decoded"),
                          QStringLiteral("entry 1: the response body's encoding \"x-custom\" is "
                                         "not one HAR defines (only base64); its text was kept "
                                         "as it is, as UTF-8, not decoded")}));
}

QTEST_GUILESS_MAIN(TestHarReader)
#include "tst_harreader.moc"
