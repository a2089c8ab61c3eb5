#include "mews/contractschema.h"
#include "mews/webhookdecoder.h"
#include "mewstestdata.h"
#include "webhookdecodertestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <thread>

using namespace MewsTestData;
using namespace WebhookDecoderTestData;

namespace {

// The summary line computed from the JSON alone, as documented on MewsAnalysis::summary().
QString expectedGeneralSummary(const QJsonObject &root) {
    QStringList order;
    QHash<QString, int> counts;
    const QJsonArray events = root.value(QLatin1String("Events")).toArray();
    for (const QJsonValue &event : events) {
        const QString discriminator =
            event.toObject().value(QLatin1String("Discriminator")).toString();
        if (!counts.contains(discriminator))
            order.append(discriminator);
        ++counts[discriminator];
    }
    QStringList parts;
    for (const QString &discriminator : order) {
        const int n = counts.value(discriminator);
        parts.append(n > 1 ? QStringLiteral("%1 ×%2").arg(discriminator).arg(n) : discriminator);
    }
    QString line =
        QStringLiteral("General webhook · %1 %2")
            .arg(events.size())
            .arg(events.size() == 1 ? QStringLiteral("event") : QStringLiteral("events"));
    if (!events.isEmpty())
        line += QStringLiteral(": ") + parts.join(QStringLiteral(", "));
    return line + QStringLiteral(" · enterprise ") +
           root.value(QLatin1String("EnterpriseId")).toString().left(8) + QStringLiteral("…");
}

// Checks events and entities against the (strict or repaired) JSON they came from.
void compareEventsAndEntities(const MewsAnalysis &analysis, const QJsonObject &root) {
    const QJsonArray events = root.value(QLatin1String("Events")).toArray();
    QCOMPARE(analysis.events.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        const WebhookEvent &decoded = analysis.events.at(i);
        QCOMPARE(decoded.discriminator, event.value(QLatin1String("Discriminator")).toString());
        QCOMPARE(
            decoded.entityId,
            event.value(QLatin1String("Value")).toObject().value(QLatin1String("Id")).toString());
        QVERIFY(decoded.known);
    }
    const QJsonObject entities = root.value(QLatin1String("Entities")).toObject();
    qsizetype entityCount = 0;
    for (const QJsonValue &list : entities)
        entityCount += list.toArray().size();
    QCOMPARE(analysis.entities.size(), entityCount);
    for (const WebhookEntity &entity : analysis.entities) {
        const QJsonObject object =
            entities.value(entity.collection).toArray().at(entity.indexInCollection).toObject();
        QCOMPARE(entity.id, object.value(QLatin1String("Id")).toString());
        QCOMPARE(
            entity.path,
            QStringLiteral("Entities.%1[%2]").arg(entity.collection).arg(entity.indexInCollection));
        QVERIFY2(entity.eventIndex >= 0, qPrintable(entity.path));
        QCOMPARE(analysis.events.at(entity.eventIndex).entityId, entity.id);
    }
    for (const WebhookEvent &event : analysis.events) {
        const QJsonArray list = entities.value(event.collection).toArray();
        bool inList = false;
        for (const QJsonValue &entity : list)
            inList =
                inList || entity.toObject().value(QLatin1String("Id")).toString() == event.entityId;
        QCOMPARE(event.entityIncluded(), inList);
        if (inList)
            QCOMPARE(analysis.entities.at(event.entityIndex).id, event.entityId);
    }
}

} // namespace

class TestWebhookDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schemaLoads();
    void samples_data();
    void samples();
    void generalMixedSummary();
    void classification_data();
    void classification();
    void unknownDiscriminatorIsKept();
    void unknownActionIsKept();
    void concurrentDecoding();
};

void TestWebhookDecoder::schemaLoads() {
    QVERIFY2(ContractSchema::instance().isValid(),
             qPrintable(ContractSchema::instance().errors().join(QLatin1Char('\n'))));
}

