#include "mews/webhookdecoder.h"
#include "mewstestdata.h"
#include "webhookdecodertestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace MewsTestData;
using namespace WebhookDecoderTestData;

class TestWebhookDecoderLenient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lenientBodies_data();
    void lenientBodies();
    void manyRepairs();
    void lenientKindReason_data();
    void lenientKindReason();
    void repeatedMemberNames_data();
    void repeatedMemberNames();
    void numbersAsWritten_data();
    void numbersAsWritten();
    void truncatedBody();
};

void TestWebhookDecoderLenient::lenientBodies_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("body");
    for (const QString &file : malformedFiles())
        QTest::newRow(qPrintable(file)) << file << TestSupport::readData(file);
    for (const SeedBlock &block : seedBlocks())
        QTest::newRow(qPrintable(block.name)) << block.name << block.json;
}

void TestWebhookDecoderLenient::lenientBodies() {
    QFETCH(QString, name);
    QFETCH(QByteArray, body);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, QByteArrayView());
    const qsizetype defect = firstDefectOffset(body);
    const QJsonObject root = strict(repairedText(body)).object();

    if (defect < 0) {
        // A seed block without a defect: strict JSON, decoded normally.
        QVERIFY(analysis.kind == WebhookKind::Integration || analysis.kind == WebhookKind::General);
        QVERIFY(!analysis.lenient);
        for (const ContractFinding &finding : analysis.findings)
            QVERIFY2(isDocumentedNote(finding, analysis), qPrintable(findingsText(analysis)));
        return;
    }
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.contractState(), ContractState::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, defect);
    const auto [line, column] = lineAndColumn(body, defect);
    QCOMPARE(analysis.jsonError.line, line);
    QCOMPARE(analysis.jsonError.column, column);
    QVERIFY(!analysis.jsonError.message.isEmpty());
    QCOMPARE(analysis.summary(), QStringLiteral("Invalid JSON at line %1, column %2: %3")
                                     .arg(line)
                                     .arg(column)
                                     .arg(analysis.jsonError.message));

    QVERIFY(analysis.lenient);
    QVERIFY(analysis.kindReason.contains(QLatin1String("General webhook")));
    QCOMPARE(analysis.enterpriseId, root.value(QLatin1String("EnterpriseId")).toString());
    const auto errors =
        std::count_if(analysis.findings.cbegin(), analysis.findings.cend(),
                      [](const auto &f) { return f.severity == FindingSeverity::Error; });
    QCOMPARE(errors, 1);
    QCOMPARE(analysis.findings.constFirst().path, QString());
    QCOMPARE(analysis.findings.constFirst().severity, FindingSeverity::Error);
    const bool saysLenient =
        std::any_of(analysis.findings.cbegin(), analysis.findings.cend(), [](const auto &f) {
            return f.severity == FindingSeverity::Note &&
                   f.message.startsWith(QLatin1String("Read leniently"));
        });
    QVERIFY(saysLenient);
    // Every event comes through; embedded entities are linked where the list has them.
    const QJsonArray events = root.value(QLatin1String("Events")).toArray();
    QCOMPARE(analysis.events.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(analysis.events.at(i).discriminator,
                 events.at(i)[QLatin1String("Discriminator")].toString());
        QCOMPARE(analysis.events.at(i).entityId,
                 events.at(i)[QLatin1String("Value")][QLatin1String("Id")].toString());
    }
    qsizetype entityCount = 0;
    for (const QJsonValue &list : root.value(QLatin1String("Entities")).toObject())
        entityCount += list.toArray().size();
    QCOMPARE(analysis.entities.size(), entityCount);
}

void TestWebhookDecoderLenient::lenientKindReason_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("Integration") << QStringLiteral("samples/integration-IntegrationEnabled.json")
                                 << QStringLiteral("; read leniently it is an Integration webhook "
                                                   "(top-level Action and Data)");
    QTest::newRow("General") << QStringLiteral("samples/general-CustomerAdded.json")
                             << QStringLiteral(
                                    "; read leniently it is a General webhook "
                                    "(top-level EnterpriseId, IntegrationId and Events)");
}

// The reason is shown as written (JSON Lines, the Overview): "an Integration webhook".
void TestWebhookDecoderLenient::lenientKindReason() {
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QByteArray body = TestSupport::readData(file);
    body.insert(body.lastIndexOf('}'), ',');
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QVERIFY(analysis.lenient);
    QVERIFY2(analysis.kindReason.endsWith(reason), qPrintable(analysis.kindReason));
}

void TestWebhookDecoderLenient::manyRepairs() {
    QByteArray extra;
    const int commas = 15;
    for (int i = 0; i < commas; ++i)
        extra += "[1,],";
    QByteArray body = TestSupport::readData(QStringLiteral("samples/general-CustomerAdded.json"));
    body.insert(body.lastIndexOf('}'), ",\"Extra\": [" + extra.chopped(1) + "]");
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QVERIFY(analysis.lenient);
    QStringList repairNotes;
    for (const ContractFinding &finding : analysis.findings) {
        if (finding.message.startsWith(QLatin1String("Read leniently")))
            repairNotes.append(finding.message);
    }
    // Each repair is listed up to a limit, then counted, so a pathological body stays readable.
    QVERIFY(repairNotes.size() < commas);
    const qsizetype listed = repairNotes.size() - 1;
    QVERIFY2(repairNotes.constLast().contains(QString::number(commas - listed) +
                                              QStringLiteral(" more")),
             qPrintable(repairNotes.constLast()));
    QCOMPARE(analysis.eventsSummary(), QStringLiteral("CustomerAdded"));
}

