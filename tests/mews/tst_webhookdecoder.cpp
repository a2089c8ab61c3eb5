#include "mews/contractschema.h"
#include "mews/webhookdecoder.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringEncoder>
#include <QTest>

#include <thread>

using namespace MewsTestData;

namespace {

// Notes REFERENCE.md allows on valid samples: deprecated fields, the deprecated
// Entities object, and the documented Added + Updated pair for one entity.
bool isDocumentedNote(const ContractFinding &finding, const MewsAnalysis &analysis) {
    if (finding.severity != FindingSeverity::Note)
        return false;
    if (finding.path == QLatin1String("Entities") ||
        finding.path.endsWith(QLatin1String(".AdultCount")) ||
        finding.path.endsWith(QLatin1String(".ChildCount")))
        return true;
    static const QRegularExpression eventId(QStringLiteral("^Events\\[(\\d+)\\]\\.Value\\.Id$"));
    const QRegularExpressionMatch match = eventId.match(finding.path);
    if (!match.hasMatch())
        return false;
    const QString discriminator = analysis.events.value(match.captured(1).toInt()).discriminator;
    return discriminator == QLatin1String("CustomerAdded") ||
           discriminator == QLatin1String("CustomerUpdated");
}

QString findingsText(const MewsAnalysis &analysis) {
    QStringList lines;
    for (const ContractFinding &finding : analysis.findings) {
        lines.append(findingSeverityId(finding.severity) + QLatin1Char(' ') + finding.path +
                     QStringLiteral(": ") + finding.message);
    }
    return lines.join(QLatin1Char('\n'));
}

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

using namespace Qt::Literals::StringLiterals;

class TestWebhookDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schemaLoads();
    void samples_data();
    void samples();
    void generalMixedSummary();
    void lenientBodies_data();
    void lenientBodies();
    void manyRepairs();
    void lenientKindReason_data();
    void lenientKindReason();
    void classification_data();
    void classification();
    void byteOrderMark_data();
    void byteOrderMark();
    void foreignEncodings_data();
    void foreignEncodings();
    void unknownDiscriminatorIsKept();
    void unknownActionIsKept();
    void repeatedMemberNames_data();
    void repeatedMemberNames();
    void numbersAsWritten_data();
    void numbersAsWritten();
    void deepNesting_data();
    void deepNesting();
    void errorBeforeTheDepthLimit();
    void unpairedSurrogates_data();
    void unpairedSurrogates();
    void manyUnpairedSurrogates();
    void hugeString_data();
    void hugeString();
    void invalidUtf8_data();
    void invalidUtf8();
    void rawControlCharacter();
    void hugeArrays();
    void truncatedBody();
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

void TestWebhookDecoder::lenientBodies_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("body");
    for (const QString &file : malformedFiles())
        QTest::newRow(qPrintable(file)) << file << TestSupport::readData(file);
    for (const SeedBlock &block : seedBlocks())
        QTest::newRow(qPrintable(block.name)) << block.name << block.json;
}