void TestWebhookDecoder::samples_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : sampleFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestWebhookDecoder::samples() {
    QFETCH(QString, file);
    const QByteArray body = TestSupport::readData(file);
    const QJsonObject root = strict(body).object();
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");

    const bool integration = root.contains(QLatin1String("Action"));
    QCOMPARE(analysis.kind, integration ? WebhookKind::Integration : WebhookKind::General);
    QVERIFY(!analysis.kindReason.isEmpty());
    QVERIFY(!analysis.lenient);
    QVERIFY(!analysis.jsonError.isValid());
    for (const ContractFinding &finding : analysis.findings)
        QVERIFY2(isDocumentedNote(finding, analysis), qPrintable(findingsText(analysis)));

    if (integration) {
        const QJsonObject data = root.value(QLatin1String("Data")).toObject();
        QCOMPARE(analysis.action, root.value(QLatin1String("Action")).toString());
        QVERIFY(file.contains(analysis.action));
        QVERIFY(analysis.actionKnown);
        QCOMPARE(analysis.enterpriseId,
                 data.value(QLatin1String("Enterprise"))[QLatin1String("Id")].toString());
        QCOMPARE(analysis.enterpriseName,
                 data.value(QLatin1String("Enterprise"))[QLatin1String("Name")].toString());
        QCOMPARE(analysis.integrationId,
                 data.value(QLatin1String("Integration"))[QLatin1String("Id")].toString());
        QCOMPARE(analysis.integrationName,
                 data.value(QLatin1String("Integration"))[QLatin1String("Name")].toString());
        QVERIFY(analysis.events.isEmpty());
        const QString place =
            analysis.enterpriseName.isEmpty() ? analysis.integrationName : analysis.enterpriseName;
        QCOMPARE(analysis.summary(), analysis.action + QStringLiteral(" · ") + place);
    } else {
        QCOMPARE(analysis.enterpriseId, root.value(QLatin1String("EnterpriseId")).toString());
        QCOMPARE(analysis.integrationId, root.value(QLatin1String("IntegrationId")).toString());
        compareEventsAndEntities(analysis, root);
        QCOMPARE(analysis.summary(), expectedGeneralSummary(root));
    }
}

void TestWebhookDecoder::generalMixedSummary() {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    const QString summary = analysis.summary();
    QVERIFY2(
        summary.startsWith(QStringLiteral("General webhook · 9 events: ServiceOrderUpdated ×2, "
                                          "ResourceUpdated, MessageAdded, ")),
        qPrintable(summary));
    QCOMPARE(summary, expectedGeneralSummary(strict(body).object()));
    QCOMPARE(analysis.contractState(), ContractState::Notes);
}

void TestWebhookDecoder::classification_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<QString>("reason");

    const QByteArray integration =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationEnabled.json"));
    QTest::newRow("empty") << QByteArray() << QByteArray("application/json") << WebhookKind::NotJson
                           << "empty body";
    QTest::newRow("whitespace") << QByteArray(" \r\n\t") << QByteArray() << WebhookKind::NotJson
                                << "only whitespace";
    QTest::newRow("form") << QByteArray("Action=IntegrationCreated&Token=x")
                          << QByteArray("application/x-www-form-urlencoded") << WebhookKind::NotJson
                          << "form data";
    QTest::newRow("form without type")
        << QByteArray("a=1&b=2") << QByteArray() << WebhookKind::NotJson << "form data";
    QTest::newRow("multipart") << QByteArray(
                                      "--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--")
                               << QByteArray("multipart/form-data; boundary=x")
                               << WebhookKind::NotJson << "multipart";
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><a/>") << QByteArray("text/xml")
                         << WebhookKind::NotJson << "XML";
    QTest::newRow("text") << QByteArray("hello") << QByteArray("text/plain") << WebhookKind::NotJson
                          << "text";
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4)
                            << QByteArray("application/octet-stream") << WebhookKind::NotJson
                            << "binary";
    QTest::newRow("bare number without JSON type")
        << QByteArray("42") << QByteArray() << WebhookKind::NotJson << "text";
    QTest::newRow("JSON type, text body") << QByteArray("hello") << QByteArray("application/json")
                                          << WebhookKind::InvalidJson << "application/json";
    QTest::newRow("JSON type, XML body")
        << QByteArray("<a/>") << QByteArray("application/json; charset=utf-8")
        << WebhookKind::InvalidJson << "application/json";
    QTest::newRow("JSON suffix type")
        << QByteArray("true") << QByteArray("application/vnd.mews+json") << WebhookKind::OtherJson
        << "boolean";
    QTest::newRow("bare number") << QByteArray(" 42 ") << QByteArray("application/json")
                                 << WebhookKind::OtherJson << "number";
    QTest::newRow("bare string") << QByteArray("\"x\"") << QByteArray("text/json")
                                 << WebhookKind::OtherJson << "string";
    QTest::newRow("null") << QByteArray("null") << QByteArray("application/json")
                          << WebhookKind::OtherJson << "null";
    QTest::newRow("array") << QByteArray("  [1, 2]") << QByteArray() << WebhookKind::OtherJson
                           << "array";
    QTest::newRow("other object") << QByteArray("{\"hello\": 1}") << QByteArray("text/plain")
                                  << WebhookKind::OtherJson << "neither";
    QTest::newRow("integration as text/plain")
        << integration << QByteArray("text/plain") << WebhookKind::Integration << "Action and Data";
    QTest::newRow("integration with BOM")
        << QByteArray("\xEF\xBB\xBF") + integration << QByteArray() << WebhookKind::Integration
        << "Action and Data";
    QTest::newRow("integration without Data")
        << QByteArray("{\"Action\": \"IntegrationEnabled\"}") << QByteArray()
        << WebhookKind::Integration << "Data missing";
    QTest::newRow("general without Events")
        << QByteArray("{\"EnterpriseId\": \"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15\", "
                      "\"IntegrationId\": \"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\"}")
        << QByteArray() << WebhookKind::General << "Events missing";
    QTest::newRow("unclosed object") << QByteArray("{\"Action\": ") << QByteArray("text/plain")
                                     << WebhookKind::InvalidJson << "starts with {";
}

