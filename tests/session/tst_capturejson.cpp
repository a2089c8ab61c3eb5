#include "sessiontestdata.h"

#include "session/capturejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace SessionTestData;

namespace {

/// The line CaptureJson writes, read back.
QJsonObject object(const AnalysedCapture &capture, const CaptureJson::Options &options = {}) {
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(CaptureJson::toLine(capture, options), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

} // namespace

class TestCaptureJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shapeOfAGeneralWebhook();
    void integrationWebhookSecretsMasked_data();
    void integrationWebhookSecretsMasked();
    void binaryBodyIsBase64();
    void headerValuesThatAreNotUtf8AreBase64();
    void invalidJsonHasItsError();
    void rejectedAndUnanalysed();
    void whatIsNotKnownIsNull();
    void lineIsOneCompactLine();
    void deliveryWhenGiven();
};

void TestCaptureJson::shapeOfAGeneralWebhook() {
    Capture c = webhook(TestSupport::readData(QStringLiteral("samples/general-mixed.json")), 7);
    c.id = 42;
    const AnalysedCapture a = analyse(c);
    const QJsonObject o = object(a);
    QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 42);
    QCOMPARE(o.value(QStringLiteral("receivedUtc")).toString(),
             QStringLiteral("2024-05-01T10:00:07.000Z"));
    QCOMPARE(o.value(QStringLiteral("completedUtc")).toString(),
             QStringLiteral("2024-05-01T10:00:07.003Z"));
    QCOMPARE(o.value(QStringLiteral("respondedUtc")).toString(),
             QStringLiteral("2024-05-01T10:00:07.004Z"));
    QCOMPARE(o.value(QStringLiteral("remote")).toString(), QStringLiteral("127.0.0.1:40007"));
    QCOMPARE(o.value(QStringLiteral("localPort")).toInt(), 8089);
    QCOMPARE(o.value(QStringLiteral("connectionId")).toInteger(), 7);
    QCOMPARE(o.value(QStringLiteral("sequence")).toInteger(), 1);
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("HTTP/1.1"));
    const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
    QCOMPARE(headers.size(), c.headers.size());
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QCOMPARE(headers.at(i).toArray().at(0).toString().toUtf8(), c.headers.at(i).name);
        QCOMPARE(headers.at(i).toArray().at(1).toString().toUtf8(), c.headers.at(i).value);
    }
    QCOMPARE(o.value(QStringLiteral("bodySize")).toInteger(), c.body.size());
    QCOMPARE(o.value(QStringLiteral("body")).toString().toUtf8(), c.body);
    QVERIFY(!o.contains(QStringLiteral("bodyBase64")));
    QCOMPARE(o.value(QStringLiteral("chunked")).toBool(), false);
    QCOMPARE(o.value(QStringLiteral("responseStatus")).toInt(), 200);
    QVERIFY(o.value(QStringLiteral("rejected")).isNull());
    QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("general"));
    QVERIFY(!o.contains(QStringLiteral("jsonError")));
    QVERIFY(o.value(QStringLiteral("action")).isNull());
    const QJsonArray events = o.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.size(), a.analysis.events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject e = events.at(i).toObject();
        QCOMPARE(e.value(QStringLiteral("discriminator")).toString(),
                 a.analysis.events.at(i).discriminator);
        QCOMPARE(e.value(QStringLiteral("id")).toString(), a.analysis.events.at(i).entityId);
        QCOMPARE(e.value(QStringLiteral("entityIncluded")).toBool(),
                 a.analysis.events.at(i).entityIncluded());
    }
    QCOMPARE(o.value(QStringLiteral("enterpriseId")).toString(), a.analysis.enterpriseId);
    QCOMPARE(o.value(QStringLiteral("integrationId")).toString(), a.analysis.integrationId);
    QCOMPARE(o.value(QStringLiteral("findings")).toArray().size(), a.analysis.findings.size());
    QCOMPARE(o.value(QStringLiteral("summary")).toString(), a.analysis.summary());
    QVERIFY(
        o.value(QStringLiteral("target")).toString().startsWith(QLatin1String("/webhook?Token=")));
    QVERIFY(!o.value(QStringLiteral("target")).toString().contains(QLatin1String("s3cret")));
}

void TestCaptureJson::integrationWebhookSecretsMasked_data() {
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("secretKey");
    QTest::newRow("AccessToken") << "samples/integration-IntegrationCreated.json"
                                 << "AccessToken";
    QTest::newRow("ApiKey") << "samples/integration-IntegrationApiKeyCreated.json"
                            << "ApiKey";
}

