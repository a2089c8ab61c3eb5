#include "mews/contractschema.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace MewsTestData;

namespace {

// A field object of the raw schema, to edit it for the broken-schema cases.
QJsonObject withField(QJsonObject schema, const QString &type, int index,
                      const QJsonObject &field) {
    QJsonObject types = schema.value(QLatin1String("types")).toObject();
    QJsonObject descriptor = types.value(type).toObject();
    QJsonArray fields = descriptor.value(QLatin1String("fields")).toArray();
    if (index < fields.size())
        fields[index] = field;
    else
        fields.append(field);
    descriptor.insert(QStringLiteral("fields"), fields);
    types.insert(type, descriptor);
    schema.insert(QStringLiteral("types"), types);
    return schema;
}

QJsonObject fieldOf(const QJsonObject &schema, const QString &type, int index) {
    return schema[QLatin1String("types")][type][QLatin1String("fields")][index].toObject();
}

} // namespace

class TestContractSchemaErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void brokenSchemas_data();
    void brokenSchemas();
};

void TestContractSchemaErrors::brokenSchemas_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const QJsonObject good = schemaJson();
    const auto row = [](const char *name, const QJsonObject &schema, const char *error) {
        QTest::newRow(name) << QJsonDocument(schema).toJson() << QString::fromLatin1(error);
    };
    QTest::newRow("not JSON") << QByteArray("{") << "not a JSON object";
    QJsonObject version = good;
    version.insert(QStringLiteral("formatVersion"), 2);
    row("format version", version, "formatVersion");

    QJsonObject typo = fieldOf(good, QStringLiteral("Reservation"), 0);
    typo.insert(QStringLiteral("requried"), true);
    row("typo in a field key", withField(good, QStringLiteral("Reservation"), 0, typo),
        "unknown key requried");

    QJsonObject unknownType = fieldOf(good, QStringLiteral("Reservation"), 0);
    unknownType.insert(QStringLiteral("type"), QStringLiteral("Guid"));
    row("unknown type", withField(good, QStringLiteral("Reservation"), 0, unknownType),
        "unknown type");

    QJsonObject unknownFormat = fieldOf(good, QStringLiteral("Reservation"), 0);
    unknownFormat.insert(QStringLiteral("format"), QStringLiteral("uuid"));
    row("unknown format", withField(good, QStringLiteral("Reservation"), 0, unknownFormat),
        "format uuid");

    QJsonObject formatOnBoolean = fieldOf(good, QStringLiteral("Resource"), 2);
    formatOnBoolean.insert(QStringLiteral("format"), QStringLiteral("guid"));
    row("format on a boolean", withField(good, QStringLiteral("Resource"), 2, formatOnBoolean),
        "not on a string");

    QJsonObject unknownEnum = fieldOf(good, QStringLiteral("Reservation"), 0);
    unknownEnum.insert(QStringLiteral("enum"), QStringLiteral("Colour"));
    row("unknown enum", withField(good, QStringLiteral("Reservation"), 0, unknownEnum),
        "enum Colour");

    row("duplicate field",
        withField(good, QStringLiteral("Reservation"), 1000,
                  fieldOf(good, QStringLiteral("Reservation"), 0)),
        "twice");

    QJsonObject typeBy = fieldOf(good, QStringLiteral("Reservation"), 0);
    typeBy.insert(QStringLiteral("typeBy"), QStringLiteral("Number"));
    row("typeBy without enum", withField(good, QStringLiteral("Reservation"), 0, typeBy), "typeBy");

    const auto withOneOf = [&good](const QJsonValue &oneOf) {
        QJsonObject types = good.value(QLatin1String("types")).toObject();
        QJsonObject reservation = types.value(QLatin1String("Reservation")).toObject();
        reservation.insert(QStringLiteral("oneOf"), oneOf);
        types.insert(QStringLiteral("Reservation"), reservation);
        QJsonObject schema = good;
        schema.insert(QStringLiteral("types"), types);
        return schema;
    };
    row("oneOf naming no field",
        withOneOf(QJsonArray{QJsonArray{QStringLiteral("PersonCount")},
                             QJsonArray{QStringLiteral("AdultCount")}}),
        "names PersonCount, which is not a field");
    row("oneOf naming a required field",
        withOneOf(QJsonArray{QJsonArray{QStringLiteral("PersonCounts")},
                             QJsonArray{QStringLiteral("RateId")}}),
        "names RateId, which is required anyway");
    row("oneOf with one set", withOneOf(QJsonArray{QJsonArray{QStringLiteral("PersonCounts")}}),
        "at least two sets");
    row("oneOf with an empty set",
        withOneOf(QJsonArray{QJsonArray{QStringLiteral("PersonCounts")}, QJsonArray()}),
        "empty set");

    QJsonObject enums = good.value(QLatin1String("enums")).toObject();
    QJsonObject actions = enums.value(QLatin1String("IntegrationAction")).toObject();
    QJsonArray values = actions.value(QLatin1String("values")).toArray();
    QJsonObject first = values.at(0).toObject();
    first.insert(QStringLiteral("type"), QStringLiteral("NoSuchData"));
    values[0] = first;
    actions.insert(QStringLiteral("values"), values);
    enums.insert(QStringLiteral("IntegrationAction"), actions);
    QJsonObject badEnumType = good;
    badEnumType.insert(QStringLiteral("enums"), enums);
    row("enum selects unknown type", badEnumType, "selects unknown type");

    // The guid format with one member set to another value.
    const auto withGuidFormat = [&good](const QString &member, const QString &value) {
        QJsonObject formats = good.value(QLatin1String("formats")).toObject();
        QJsonObject guid = formats.value(QLatin1String("guid")).toObject();
        guid.insert(member, value);
        formats.insert(QStringLiteral("guid"), guid);
        QJsonObject schema = good;
        schema.insert(QStringLiteral("formats"), formats);
        return schema;
    };
    row("example does not match",
        withGuidFormat(QStringLiteral("example"), QStringLiteral("not-a-guid")), "example");
    row("unknown severity", withGuidFormat(QStringLiteral("severity"), QStringLiteral("fatal")),
        "format guid needs a severity: error, warning or note");
    row("severity in another case",
        withGuidFormat(QStringLiteral("severity"), QStringLiteral("Error")),
        "format guid needs a severity: error, warning or note");

    QJsonObject roots = good;
    roots.insert(QStringLiteral("roots"),
                 QJsonObject{{QStringLiteral("general"), QStringLiteral("Event")}});
    row("roots", roots, "roots");
}

void TestContractSchemaErrors::brokenSchemas() {
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const ContractSchema schema = ContractSchema::fromJson(json);
    QVERIFY(!schema.isValid());
    const QString errors = schema.errors().join(QLatin1Char('\n'));
    QVERIFY2(errors.contains(error), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestContractSchemaErrors)
#include "tst_contractschemaerrors.moc"
