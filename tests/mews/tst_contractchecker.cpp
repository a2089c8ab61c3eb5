#include "contractcheckertestdata.h"
#include "mews/contractchecker.h"
#include "mews/contractschema.h"
#include "mews/jsonpath.h"
#include "mews/webhookdecoder.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <optional>

using namespace ContractCheckerTestData;
using namespace MewsTestData;

namespace {

enum class Mutation { Remove, WrongType };

// A value of another JSON type than the field's.
QJsonValue wrongTyped(JsonType type) {
    switch (type) {
    case JsonType::String:
        return 12345;
    case JsonType::Integer:
    case JsonType::Number:
    case JsonType::Boolean:
        return QStringLiteral("text");
    case JsonType::Object:
        return QJsonArray{1};
    case JsonType::Array:
        return QJsonObject{{QStringLiteral("k"), 1}};
    case JsonType::Any:
        break;
    }
    return QJsonValue();
}

struct Target {
    QString path;
    Mutation mutation;
    JsonType type;
};

// Every value of `document` the schema describes (not below an "any" field), as mutations:
// removal for required members, a wrong-typed value for every member and element.
void collectTargets(const QJsonValue &document, const QJsonValue &value, const QString &path,
                    QList<Target> &targets) {
    const ContractSchema &schema = ContractSchema::instance();
    const auto visit = [&](const QString &childPath, const QJsonValue &child, bool member) {
        const std::optional<FieldDescriptor> field = schema.fieldForPath(document, childPath);
        QVERIFY2(field.has_value(), qPrintable(QStringLiteral("no schema field for ") + childPath));
        if (field->jsonType == JsonType::Any)
            return;
        if (member && field->required)
            targets.append({childPath, Mutation::Remove, field->jsonType});
        targets.append({childPath, Mutation::WrongType, field->jsonType});
        collectTargets(document, child, childPath, targets);
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            visit(JsonPath::appendKey(path, it.key()), it.value(), true);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            visit(JsonPath::appendIndex(path, i), array.at(i), false);
    }
}

QJsonObject without(const QJsonObject &document, const QString &path) {
    return mutated(document, JsonPath::parse(path), 0, std::nullopt).toObject();
}

} // namespace

class TestContractChecker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mutations_data();
    void mutations();
    void exactMessages_data();
    void exactMessages();
    void documentedLeniency_data();
    void documentedLeniency();
    void secretsAreNotQuoted();
};

void TestContractChecker::mutations_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("mutation");
    qsizetype removals = 0;
    for (const QString &file : sampleFiles()) {
        const QByteArray body = TestSupport::readData(file);
        const QJsonValue document = strict(body).object();
        QList<Target> targets;
        collectTargets(document, document, QString(), targets);
        for (const Target &target : std::as_const(targets)) {
            const QList<JsonPathStep> steps = JsonPath::parse(target.path);
            const bool remove = target.mutation == Mutation::Remove;
            removals += remove ? 1 : 0;
            const QJsonValue changed =
                mutated(document, steps, 0,
                        remove ? std::nullopt : std::optional<QJsonValue>(wrongTyped(target.type)));
            QTest::addRow("%s %s %s", qPrintable(file), remove ? "without" : "wrong type",
                          qPrintable(target.path))
                << QJsonDocument(changed.toObject()).toJson() << target.path
                << int(target.mutation);
        }
    }
    // Every sample has required fields: a schema that marks nothing required would pass vacuously.
    QVERIFY(removals >= sampleFiles().size() * 3);
}

void TestContractChecker::mutations() {
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(int, mutation);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QVERIFY(analysis.kind == WebhookKind::Integration || analysis.kind == WebhookKind::General);
    const auto hit =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(), [&](const auto &f) {
            return f.path == path && f.severity == FindingSeverity::Error;
        });
    QVERIFY2(hit != analysis.findings.cend(), qPrintable(text(analysis.findings)));
    const QString name = JsonPath::parse(path).constLast().isIndex()
                             ? path.mid(path.lastIndexOf(QLatin1Char('.')) + 1)
                             : JsonPath::parse(path).constLast().key;
    QVERIFY2(hit->message.startsWith(name + QLatin1Char(' ')), qPrintable(hit->message));
    QVERIFY(hit->message.contains(Mutation(mutation) == Mutation::Remove
                                      ? QLatin1String("required but missing")
                                      : QLatin1String(" must be ")));
}