void TestCaptureJson::integrationWebhookSecretsMasked() {
    QFETCH(QString, sample);
    QFETCH(QString, secretKey);
    const Capture c = webhook(TestSupport::readData(sample), 1);
    const QJsonObject plain =
        QJsonDocument::fromJson(c.body).object().value(QStringLiteral("Data")).toObject();
    const QString secret = plain.value(secretKey).toString();
    QVERIFY(secret.size() > 8);
    const AnalysedCapture a = analyse(c);

    const QJsonObject masked = object(a);
    QCOMPARE(masked.value(QStringLiteral("kind")).toString(), QStringLiteral("integration"));
    QCOMPARE(masked.value(QStringLiteral("action")).toString(), a.analysis.action);
    const QString body = masked.value(QStringLiteral("body")).toString();
    QVERIFY(!body.contains(secret));
    QVERIFY(body.contains(secret.right(4)));
    QVERIFY(
        !masked.value(QStringLiteral("target")).toString().contains(QLatin1String("s3cret-TOKEN")));

    const QJsonObject revealed = object(a, {true});
    QVERIFY(revealed.value(QStringLiteral("body")).toString().contains(secret));
    QCOMPARE(revealed.value(QStringLiteral("target")).toString(),
             QStringLiteral("/webhook?Token=s3cret-TOKEN-9f2c"));
}

void TestCaptureJson::binaryBodyIsBase64() {
    const Capture c = oddCaptures().at(0);
    const QJsonObject o = object(analyse(c));
    QVERIFY(!o.contains(QStringLiteral("body")));
    QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("bodyBase64")).toString().toLatin1()),
             c.body);
    QCOMPARE(o.value(QStringLiteral("bodySize")).toInteger(), 12);
    // A UTF-8 BOM is text, and kept (escaped, so that readers keep it too).
    const Capture bom = webhook(QByteArrayLiteral("\xef\xbb\xbf{}"), 2);
    QCOMPARE(object(analyse(bom)).value(QStringLiteral("body")).toString().toUtf8(), bom.body);
}

void TestCaptureJson::headerValuesThatAreNotUtf8AreBase64() {
    Capture c = webhook("{}", 1);
    c.headers.append({"X-Latin1", QByteArray("Jos\xe9")});
    c.trailers.append({"X-Trailer", QByteArray("\xff\xfe")});
    const QJsonObject o = object(analyse(c));
    const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
    QCOMPARE(headers.size(), c.headers.size());
    // The UTF-8 ones stay strings...
    QCOMPARE(headers.at(0).toArray().at(1).toString().toUtf8(), c.headers.at(0).value);
    // ...and the other one keeps its exact bytes.
    const QJsonArray latin1 = headers.last().toArray();
    QCOMPARE(latin1.at(0).toString(), QStringLiteral("X-Latin1"));
    QCOMPARE(latin1.at(1).toObject().value(QStringLiteral("base64")).toString(),
             QStringLiteral("Sm9z6Q=="));
    const QJsonArray trailer = o.value(QStringLiteral("trailers")).toArray().at(0).toArray();
    QCOMPARE(QByteArray::fromBase64(
                 trailer.at(1).toObject().value(QStringLiteral("base64")).toString().toLatin1()),
             QByteArray("\xff\xfe"));
}

