#include "mews/fieldtype.h"

#include <QTest>

using namespace Qt::StringLiterals;

// How the contract schema's type spellings read, before ContractSchemaReader looks the
// type names up.
class TestFieldType : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void label_data();
    void label();
};

void TestFieldType::parse_data() {
    QTest::addColumn<QString>("spelling");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("isArray");
    QTest::addColumn<bool>("isPrimitive");
    QTest::addColumn<JsonType>("primitive"); // when isPrimitive

    QTest::newRow("string") << u"string"_s << u"string"_s << false << true << JsonType::String;
    QTest::newRow("boolean") << u"boolean"_s << u"boolean"_s << false << true << JsonType::Boolean;
    QTest::newRow("integer") << u"integer"_s << u"integer"_s << false << true << JsonType::Integer;
    QTest::newRow("number") << u"number"_s << u"number"_s << false << true << JsonType::Number;
    QTest::newRow("object") << u"object"_s << u"object"_s << false << true << JsonType::Object;
    QTest::newRow("array") << u"array"_s << u"array"_s << false << true << JsonType::Array;
    QTest::newRow("any") << u"any"_s << u"any"_s << false << true << JsonType::Any;
    QTest::newRow("list of a JSON type")
        << u"integer[]"_s << u"integer"_s << true << true << JsonType::Integer;
    QTest::newRow("type name") << u"Reservation"_s << u"Reservation"_s << false << false
                               << JsonType::Any;
    QTest::newRow("list of a type") << u"Event[]"_s << u"Event"_s << true << false << JsonType::Any;
    // Spellings are exact: these are type names, which the reader then finds undefined.
    QTest::newRow("JSON type in other case")
        << u"String"_s << u"String"_s << false << false << JsonType::Any;
    QTest::newRow("list of a list")
        << u"string[][]"_s << u"string[]"_s << true << false << JsonType::Any;
    QTest::newRow("empty") << QString() << QString() << false << false << JsonType::Any;
}

void TestFieldType::parse() {
    QFETCH(QString, spelling);
    QFETCH(QString, name);
    QFETCH(bool, isArray);
    QFETCH(bool, isPrimitive);
    QFETCH(JsonType, primitive);
    const FieldType type = FieldType::parse(spelling);
    QCOMPARE(type.name, name);
    QCOMPARE(type.isArray, isArray);
    QCOMPARE(type.primitive.has_value(), isPrimitive);
    if (isPrimitive)
        QCOMPARE(*type.primitive, primitive);
}

void TestFieldType::label_data() {
    QTest::addColumn<JsonType>("type");
    QTest::addColumn<QString>("label");
    QTest::newRow("string") << JsonType::String << u"text"_s;
    QTest::newRow("boolean") << JsonType::Boolean << u"true/false"_s;
    QTest::newRow("integer") << JsonType::Integer << u"whole number"_s;
    QTest::newRow("number") << JsonType::Number << u"number"_s;
    QTest::newRow("object") << JsonType::Object << u"object"_s;
    QTest::newRow("array") << JsonType::Array << u"list"_s;
    QTest::newRow("any") << JsonType::Any << u"any value"_s;
}

void TestFieldType::label() {
    QFETCH(JsonType, type);
    QFETCH(QString, label);
    QCOMPARE(FieldType::label(type), label);
}

QTEST_GUILESS_MAIN(TestFieldType)
#include "tst_fieldtype.moc"