void TestContractChecker::exactMessages_data() {
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("path");
    QTest::addColumn<FindingSeverity>("severity");
    QTest::addColumn<QString>("message");
    const QJsonObject orders = sample(QStringLiteral("general-ServiceOrderUpdated.json"));
    QTest::newRow("non-UTC time") << with(orders,
                                          QStringLiteral("Entities.ServiceOrders[0].StartUtc"),
                                          QStringLiteral("2025-03-14 09:26"))
                                  << "Entities.ServiceOrders[0].StartUtc" << FindingSeverity::Error
                                  << "StartUtc must be an ISO 8601 UTC timestamp ending in Z, like "
                                     "2025-03-14T09:26:41Z; got \"2025-03-14 09:26\".";
    const QJsonObject mixed = sample(QStringLiteral("general-current-format.json"));
    QTest::newRow("bad GUID") << with(mixed, QStringLiteral("Events[2].Value.Id"),
                                      QStringLiteral("e1b7c3d5-2a4f"))
                              << "Events[2].Value.Id" << FindingSeverity::Error
                              << "Id must be a GUID (8-4-4-4-12 hexadecimal digits), like "
                                 "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15; got \"e1b7c3d5-2a4f\".";
    QTest::newRow("missing") << without(orders, QStringLiteral("Entities.ServiceOrders[1].RateId"))
                             << "Entities.ServiceOrders[1].RateId" << FindingSeverity::Error
                             << "RateId is required but missing.";
    QTest::newRow("null") << with(orders, QStringLiteral("Entities.ServiceOrders[1].RateId"),
                                  QJsonValue())
                          << "Entities.ServiceOrders[1].RateId" << FindingSeverity::Error
                          << "RateId must not be null.";
    QTest::newRow("wrong type") << with(orders, QStringLiteral("Entities.ServiceOrders[0].Number"),
                                        48213)
                                << "Entities.ServiceOrders[0].Number" << FindingSeverity::Error
                                << "Number must be a string; got a number (48213).";
    QTest::newRow("element") << with(mixed, QStringLiteral("Events[1]"), QStringLiteral("x"))
                             << "Events[1]" << FindingSeverity::Error
                             << "Events[1] must be an object (Event); got a string (\"x\").";
    QTest::newRow("unknown field")
        << with(orders, QStringLiteral("Entities.ServiceOrders[0].Colour"), QStringLiteral("blue"))
        << "Entities.ServiceOrders[0].Colour" << FindingSeverity::Note
        << "Colour is not known to this version of the contract; it is kept as sent.";
    QTest::newRow("closed enum")
        << with(orders, QStringLiteral("Entities.ServiceOrders[0].State"),
                QStringLiteral("confirmed"))
        << "Entities.ServiceOrders[0].State" << FindingSeverity::Warning
        << "State must be one of Enquired, Inquired, Requested, Optional, Confirmed, "
           "Started, Processed, Canceled; got \"confirmed\" (did you mean Confirmed?).";
    QTest::newRow("open enum")
        << with(orders, QStringLiteral("Entities.ServiceOrders[1].Purpose"),
                QStringLiteral("Pilgrimage"))
        << "Entities.ServiceOrders[1].Purpose" << FindingSeverity::Note
        << "Purpose \"Pilgrimage\" is not known to this version; it is kept as sent.";
    QTest::newRow("open enum, known value in another case")
        << with(orders, QStringLiteral("Entities.ServiceOrders[1].Purpose"),
                QStringLiteral("leisure"))
        << "Entities.ServiceOrders[1].Purpose" << FindingSeverity::Warning
        << "Purpose \"leisure\" is not a known value, but differs from one only in case or "
           "spaces (did you mean Leisure?).";
    QTest::newRow("open enum, known value with a space")
        << with(mixed, QStringLiteral("Events[0].Discriminator"),
                QStringLiteral("ServiceOrderUpdated "))
        << "Events[0].Discriminator" << FindingSeverity::Warning
        << "Discriminator \"ServiceOrderUpdated \" is not a known value, but differs from one "
           "only in case or spaces (did you mean ServiceOrderUpdated?).";
    QTest::newRow("closed enum, known value with a space")
        << with(orders, QStringLiteral("Entities.ServiceOrders[0].State"),
                QStringLiteral(" Confirmed"))
        << "Entities.ServiceOrders[0].State" << FindingSeverity::Warning
        << "State must be one of Enquired, Inquired, Requested, Optional, Confirmed, "
           "Started, Processed, Canceled; got \" Confirmed\" (did you mean Confirmed?).";
    const QJsonObject resources = sample(QStringLiteral("general-ResourceUpdated.json"));
    QTest::newRow("Space without Value")
        << without(resources, QStringLiteral("Entities.Resources[0].Data.Value"))
        << "Entities.Resources[0].Data.Value" << FindingSeverity::Error
        << "Value is required but missing (Discriminator is Space).";
    QTest::newRow("Space with a null Value")
        << with(resources, QStringLiteral("Entities.Resources[0].Data.Value"), QJsonValue())
        << "Entities.Resources[0].Data.Value" << FindingSeverity::Error
        << "Value must not be null (Discriminator is Space).";
    QTest::newRow("Object with a text Value")
        << with(with(resources, QStringLiteral("Entities.Resources[0].Data.Discriminator"),
                     QStringLiteral("Object")),
                QStringLiteral("Entities.Resources[0].Data.Value"), QStringLiteral("x"))
        << "Entities.Resources[0].Data.Value" << FindingSeverity::Error
        << "Value must be an object; got a string (\"x\").";
    QTest::newRow("Space without Value, Discriminator misspelt")
        << with(without(resources, QStringLiteral("Entities.Resources[0].Data.Value")),
                QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("space"))
        << "Entities.Resources[0].Data.Value" << FindingSeverity::Error
        << "Value is required but missing (checked as Discriminator Space).";
    QTest::newRow("no person counts at all")
        << without(without(orders, QStringLiteral("Entities.ServiceOrders[0].AdultCount")),
                   QStringLiteral("Entities.ServiceOrders[0].ChildCount"))
        << "Entities.ServiceOrders[0]" << FindingSeverity::Error
        << "Reservation must carry PersonCounts, or AdultCount and ChildCount; it has none of "
           "them.";
    QTest::newRow("half of the old person counts")
        << without(orders, QStringLiteral("Entities.ServiceOrders[0].ChildCount"))
        << "Entities.ServiceOrders[0]" << FindingSeverity::Error
        << "Reservation must carry PersonCounts, or AdultCount and ChildCount; it has only "
           "AdultCount.";
    QTest::newRow("integer")
        << with(orders, QStringLiteral("Entities.ServiceOrders[1].PersonCounts[0].Count"), 1.5)
        << "Entities.ServiceOrders[1].PersonCounts[0].Count" << FindingSeverity::Error
        << "Count must be an integer; got a number (1.5).";
    const QJsonObject created = sample(QStringLiteral("integration-IntegrationCreated.json"));
    QTest::newRow("e-mail")
        << with(created, QStringLiteral("Data.Requestor.Email"), QStringLiteral("marta at example"))
        << "Data.Requestor.Email" << FindingSeverity::Warning
        << "Email must be an e-mail address, like marta.ribeiro@example.com; got "
           "\"marta at example\".";
    // The action's own warning names the typo; its Data is still checked as that action's.
    QTest::newRow("Action misspelt, Data still checked")
        << with(with(created, QStringLiteral("Action"), QStringLiteral("integrationCreated")),
                QStringLiteral("Data.IsEnabled"), QStringLiteral("yes"))
        << "Data.IsEnabled" << FindingSeverity::Error
        << "IsEnabled must be true or false; got a string (\"yes\").";
    QTest::newRow("Action misspelt, a required Data field missing")
        << without(with(created, QStringLiteral("Action"), QStringLiteral("IntegrationCreated ")),
                   QStringLiteral("Data.AccessToken"))
        << "Data.AccessToken" << FindingSeverity::Error << "AccessToken is required but missing.";
    // A known name in another case or with a stray space leaves the field unread.
    QTest::newRow("member name with a space after it")
        << with(without(created, QStringLiteral("Data.AccessToken")),
                QStringLiteral("Data.AccessToken "), QStringLiteral("ABCDEFGHIJKLMNOP"))
        << "Data[\"AccessToken \"]" << FindingSeverity::Warning
        << "\"AccessToken \" is not a known name, but differs from one only in case or spaces "
           "(did you mean AccessToken?).";
    QTest::newRow("member name in another case")
        << with(created, QStringLiteral("Data.requestor"), QJsonValue()) << "Data.requestor"
        << FindingSeverity::Warning
        << "\"requestor\" is not a known name, but differs from one only in case or spaces "
           "(did you mean Requestor?).";
    QTest::newRow("member name with a space before it, in an event")
        << with(sample(QStringLiteral("general-CustomerAdded.json")),
                QStringLiteral("Events[0].Value. Id"), QStringLiteral("x"))
        << "Events[0].Value[\" Id\"]" << FindingSeverity::Warning
        << "\" Id\" is not a known name, but differs from one only in case or spaces "
           "(did you mean Id?).";
    QTest::newRow("quoted key")
        << with(created, QStringLiteral("Data[\"Odd.Key\"]"), 1) << "Data[\"Odd.Key\"]"
        << FindingSeverity::Note
        << "\"Odd.Key\" is not known to this version of the contract; it is kept as sent.";
}