void TestWebhookDecoder::lenientBodies() {
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

void TestWebhookDecoder::lenientKindReason_data() {
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
void TestWebhookDecoder::lenientKindReason() {
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QByteArray body = TestSupport::readData(file);
    body.insert(body.lastIndexOf('}'), ',');
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QVERIFY(analysis.lenient);
    QVERIFY2(analysis.kindReason.endsWith(reason), qPrintable(analysis.kindReason));
}

void TestWebhookDecoder::manyRepairs() {
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

void TestWebhookDecoder::byteOrderMark_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<ContractState>("stateWithout");
    QTest::newRow("Integration") << QStringLiteral("samples/integration-IntegrationCreated.json")
                                 << WebhookKind::Integration << ContractState::Ok;
    QTest::newRow("General") << QStringLiteral("samples/general-current-format.json")
                             << WebhookKind::General << ContractState::Notes;
    QTest::newRow("invalid JSON") << QStringLiteral("malformed/trailing-comma-in-events.txt")
                                  << WebhookKind::InvalidJson << ContractState::InvalidJson;
}

// RFC 8259 lets a parser skip a byte order mark but forbids a sender to add one.
void TestWebhookDecoder::byteOrderMark() {
    QFETCH(QString, file);
    QFETCH(WebhookKind, kind);
    QFETCH(ContractState, stateWithout);
    const QByteArray body = TestSupport::readData(file);
    const MewsAnalysis without = WebhookDecoder().decode(body, "application/json");
    const MewsAnalysis with =
        WebhookDecoder().decode(QByteArray("\xEF\xBB\xBF") + body, "application/json");
    QCOMPARE(without.contractState(), stateWithout);
    QCOMPARE(with.kind, kind);
    QCOMPARE(with.events.size(), without.events.size());
    QCOMPARE(with.findings.size(), without.findings.size() + 1);
    const ContractFinding &bom = with.findings.constFirst();
    QCOMPARE(bom.path, QString());
    QCOMPARE(bom.severity, FindingSeverity::Warning);
    QVERIFY2(bom.message.startsWith(QLatin1String("The body starts with a UTF-8 byte order mark")),
             qPrintable(bom.message));
    if (stateWithout != ContractState::InvalidJson)
        QCOMPARE(with.contractState(), ContractState::Warnings);
}

void TestWebhookDecoder::foreignEncodings_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    const QString sample = QString::fromUtf8(
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json")));
    const auto encoded = [&sample](QStringEncoder::Encoding encoding, bool bom) {
        QStringEncoder encoder(encoding, bom ? QStringEncoder::Flag::WriteBom
                                             : QStringEncoder::Flag::Default);
        return QByteArray(encoder.encode(sample));
    };
    QTest::newRow("UTF-16LE, BOM") << encoded(QStringEncoder::Utf16LE, true)
                                   << "UTF-16 text (little-endian, with the byte order mark FF FE)";
    QTest::newRow("UTF-16BE, no BOM") << encoded(QStringEncoder::Utf16BE, false)
                                      << "UTF-16 text (big-endian, without a byte order mark)";
    QTest::newRow("UTF-16LE, no BOM") << encoded(QStringEncoder::Utf16LE, false)
                                      << "UTF-16 text (little-endian, without a byte order mark)";
    QTest::newRow("UTF-32LE, BOM")
        << encoded(QStringEncoder::Utf32LE, true)
        << "UTF-32 text (little-endian, with the byte order mark FF FE 00 00)";
    QTest::newRow("UTF-32BE, no BOM") << encoded(QStringEncoder::Utf32BE, false)
                                      << "UTF-32 text (big-endian, without a byte order mark)";
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10)
                          << "gzip-compressed data (it starts with 1F 8B)";
    QTest::newRow("zlib") << QByteArray("\x78\x9c\xab\x56\x4a", 5)
                          << "zlib-compressed data (it starts with 78 9C)";
    QTest::newRow("zstd") << QByteArray("\x28\xb5\x2f\xfd\x24\x05", 6)
                          << "Zstandard-compressed data (it starts with 28 B5 2F FD)";
    // Text that only begins like a zlib header ("x^") is left to the JSON error.
    QTest::newRow("x^2, not zlib") << QByteArray("x^2 + 1") << QString();
    QTest::newRow("UTF-8 with a NUL") << QByteArray("{\0\"a\":1}", 8) << QString();
}

// A body in another encoding is named as such: "found byte 0xFF at line 1, column 1" said
// nothing of why.
void TestWebhookDecoder::foreignEncodings() {
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.count(FindingSeverity::Error), 1);
    const QString message = analysis.findings.constLast().message;
    if (named.isEmpty()) {
        QVERIFY2(!message.contains(u"compressed") && !message.contains(u"UTF-"),
                 qPrintable(message));
        QVERIFY2(message.contains(u"found"), qPrintable(message));
        return;
    }
    QCOMPARE(message, QStringLiteral("The body is not valid JSON: it is ") + named +
                          (named.startsWith(u"UTF")
                               ? QStringLiteral(", and JSON sent between systems must be UTF-8 "
                                                "(RFC 8259 §8.1).")
                               : QStringLiteral(".")));
    QVERIFY2(analysis.summary().endsWith(u": the body is " + named),
             qPrintable(analysis.summary()));
    // Said once in the summary, and not again in the kind's reason beside it.
    QVERIFY2(analysis.kindReason.endsWith(u", but it is not valid JSON"_s) &&
                 !analysis.kindReason.contains(named),
             qPrintable(analysis.kindReason));
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

void TestWebhookDecoder::repeatedMemberNames_data() {
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

void TestWebhookDecoder::repeatedMemberNames() {
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

void TestWebhookDecoder::numbersAsWritten_data() {
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
void TestWebhookDecoder::numbersAsWritten() {
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

void TestWebhookDecoder::deepNesting_data() {
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

void TestWebhookDecoder::deepNesting() {
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
void TestWebhookDecoder::errorBeforeTheDepthLimit() {
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

void TestWebhookDecoder::unpairedSurrogates_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QByteArray enabled = R"({"Action":"IntegrationEnabled","Data":{"Integration":{"Id":)"
                               R"("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Name":"\ud800"}}})";
    const QString name = QStringLiteral("Data.Integration.Name");
    const QString holds =
        QStringLiteral("This string holds an unpaired UTF-16 surrogate (\\ud800, at line 1, "
                       "column 107): JSON allows the escape, but it stands for no character, "
                       "and many JSON readers reject it or replace it. It reads here as U+FFFD.");
    QTest::newRow("valid JSON") << enabled << WebhookKind::Integration << name << holds;
    // Read by LenientJson: with a repeated name (valid), and with a trailing comma (not).
    QTest::newRow("repeated name")
        << QByteArray(enabled).insert(1, R"("Action":"IntegrationEnabled",)")
        << WebhookKind::Integration << name
        << QString(holds).replace(QStringLiteral("107"), QStringLiteral("137"));
    QTest::newRow("trailing comma")
        << QByteArray(enabled).replace("}}}", "},}}") << WebhookKind::InvalidJson << name << holds;
    QTest::newRow("in a member name")
        << QByteArray(enabled).replace(R"("Name":"\ud800")", R"("Name":"x","\uDBFF":1)")
        << WebhookKind::Integration << QStringLiteral("Data.Integration.") + QChar(0xFFFD)
        << QStringLiteral("This member's name holds an unpaired UTF-16 surrogate (\\uDBFF, at "
                          "line 1, column 111): JSON allows the escape, but it stands for no "
                          "character, and many JSON readers reject it or replace it. It reads "
                          "here as U+FFFD.");
}

// RFC 8259 allows an unpaired surrogate escape: the body is decoded, with a warning there.
void TestWebhookDecoder::unpairedSurrogates() {
    QFETCH(QByteArray, body);
    QFETCH(WebhookKind, kind);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, kind);
    QCOMPARE(analysis.action, QStringLiteral("IntegrationEnabled"));
    QCOMPARE(analysis.integrationId, QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6"));
    QVERIFY2(analysis.findings.contains(ContractFinding{path, FindingSeverity::Warning, message}),
             qPrintable(findingsText(analysis)));
    if (kind == WebhookKind::InvalidJson) {
        // The comma is the problem, not the escape.
        QCOMPARE(analysis.jsonError.message, QStringLiteral("trailing comma before }"));
        QVERIFY(analysis.lenient);
    } else {
        QVERIFY(!analysis.jsonError.isValid());
        QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    }
    for (const ContractFinding &finding : analysis.findings)
        QVERIFY2(!finding.message.contains(QLatin1String("not valid JSON")) ||
                     kind == WebhookKind::InvalidJson,
                 qPrintable(finding.message));
}

void TestWebhookDecoder::manyUnpairedSurrogates() {
    QByteArray body = R"({"Action":"IntegrationEnabled","Data":{"Note":")";
    for (int i = 0; i < 60; ++i)
        body += "\\udc00";
    const MewsAnalysis analysis = WebhookDecoder().decode(body + "\"}}", "application/json");
    QCOMPARE(analysis.kind, WebhookKind::Integration);
    qsizetype atNote = 0;
    for (const ContractFinding &finding : analysis.findings)
        atNote += finding.path == QLatin1String("Data.Note") &&
                  finding.message.contains(QLatin1String("unpaired"));
    QCOMPARE(atNote, JsonTree::MaxRecordedSurrogates);
    QVERIFY2(analysis.findings.contains(
                 ContractFinding{QString(), FindingSeverity::Warning,
                                 QStringLiteral("10 more unpaired UTF-16 surrogates.")}),
             qPrintable(findingsText(analysis)));
}

void TestWebhookDecoder::hugeString_data() {
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

void TestWebhookDecoder::hugeString() {
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

void TestWebhookDecoder::invalidUtf8_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("badByte");
    const QByteArray prefix =
        "{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":{\"Id\":"
        "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Name\":\"Aurora ";
    QTest::newRow("0xFF") << prefix + "\xFF Sync\"}}}" << QByteArray("0xFF");
    QTest::newRow("overlong /") << prefix + "\xC0\xAF Sync\"}}}" << QByteArray("0xC0");
    QTest::newRow("surrogate") << prefix + "\xED\xA0\x80 Sync\"}}}" << QByteArray("0xED");
    QTest::newRow("cut sequence") << prefix + "\xE2\x82 Sync\"}}}" << QByteArray("0xE2");
}

void TestWebhookDecoder::invalidUtf8() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, badByte);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, qint64(body.indexOf("Aurora ") + 7));
    QVERIFY2(analysis.jsonError.message.contains(QLatin1String("UTF-8")),
             qPrintable(analysis.jsonError.message));
    QVERIFY(analysis.jsonError.message.contains(QLatin1String(badByte)));
    // Still browsable: the rest of the name survives around a replacement character.
    QVERIFY(analysis.lenient);
    QCOMPARE(analysis.action, QStringLiteral("IntegrationEnabled"));
    QVERIFY(analysis.integrationName.startsWith(QLatin1String("Aurora ")));
    QVERIFY(analysis.integrationName.contains(QChar(QChar::ReplacementCharacter)));
    QVERIFY(analysis.integrationName.endsWith(QLatin1String(" Sync")));
}

void TestWebhookDecoder::rawControlCharacter() {
    // QJsonDocument accepts a raw line feed inside a string; RFC 8259 does not.
    const QByteArray body = "{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":{\"Id\":"
                            "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Name\":\"two\nlines\"}}}";
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, qint64(body.indexOf('\n')));
    QVERIFY(analysis.jsonError.message.contains(QLatin1String("U+000A")));
    QVERIFY(analysis.lenient);
    QCOMPARE(analysis.integrationName, QStringLiteral("two\nlines"));
}

void TestWebhookDecoder::hugeArrays() {
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

void TestWebhookDecoder::truncatedBody() {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const QByteArray cut = body.left(body.size() / 2);
    const MewsAnalysis analysis = WebhookDecoder().decode(cut, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QVERIFY(!analysis.lenient);
    QVERIFY(analysis.events.isEmpty());
    QVERIFY(analysis.jsonError.offset > 0 && analysis.jsonError.offset <= cut.size());
    QCOMPARE(analysis.count(FindingSeverity::Error), 1);
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
