#include "mews/contractschema.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace MewsTestData;

namespace {

QJsonObject sample(const QString &name) {
    return strict(TestSupport::readData(QStringLiteral("samples/") + name)).object();
}

} // namespace

class TestContractSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loads();
    void describesEveryField();
    void actionsAndEventsOfTheSamples();
    void collections();
    void enums();
    void secrets();
    void fieldForPath_data();
    void fieldForPath();
    void typeForPath_data();
    void typeForPath();
};

void TestContractSchema::loads() {
    const ContractSchema &schema = ContractSchema::instance();
    QVERIFY2(schema.isValid(), qPrintable(schema.errors().join(QLatin1Char('\n'))));
    QVERIFY(!schema.contract().isEmpty());
    QCOMPARE(&ContractSchema::instance(), &schema);
    // Reading the same text again gives the same result: the loader has no hidden state.
    QVERIFY(ContractSchema::fromJson(QJsonDocument(schemaJson()).toJson()).isValid());
}

void TestContractSchema::describesEveryField() {
    const ContractSchema &schema = ContractSchema::instance();
    const QJsonObject types = schemaJson().value(QLatin1String("types")).toObject();
    QCOMPARE(schema.typeNames().size(), types.size());
    for (const QString &name : schema.typeNames()) {
        const TypeDescriptor *type = schema.type(name);
        QVERIFY(type);
        QVERIFY2(!type->label.isEmpty() && !type->description.isEmpty(), qPrintable(name));
        const QJsonArray raw = types.value(name)[QLatin1String("fields")].toArray();
        QCOMPARE(type->fields.size(), raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const FieldDescriptor &field = type->fields.at(i);
            QCOMPARE(field.name, raw.at(i)[QLatin1String("name")].toString());
            QVERIFY2(!field.label.isEmpty() && !field.description.isEmpty() &&
                         !field.typeLabel.isEmpty(),
                     qPrintable(name + QLatin1Char('.') + field.name));
            QCOMPARE(field.required, raw.at(i)[QLatin1String("required")].toBool());
            QCOMPARE(schema.field(name, field.name), &field);
        }
        QCOMPARE(schema.fieldsOf(name).size(), raw.size());
    }
    const FieldDescriptor *start = schema.field(u"Reservation", u"StartUtc");
    QVERIFY(start);
    QCOMPARE(start->format, QStringLiteral("utc-timestamp"));
    QCOMPARE(start->jsonType, JsonType::String);
    QVERIFY(start->required);
    QVERIFY(!start->nullable);
    const FieldDescriptor *assigned = schema.field(u"Reservation", u"AssignedResourceId");
    QCOMPARE(assigned->refersTo, QStringLiteral("Resource"));
    QVERIFY(assigned->nullable);
    QVERIFY(assigned->typeLabel.contains(QLatin1String("GUID")));
    QVERIFY(schema.field(u"Reservation", u"AdultCount")->isDeprecated());
    QVERIFY(schema.fieldsOf(u"NoSuchType").isEmpty());
    QVERIFY(!schema.field(u"Reservation", u"NoSuchField"));
}

void TestContractSchema::actionsAndEventsOfTheSamples() {
    const ContractSchema &schema = ContractSchema::instance();
    QStringList sampleActions;
    for (const QString &file : sampleFiles()) {
        const QJsonObject root = strict(TestSupport::readData(file)).object();
        if (root.contains(QLatin1String("Action")))
            sampleActions.append(root.value(QLatin1String("Action")).toString());
    }
    QStringList actions = schema.integrationActions()->valueNames();
    sampleActions.sort();
    actions.sort();
    QCOMPARE(actions, sampleActions);
    for (const EnumValue &action : schema.integrationActions()->values)
        QVERIFY2(schema.type(action.type), qPrintable(action.value));

    QStringList sampleEvents;
    for (const QJsonValue &event :
         sample(QStringLiteral("general-mixed.json"))[QLatin1String("Events")].toArray())
        sampleEvents.append(event[QLatin1String("Discriminator")].toString());
    sampleEvents.removeDuplicates();
    QStringList events = schema.events()->valueNames();
    sampleEvents.sort();
    events.sort();
    QCOMPARE(events, sampleEvents);
    for (const EnumValue &event : schema.events()->values) {
        QVERIFY(!event.entity.isEmpty());
        QVERIFY(event.fetch.contains(QLatin1String("/api/connector/v1/")));
        QCOMPARE(schema.event(event.value), &event);
    }
    QVERIFY(!schema.event(u"NoSuchEvent"));
}