void TestContractChecker::exactMessages() {
    QFETCH(QJsonObject, document);
    QFETCH(QString, path);
    QFETCH(FindingSeverity, severity);
    QFETCH(QString, message);
    const QList<ContractFinding> findings = check(document);
    QVERIFY2(findings.contains(ContractFinding{path, severity, message}),
             qPrintable(text(findings)));
}

void TestContractChecker::documentedLeniency_data() {
    QTest::addColumn<QJsonObject>("document");
    const QJsonObject created = sample(QStringLiteral("integration-IntegrationCreated.json"));
    QTest::newRow("no Requestor") << without(created, QStringLiteral("Data.Requestor"));
    QTest::newRow("no Service") << without(created, QStringLiteral("Data.Service"));
    QTest::newRow("no Sender Value") << sample(QStringLiteral("general-MessageAdded.json"));
    QTest::newRow("no Descriptions")
        << without(sample(QStringLiteral("general-ResourceUpdated.json")),
                   QStringLiteral("Entities.Resources[0].Descriptions"));
    QTest::newRow("empty Descriptions")
        << with(sample(QStringLiteral("general-ResourceUpdated.json")),
                QStringLiteral("Entities.Resources[0].Descriptions"), QJsonObject());
    QTest::newRow("Object value {}") << with(
        with(sample(QStringLiteral("general-ResourceUpdated.json")),
             QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Object")),
        QStringLiteral("Entities.Resources[0].Data.Value"), QJsonObject());
    QTest::newRow("Person value null") << with(
        with(sample(QStringLiteral("general-ResourceUpdated.json")),
             QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Person")),
        QStringLiteral("Entities.Resources[0].Data.Value"), QJsonValue());
    QTest::newRow("Person without Value") << without(
        with(sample(QStringLiteral("general-ResourceUpdated.json")),
             QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Person")),
        QStringLiteral("Entities.Resources[0].Data.Value"));
    QTest::newRow("future resource kind without Value") << without(
        with(sample(QStringLiteral("general-ResourceUpdated.json")),
             QStringLiteral("Entities.Resources[0].Data.Discriminator"), QStringLiteral("Vehicle")),
        QStringLiteral("Entities.Resources[0].Data.Value"));
    QTest::newRow("only PersonCounts")
        << without(without(sample(QStringLiteral("general-ServiceOrderUpdated.json")),
                           QStringLiteral("Entities.ServiceOrders[1].AdultCount")),
                   QStringLiteral("Entities.ServiceOrders[1].ChildCount"));
    QTest::newRow("no optional reservation keys") << sample(QStringLiteral("general-mixed.json"));
    QTest::newRow("no Entities") << sample(QStringLiteral("general-current-format.json"));
}

void TestContractChecker::documentedLeniency() {
    QFETCH(QJsonObject, document);
    const QList<ContractFinding> findings = check(document);
    for (const ContractFinding &finding : findings)
        QVERIFY2(finding.severity == FindingSeverity::Note, qPrintable(text(findings)));
}

void TestContractChecker::secretsAreNotQuoted() {
    const QString key =
        QStringLiteral("A7D3F91B2C4E4F6A8B0D1E3F5A7C9E2B-0F2E4D6C8B0A1F3E5D7C9B1A3F5E7D9");
    const QJsonObject apiKey = sample(QStringLiteral("integration-IntegrationApiKeyCreated.json"));
    const QList<ContractFinding> number =
        check(with(apiKey, QStringLiteral("Data.ApiKey"), 987654321));
    QCOMPARE(number.size(), 1);
    QVERIFY(!number.constFirst().message.contains(QLatin1String("987654321")));
    const QJsonObject created = sample(QStringLiteral("integration-IntegrationCreated.json"));
    const QJsonObject secretElsewhere = with(created, QStringLiteral("Data.Requestor.Email"), key);
    const QList<ContractFinding> email = check(secretElsewhere);
    QCOMPARE(email.size(), 1); // not a secret field: quoted as is, so the check can fail either way
    QVERIFY(email.constFirst().message.contains(key.left(20)));
    const QList<ContractFinding> token =
        check(with(created, QStringLiteral("Data.AccessToken"), QJsonArray{key}));
    QCOMPARE(token.size(), 1);
    QVERIFY(!token.constFirst().message.contains(key.left(8)));
}

QTEST_GUILESS_MAIN(TestContractChecker)
#include "tst_contractchecker.moc"
