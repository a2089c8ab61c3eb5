#include "harstructure.h"
#include "sessiontestdata.h"

#include "session/harreader.h"
#include "session/harwriter.h"

#include <QBuffer>
#include <QTest>

using namespace SessionTestData;

namespace {

/// The captures of one HAR file; aborts the test when it does not read.
QList<Capture> readHar(const QByteArray &json) {
    QString error;
    const std::optional<HarImport> read = HarReader::read(json, &error);
    if (!read)
        qFatal("%s", qPrintable(error));
    return read->captures;
}

/// The HAR file HarWriter writes of one capture.
QByteArray written(const Capture &capture) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    HarWriter writer(&buffer, {true, {}});
    QString error;
    if (!writer.begin(&error) || !writer.add(analyse(capture), &error) || !writer.finish(&error))
        qFatal("%s", qPrintable(error));
    return buffer.data();
}

} // namespace

class TestHarWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void entryWithoutAResponse_data();
    void entryWithoutAResponse();
};

void TestHarWriter::entryWithoutAResponse_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<ResponseRecord>("reimported");
    // Charles: a failed request, status 0 and no time.
    const QList<Capture> charles =
        readHar(TestSupport::readData(QStringLiteral("har/charles.har")));
    QTest::newRow("Charles, status 0") << charles.at(1) << ResponseRecord::NotInHar;
    // An entry without a response object at all, but with the time its tool waited.
    const QList<Capture> bare = readHar(R"({"log":{"version":"1.2","entries":[
        {"startedDateTime":"2024-05-01T10:07:00.654Z","time":30,
         "request":{"method":"POST","url":"http://127.0.0.1:8089/webhook",
                    "postData":{"mimeType":"application/json","text":"{}"}}}]}})");
    QTest::newRow("no response object") << bare.at(0) << ResponseRecord::NotInHar;
    // The listener's capture of a request its client cut short.
    Capture cut = webhook("{}", 1);
    cut.rejection = QStringLiteral("the client closed the connection before the request was "
                                   "complete");
    cut.response = {};
    QTest::newRow("cut short by its client") << cut << ResponseRecord::NotInHar;
}

// HAR 1.2 requires a response object in every entry, and writes status 0 for none.
void TestHarWriter::entryWithoutAResponse() {
    QFETCH(Capture, capture);
    QFETCH(ResponseRecord, reimported);
    QVERIFY(capture.responseRecord() != ResponseRecord::Answered);
    const QByteArray har = written(capture);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(har, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QStringList problems = harProblems(document);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const QJsonObject response =
        document[QLatin1String("log")][QLatin1String("entries")][0][QLatin1String("response")]
            .toObject();
    QCOMPARE(response.value(QLatin1String("status")).toInt(-1), 0);
    QCOMPARE(response.value(QLatin1String("statusText")).toString(), QString());
    // No response had a version or a size: "" and -1, as browsers write a failed request.
    QCOMPARE(response.value(QLatin1String("httpVersion")).toString(QStringLiteral("?")), QString());
    QCOMPARE(response.value(QLatin1String("headersSize")).toInt(), -1);
    QCOMPARE(response.value(QLatin1String("bodySize")).toInt(), -1);

    // Imported again, it is the same capture, still without a response.
    const QList<Capture> back = readHar(har);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.at(0).responseRecord(), reimported);
    Capture expected = capture;
    expected.origin = CaptureOrigin::HarImport;
    QCOMPARE(back.at(0), expected);
}

QTEST_GUILESS_MAIN(TestHarWriter)
#include "tst_harwriter.moc"
