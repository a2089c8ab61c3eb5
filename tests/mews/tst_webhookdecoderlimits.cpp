#include "mews/webhookdecoder.h"

#include <QTest>

namespace {

QByteArray nested(int depth, const QByteArray &open, const QByteArray &close) {
    QByteArray text;
    text.reserve(depth * (open.size() + close.size()));
    for (int i = 0; i < depth; ++i)
        text += open;
    for (int i = 0; i < depth; ++i)
        text += close;
    return text;
}

} // namespace

class TestWebhookDecoderLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deepNesting_data();
    void deepNesting();
    void errorBeforeTheDepthLimit();
    void hugeString_data();
    void hugeString();
    void hugeArrays();
};

void TestWebhookDecoderLimits::deepNesting_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("offset");
    QTest::newRow("10,000 arrays") << nested(10000, "[", "]") << qint64(1024);
    QTest::newRow("10,000 objects") << nested(10000, "{\"a\":", "}") << qint64(1024 * 5);
    QTest::newRow("10,000 unclosed arrays") << QByteArray(10000, '[') << qint64(1024);
    QTest::newRow("general with deep value")
        << QByteArray("{\"EnterpriseId\":\"x\",\"IntegrationId\":\"y\",\"Events\":") +
               nested(10000, "[", "]") + "}"
        << qint64(QByteArray("{\"EnterpriseId\":\"x\",\"IntegrationId\":\"y\",\"Events\":").size() +
                  1023);
    const QByteArray general = "{\"EnterpriseId\":\"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15\","
                               "\"IntegrationId\":\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\","
                               "\"Events\":[],\"Extra\":";
    QTest::newRow("valid general webhook, a member 1100 deep")
        << general + nested(1100, "[", "]") + "}" << qint64(general.size() + 1023);
}

void TestWebhookDecoderLimits::deepNesting() {
    QFETCH(QByteArray, body);
    QFETCH(qint64, offset);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::TooDeep);
    QCOMPARE(analysis.jsonError.offset, offset);
    QCOMPARE(analysis.jsonError.line, 1);
    QCOMPARE(analysis.jsonError.column, int(offset) + 1);
    QVERIFY2(analysis.jsonError.message.contains(QLatin1String("1024 levels")),
             qPrintable(analysis.jsonError.message));
    QVERIFY(!analysis.lenient);
    // Not decoded, but not called invalid JSON either: it may well be valid.
    const QString where = QStringLiteral("line 1, column %1").arg(offset + 1);
    QCOMPARE(analysis.summary(), QStringLiteral("Not decoded at ") + where +
                                     QStringLiteral(": nesting deeper than this inspector's "
                                                    "limit of 1024 levels"));
    QVERIFY2(
        analysis.kindReason.endsWith(QLatin1String(", and it nests more than 1024 levels deep")),
        qPrintable(analysis.kindReason));
    const ContractFinding notDecoded{
        QString(), FindingSeverity::Warning,
        QStringLiteral("The body nests deeper than this inspector's limit of 1024 levels (at ") +
            where + QStringLiteral("), so it was not decoded; it may well be valid JSON.")};
    QCOMPARE(analysis.findings, QList<ContractFinding>{notDecoded});
    QCOMPARE(analysis.contractState(), ContractState::Warnings);
}

// Invalid JSON before the nesting limit is still called invalid.
void TestWebhookDecoderLimits::errorBeforeTheDepthLimit() {
    const QByteArray body = "{\"a\": [1,], \"b\": " + nested(2000, "[", "]") + "}";
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, qint64(8));
    QCOMPARE(analysis.summary(),
             QStringLiteral("Invalid JSON at line 1, column 9: trailing comma before ]"));
    QVERIFY(analysis.kindReason.endsWith(QLatin1String(", but it is not valid JSON")));
    QCOMPARE(analysis.findings.constFirst().message,
             QStringLiteral("The body is not valid JSON: trailing comma before ] at line 1, "
                            "column 9."));
}

void TestWebhookDecoderLimits::hugeString_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<WebhookKind>("kind");
    const QByteArray text(32 * 1024 * 1024, 'a');
    QTest::newRow("bare string") << '"' + text + '"' << WebhookKind::OtherJson;
    QTest::newRow("member") << "{\"Text\":\"" + text + "\"}" << WebhookKind::OtherJson;
    QTest::newRow("integration name")
        << "{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":{\"Id\":"
           "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Name\":\"" +
               text + "\"}}}"
        << WebhookKind::Integration;
    QTest::newRow("unterminated") << "{\"Text\":\"" + text << WebhookKind::InvalidJson;
}

void TestWebhookDecoderLimits::hugeString() {
    QFETCH(QByteArray, body);
    QFETCH(WebhookKind, kind);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, kind);
    if (kind == WebhookKind::Integration) {
        QCOMPARE(analysis.integrationName.size(), 32 * 1024 * 1024);
        QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    }
    if (kind == WebhookKind::InvalidJson) {
        QCOMPARE(analysis.jsonError.offset, qint64(body.indexOf("\"a")));
        QVERIFY(analysis.jsonError.message.contains(QLatin1String("unterminated string")));
    }
}

void TestWebhookDecoderLimits::hugeArrays() {
    const int count = 100000;
    QByteArray events;
    for (int i = 0; i < count; ++i) {
        if (i)
            events += ',';
        events += "{\"Discriminator\":\"PaymentUpdated\",\"Value\":{\"Id\":\"" +
                  QByteArray::number(0x10000000 + i, 16) + "-0000-4000-8000-000000000000\"}}";
    }
    const QByteArray body =
        "{\"EnterpriseId\":\"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15\",\"IntegrationId\":"
        "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Events\":[" +
        events + "]}";
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::General);
    QCOMPARE(analysis.events.size(), count);
    QCOMPARE(analysis.eventsSummary(), QStringLiteral("PaymentUpdated ×%1").arg(count));
    QVERIFY2(analysis.findings.isEmpty(), qPrintable(analysis.findings.value(0).message));

    QByteArray numbers(2000001, ',');
    for (qsizetype i = 0; i < numbers.size(); i += 2)
        numbers[i] = '7';
    const MewsAnalysis array = WebhookDecoder().decode('[' + numbers + ']', QByteArrayView());
    QCOMPARE(array.kind, WebhookKind::OtherJson);
}

QTEST_GUILESS_MAIN(TestWebhookDecoderLimits)
#include "tst_webhookdecoderlimits.moc"