void TestWebhookDecoder::classification() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(WebhookKind, kind);
    QFETCH(QString, reason);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, contentType);
    QCOMPARE(analysis.kind, kind);
    QVERIFY2(analysis.kindReason.contains(reason), qPrintable(analysis.kindReason));
    QCOMPARE(analysis.jsonError.isValid(), kind == WebhookKind::InvalidJson);
    if (kind == WebhookKind::InvalidJson) {
        QVERIFY(analysis.jsonError.line >= 1);
        QVERIFY(analysis.jsonError.column >= 1);
        QVERIFY(!analysis.jsonError.message.isEmpty());
    }
    if (kind == WebhookKind::NotJson || kind == WebhookKind::OtherJson) {
        // Not a webhook: nothing was checked, and that is not "keeps the contract".
        QCOMPARE(analysis.findings.size(), 1);
        QCOMPARE(analysis.findings.at(0).path, QString());
        QCOMPARE(analysis.findings.at(0).severity, FindingSeverity::Warning);
        QVERIFY2(analysis.findings.at(0).message.startsWith(QLatin1String("Not a Mews webhook")),
                 qPrintable(findingsText(analysis)));
        QVERIFY(analysis.findings.at(0).message.contains(
            kind == WebhookKind::NotJson ? QLatin1String("not JSON") : QLatin1String("Events")));
        QCOMPARE(analysis.contractState(), ContractState::Warnings);
    }
}

void TestWebhookDecoder::unknownDiscriminatorIsKept() {
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/general-current-format.json")))
            .object();
    QJsonArray events = root.value(QLatin1String("Events")).toArray();
    const QString id = QStringLiteral("aa0c2e4a-6c8e-4a13-b5d7-f9b1d3f5a7c9");
    events.append(QJsonObject{{QStringLiteral("Discriminator"), QStringLiteral("BillClosed")},
                              {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}});
    root.insert(QStringLiteral("Events"), events);
    const MewsAnalysis analysis =
        WebhookDecoder().decode(QJsonDocument(root).toJson(), "application/json");

    QCOMPARE(analysis.kind, WebhookKind::General);
    QCOMPARE(analysis.events.size(), events.size());
    const WebhookEvent &event = analysis.events.constLast();
    QCOMPARE(event.discriminator, QStringLiteral("BillClosed"));
    QVERIFY(!event.known);
    QCOMPARE(event.entityId, id);
    QVERIFY(analysis.eventsSummary().endsWith(QLatin1String(", BillClosed")));
    const QString path = QStringLiteral("Events[%1].Discriminator").arg(events.size() - 1);
    const auto finding = std::find_if(analysis.findings.cbegin(), analysis.findings.cend(),
                                      [&](const ContractFinding &f) { return f.path == path; });
    QVERIFY(finding != analysis.findings.cend());
    QCOMPARE(finding->severity, FindingSeverity::Note);
    QVERIFY(finding->message.contains(QLatin1String("not known to this version")));
    QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 0);
}

void TestWebhookDecoder::unknownActionIsKept() {
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/integration-IntegrationEnabled.json")))
            .object();
    root.insert(QStringLiteral("Action"), QStringLiteral("IntegrationPaused"));
    const MewsAnalysis analysis =
        WebhookDecoder().decode(QJsonDocument(root).toJson(), "application/json");
    QCOMPARE(analysis.kind, WebhookKind::Integration);
    QCOMPARE(analysis.action, QStringLiteral("IntegrationPaused"));
    QVERIFY(!analysis.actionKnown);
    QCOMPARE(analysis.integrationName,
             root[QLatin1String("Data")][QLatin1String("Integration")][QLatin1String("Name")]
                 .toString());
    QCOMPARE(analysis.findings.size(), 1);
    QCOMPARE(analysis.findings.constFirst().path, QStringLiteral("Action"));
    QCOMPARE(analysis.findings.constFirst().severity, FindingSeverity::Note);
    QVERIFY(analysis.findings.constFirst().message.contains(QLatin1String("IntegrationPaused")));
}

void TestWebhookDecoder::concurrentDecoding() {
    QList<QByteArray> bodies;
    for (const QString &file : sampleFiles() + malformedFiles())
        bodies.append(TestSupport::readData(file));
    const WebhookDecoder decoder;
    QList<MewsAnalysis> expected;
    for (const QByteArray &body : std::as_const(bodies))
        expected.append(decoder.decode(body, "application/json"));

    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&]() {
            for (int round = 0; round < 50; ++round) {
                for (qsizetype i = 0; i < bodies.size(); ++i) {
                    if (!(decoder.decode(bodies.at(i), "application/json") == expected.at(i)))
                        ++mismatches;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestWebhookDecoder)
#include "tst_webhookdecoder.moc"