void TestContractSchema::collections() {
    const ContractSchema &schema = ContractSchema::instance();
    const QJsonObject entities =
        sample(QStringLiteral("general-mixed.json")).value(QLatin1String("Entities")).toObject();
    QStringList fromSample = entities.keys();
    QStringList known = schema.collections();
    fromSample.sort();
    known.sort();
    QCOMPARE(known, fromSample);
    for (const QString &collection : schema.collections()) {
        const QStringList discriminators = schema.discriminatorsOfCollection(collection);
        QCOMPARE(discriminators.size(), 1);
        QCOMPARE(schema.event(discriminators.constFirst())->collection, collection);
        const QString type = schema.typeOfCollection(collection);
        QCOMPARE(schema.event(discriminators.constFirst())->entity, type);
        QVERIFY(schema.type(type));
    }
    QCOMPARE(schema.typeOfCollection(u"ServiceOrders"), QStringLiteral("Reservation"));
    QVERIFY(schema.typeOfCollection(u"Customers").isEmpty());
    QVERIFY(schema.discriminatorsOfCollection(u"Customers").isEmpty());
}

void TestContractSchema::enums() {
    const ContractSchema &schema = ContractSchema::instance();
    const EnumDescriptor *state = schema.enumeration(u"ReservationState");
    QVERIFY(state->find(u"Enquired") && state->find(u"Inquired"));
    QVERIFY(!state->find(u"Inquired")->note.isEmpty());
    QVERIFY(!state->extensible);
    const EnumDescriptor *origin = schema.enumeration(u"ReservationOrigin");
    QVERIFY(origin->find(u"Commander") && origin->find(u"CommanderInPerson") &&
            origin->find(u"CommanderRoomingList"));
    QCOMPARE(schema.field(u"Reservation", u"State")->enumValues, state->valueNames());
    QVERIFY(schema.enumeration(u"EventDiscriminator")->extensible);
    QCOMPARE(schema.enumeration(u"ResourceDataDiscriminator")->find(u"Space")->type,
             QStringLiteral("SpaceResourceData"));
    QVERIFY(!schema.enumeration(u"NoSuchEnum"));
}

void TestContractSchema::secrets() {
    // The secret field names, found by reading the raw schema independently.
    QStringList expected;
    const QJsonObject types = schemaJson().value(QLatin1String("types")).toObject();
    for (const QJsonValue &type : types) {
        for (const QJsonValue &field : type[QLatin1String("fields")].toArray()) {
            if (field[QLatin1String("secret")].toBool())
                expected.append(field[QLatin1String("name")].toString());
        }
    }
    expected.removeDuplicates();
    QStringList actual = ContractSchema::instance().secretFieldNames();
    expected.sort();
    actual.sort();
    QCOMPARE(actual, expected);
    QVERIFY(actual.contains(QLatin1String("AccessToken")) &&
            actual.contains(QLatin1String("ApiKey")));
    QCOMPARE(ContractSchema::instance().secretQueryParameters(),
             QStringList{QStringLiteral("Token")});
}