void TestWebhookDecoderLenient::repeatedMemberNames_data() {
    QTest::addColumn<QByteArray>("body");
    const QByteArray sample =
        TestSupport::readData(QStringLiteral("samples/general-CustomerAdded.json"));
    const QByteArray events = "\"Events\": [{\"Discriminator\": \"PaymentUpdated\", \"Value\": "
                              "{\"Id\": \"f5a7c9e1-3b5d-4f86-a8c0-2e4a6c8e0b3d\"}}],\n    ";
    const qsizetype at = sample.indexOf("\"Events\"");
    QTest::newRow("valid JSON") << QByteArray(sample).insert(at, events);
    QTest::newRow("also invalid")
        << QByteArray(sample).insert(at, events).replace("}\n    ]", "},\n    ]");
}

void TestWebhookDecoderLenient::repeatedMemberNames() {
    QFETCH(QByteArray, body);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind == WebhookKind::General, !analysis.jsonError.isValid());
    // The last Events wins, as in QJsonDocument, and the repetition is reported where it is.
    QCOMPARE(analysis.eventsSummary(), QStringLiteral("CustomerAdded"));
    const qsizetype second = body.indexOf("\"Events\"", body.indexOf("\"Events\"") + 1);
    const auto [line, column] = lineAndColumn(body, second);
    const auto warning =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(),
                     [](const auto &f) { return f.severity == FindingSeverity::Warning; });
    QVERIFY2(warning != analysis.findings.cend(), qPrintable(findingsText(analysis)));
    QCOMPARE(warning->path, QStringLiteral("Events"));
    QVERIFY2(warning->message.contains(QStringLiteral("line %1, column %2").arg(line).arg(column)),
             qPrintable(warning->message));
    QCOMPARE(analysis.count(FindingSeverity::Warning), 1);
}

void TestWebhookDecoderLenient::numbersAsWritten_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QByteArray orders =
        TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json"));
    const QString count = QStringLiteral("Entities.ServiceOrders[1].PersonCounts[0].Count");
    const QByteArray count1e400 =
        QByteArray(orders).replace("\"Count\": 1\n", "\"Count\": 1e400\n");
    const QString outOfRange =
        QStringLiteral("Count must be an integer; 1e400 is out of range for a 64-bit integer.");
    QTest::newRow("Count 1e400") << count1e400 << WebhookKind::General << count << outOfRange;
    QTest::newRow("Count -1e400")
        << QByteArray(orders).replace("\"Count\": 1\n", "\"Count\": -1e400\n")
        << WebhookKind::General << count
        << QStringLiteral("Count must be an integer; -1e400 is out of range for a 64-bit integer.");
    QTest::newRow("AdultCount 1e400")
        << QByteArray(orders).replace("\"AdultCount\": 2,", "\"AdultCount\": 1e400,")
        << WebhookKind::General << QStringLiteral("Entities.ServiceOrders[0].AdultCount")
        << QStringLiteral(
               "AdultCount must be an integer; 1e400 is out of range for a 64-bit integer.");
    QTest::newRow("Count beyond 64 bits")
        << QByteArray(orders).replace("\"Count\": 1\n",
                                      "\"Count\": 123456789012345678901234567890\n")
        << WebhookKind::General << count
        << QStringLiteral("Count must be an integer; 123456789012345678901234567890 is out of "
                          "range for a 64-bit integer.");
    // Read by LenientJson: valid JSON with a repeated name, and invalid JSON.
    QTest::newRow("Count 1e400, repeated name")
        << QByteArray(count1e400).insert(2, "    \"EnterpriseId\": \"x\",\n")
        << WebhookKind::General << count << outOfRange;
    QTest::newRow("Count 1e400, trailing comma")
        << QByteArray(count1e400).replace("}\n    ],", "},\n    ],") << WebhookKind::InvalidJson
        << count << outOfRange;
    QTest::newRow("IsEnabled 1e400")
        << TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"))
               .replace("\"IsEnabled\": true,", "\"IsEnabled\": 1e400,")
        << WebhookKind::Integration << QStringLiteral("Data.IsEnabled")
        << QStringLiteral("IsEnabled must be true or false; got a number (1e400).");
}

// A number beyond a double's range is not read as 0: findings quote it as it was sent.
void TestWebhookDecoderLenient::numbersAsWritten() {
    QFETCH(QByteArray, body);
    QFETCH(WebhookKind, kind);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, kind);
    QCOMPARE(analysis.lenient, kind == WebhookKind::InvalidJson);
    QVERIFY2(analysis.findings.contains(ContractFinding{path, FindingSeverity::Error, message}),
             qPrintable(findingsText(analysis)));
    QCOMPARE(analysis.count(FindingSeverity::Error), kind == WebhookKind::InvalidJson ? 2 : 1);
}

void TestWebhookDecoderLenient::truncatedBody() {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const QByteArray cut = body.left(body.size() / 2);
    const MewsAnalysis analysis = WebhookDecoder().decode(cut, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QVERIFY(!analysis.lenient);
    QVERIFY(analysis.events.isEmpty());
    QVERIFY(analysis.jsonError.offset > 0 && analysis.jsonError.offset <= cut.size());
    QCOMPARE(analysis.count(FindingSeverity::Error), 1);
}

QTEST_GUILESS_MAIN(TestWebhookDecoderLenient)
#include "tst_webhookdecoderlenient.moc"