void TestCaptureJson::invalidJsonHasItsError() {
    const Capture c =
        webhook(TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt")), 1);
    const AnalysedCapture a = analyse(c);
    QVERIFY(a.analysis.jsonError.isValid());
    const QJsonObject error = object(a).value(QStringLiteral("jsonError")).toObject();
    QCOMPARE(error.value(QStringLiteral("offset")).toInteger(), a.analysis.jsonError.offset);
    QCOMPARE(error.value(QStringLiteral("line")).toInt(), a.analysis.jsonError.line);
    QCOMPARE(error.value(QStringLiteral("column")).toInt(), a.analysis.jsonError.column);
    QCOMPARE(error.value(QStringLiteral("message")).toString(), a.analysis.jsonError.message);
    QVERIFY(error.value(QStringLiteral("line")).toInt() > 1);
    QVERIFY(!error.contains(QStringLiteral("tooDeep")));

    // Nested beyond the limit: not decoded, which is not the same as invalid.
    const QByteArray deep = QByteArray(1100, '[') + QByteArray(1100, ']');
    const AnalysedCapture tooDeep = analyse(webhook(deep, 2));
    const QJsonObject line = object(tooDeep);
    QCOMPARE(line.value(QStringLiteral("jsonError")).toObject().value(QStringLiteral("tooDeep")),
             QJsonValue(true));
    QVERIFY2(line.value(QStringLiteral("summary"))
                 .toString()
                 .startsWith(QLatin1String("Not decoded at line 1, column 1025: ")),
             qPrintable(line.value(QStringLiteral("summary")).toString()));
}

void TestCaptureJson::rejectedAndUnanalysed() {
    const Capture rejected = oddCaptures().at(2);
    const QJsonObject o = object(analyse(rejected));
    QCOMPARE(o.value(QStringLiteral("rejected")).toString(), rejected.rejection);
    QCOMPARE(o.value(QStringLiteral("responseStatus")).toInt(), 401);
    QCOMPARE(o.value(QStringLiteral("contractState")).toString(), QStringLiteral("rejected"));
    const QJsonObject unanalysed = object(AnalysedCapture{rejected, {}, false});
    QVERIFY(unanalysed.value(QStringLiteral("kind")).isNull());
    QVERIFY(!unanalysed.contains(QStringLiteral("events")));
}

void TestCaptureJson::whatIsNotKnownIsNull() {
    // As a salvage rebuilds a capture whose row was lost: no remote, a response of
    // unknown status.
    Capture rebuilt = webhook("{}", 1);
    rebuilt.remoteAddress.clear();
    rebuilt.remotePort = 0;
    rebuilt.response.status = 0;
    QVERIFY(rebuilt.response.sentUtcMs > 0);
    QJsonObject o = object(analyse(rebuilt));
    QVERIFY(o.value(QStringLiteral("remote")).isNull());
    QVERIFY(o.value(QStringLiteral("responseStatus")).isNull());

    QVERIFY(o.value(QStringLiteral("respondedUtc")).isString()); // that one went out

    // A HAR entry with status 0 records no response: that is known, and no response time
    // either (its time is when the recording tool stopped waiting).
    Capture imported = rebuilt;
    imported.origin = CaptureOrigin::HarImport;
    o = object(analyse(imported));
    QVERIFY(o.value(QStringLiteral("remote")).isNull());
    QVERIFY(o.value(QStringLiteral("responseStatus")).isDouble());
    QCOMPARE(o.value(QStringLiteral("responseStatus")).toInt(), 0);
    QVERIFY(o.value(QStringLiteral("respondedUtc")).isNull());

    // Never answered (the connection closed first): status 0, no time.
    Capture unanswered = webhook("{}", 2);
    unanswered.response = {};
    unanswered.rejection = QStringLiteral("the client closed the connection before the request "
                                          "was complete");
    o = object(analyse(unanswered));
    QCOMPARE(o.value(QStringLiteral("remote")).toString(), unanswered.remoteEndpoint());
    QVERIFY(o.value(QStringLiteral("responseStatus")).isDouble());
    QCOMPARE(o.value(QStringLiteral("responseStatus")).toInt(), 0);
    QVERIFY(o.value(QStringLiteral("respondedUtc")).isNull());
}

void TestCaptureJson::lineIsOneCompactLine() {
    const QList<Capture> captures = mixedCaptures();
    for (const Capture &c : captures) {
        const AnalysedCapture a = analyse(c);
        const QByteArray line = CaptureJson::toLine(a);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(QStringLiteral("id")).toInteger(), c.id);
        // The shape's order: the capture's own fields, then the analysis.
        QVERIFY2(line.startsWith("{\"id\":"), line.left(40).constData());
        QVERIFY(line.indexOf("\"rejected\":") < line.indexOf("\"kind\":"));
        QVERIFY(line.indexOf("\"kind\":") < line.indexOf("\"events\":"));
        QVERIFY(line.endsWith("\"}\n"));
        QVERIFY(line.lastIndexOf("\"summary\":") > line.lastIndexOf("\"contractState\":"));
        // Appending adds the same line after what is there.
        QByteArray batch("earlier\n");
        CaptureJson::appendLine(batch, a);
        QCOMPARE(batch, QByteArray("earlier\n") + line);
    }
    const QByteArray unanalysed = CaptureJson::toLine(AnalysedCapture{captures.at(0), {}, false});
    QVERIFY(unanalysed.endsWith(",\"kind\":null}\n"));
}

void TestCaptureJson::deliveryWhenGiven() {
    Capture c = webhook(TestSupport::readData(QStringLiteral("samples/general-mixed.json")), 7);
    c.id = 9;
    const AnalysedCapture a = analyse(c);
    const auto parsed = [](const QByteArray &line) {
        return QJsonDocument::fromJson(line).object();
    };
    // A selection exported says nothing of deliveries it cannot number.
    QVERIFY(!object(a).contains(QStringLiteral("delivery")));
    const DeliveryTracker::Delivery again{3, 5};
    const QJsonObject repeat = parsed(CaptureJson::toLine(a, {}, &again));
    QCOMPARE(repeat.value(QStringLiteral("delivery")).toInt(), 3);
    QCOMPARE(repeat.value(QStringLiteral("previousDeliveryId")).toInt(), 5);
    const DeliveryTracker::Delivery first{1, 0};
    const QJsonObject once = parsed(CaptureJson::toLine(a, {}, &first));
    QCOMPARE(once.value(QStringLiteral("delivery")).toInt(), 1);
    QVERIFY(once.value(QStringLiteral("previousDeliveryId")).isNull());
    const DeliveryTracker::Delivery none;
    const QJsonObject empty = parsed(CaptureJson::toLine(a, {}, &none));
    QVERIFY(empty.value(QStringLiteral("delivery")).isNull());
    QVERIFY(empty.contains(QStringLiteral("delivery")));
}

QTEST_GUILESS_MAIN(TestCaptureJson)
#include "tst_capturejson.moc"