void TestContractSchema::fieldForPath_data() {
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("required");
    const QJsonObject mixed = sample(QStringLiteral("general-mixed.json"));
    QTest::newRow("envelope") << mixed << "EnterpriseId"
                              << "EnterpriseId"
                              << "string" << true;
    QTest::newRow("events") << mixed << "Events"
                            << "Events"
                            << "Event[]" << true;
    QTest::newRow("event") << mixed << "Events[3]"
                           << "Events[3]"
                           << "Event" << true;
    QTest::newRow("event value") << mixed << "Events[3].Value"
                                 << "Value"
                                 << "EntityUpdatedData" << true;
    QTest::newRow("event id") << mixed << "Events[3].Value.Id"
                              << "Id"
                              << "string" << true;
    QTest::newRow("entities") << mixed << "Entities"
                              << "Entities"
                              << "Entities" << false;
    QTest::newRow("reservation") << mixed << "Entities.ServiceOrders[1]"
                                 << "ServiceOrders[1]"
                                 << "Reservation" << true;
    QTest::newRow("person count") << mixed << "Entities.ServiceOrders[1].PersonCounts[0].Count"
                                  << "Count"
                                  << "integer" << true;
    QTest::newRow("space") << mixed << "Entities.Resources[0].Data.Value"
                           << "Value"
                           << "SpaceResourceData" << true;
    QTest::newRow("floor") << mixed << "Entities.Resources[0].Data.Value.FloorNumber"
                           << "FloorNumber"
                           << "string" << true;
    QTest::newRow("map entry") << mixed << "Entities.Resources[0].Descriptions.en-US"
                               << "en-US"
                               << "string" << false;
    QTest::newRow("quoted step") << mixed << "Entities[\"Resources\"][0].Name"
                                 << "Name"
                                 << "string" << true;
    QTest::newRow("sender") << mixed << "Entities.Messages[0].Sender.Value"
                            << "Value"
                            << "any" << false;
    const QJsonObject created = sample(QStringLiteral("integration-IntegrationCreated.json"));
    QTest::newRow("created data") << created << "Data"
                                  << "Data"
                                  << "IntegrationCreatedData" << true;
    QTest::newRow("token") << created << "Data.AccessToken"
                           << "AccessToken"
                           << "string" << true;
    QTest::newRow("requestor") << created << "Data.Requestor"
                               << "Requestor"
                               << "Requestor" << false;
    QTest::newRow("deleted data") << sample(QStringLiteral("integration-IntegrationDeleted.json"))
                                  << "Data.DeletedUtc"
                                  << "DeletedUtc"
                                  << "string" << true;
}

void TestContractSchema::fieldForPath() {
    QFETCH(QJsonObject, document);
    QFETCH(QString, path);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(bool, required);
    const std::optional<FieldDescriptor> field =
        ContractSchema::instance().fieldForPath(document, path);
    QVERIFY(field.has_value());
    QCOMPARE(field->name, name);
    QCOMPARE(field->type, type);
    QCOMPARE(field->required, required);
    QVERIFY(!field->typeLabel.isEmpty());
    QCOMPARE(ContractSchema::instance().typeForPath(document, path), type);
}

void TestContractSchema::typeForPath_data() {
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("type");
    const QJsonObject mixed = sample(QStringLiteral("general-mixed.json"));
    QTest::newRow("general root") << mixed << ""
                                  << "GeneralWebhook";
    QTest::newRow("integration root")
        << sample(QStringLiteral("integration-IntegrationEnabled.json")) << ""
        << "IntegrationWebhook";
    QTest::newRow("enabled data") << sample(QStringLiteral("integration-IntegrationEnabled.json"))
                                  << "Data"
                                  << "IntegrationData";
    QTest::newRow("api key data") << sample(QStringLiteral(
                                         "integration-IntegrationApiKeyCreated.json"))
                                  << "Data"
                                  << "IntegrationApiKeyCreatedData";
    QTest::newRow("unknown field") << mixed << "Colour"
                                   << "";
    QTest::newRow("index on object") << mixed << "Entities[0]"
                                     << "";
    QTest::newRow("key on list") << mixed << "Events.Value"
                                 << "";
    QTest::newRow("below any") << mixed << "Entities.Messages[0].Sender.Value.X"
                               << "";
    QTest::newRow("malformed path") << mixed << "Events["
                                    << "";
    QTest::newRow("not a webhook") << QJsonObject{{QStringLiteral("a"), 1}} << "a"
                                   << "";
    QTest::newRow("not a webhook root") << QJsonObject{{QStringLiteral("a"), 1}} << ""
                                        << "";
}

void TestContractSchema::typeForPath() {
    QFETCH(QJsonObject, document);
    QFETCH(QString, path);
    QFETCH(QString, type);
    QCOMPARE(ContractSchema::instance().typeForPath(document, path), type);
    if (type.isEmpty() && !path.isEmpty())
        QVERIFY(!ContractSchema::instance().fieldForPath(document, path).has_value());
}

QTEST_GUILESS_MAIN(TestContractSchema)
#include "tst_contractschema.moc"
