#include "detailtestdata.h"

#include "models/jsonformatter.h"

#include <QTest>

using namespace DetailTestData;

namespace {

// The bytes outside strings without whitespace, strings kept whole.
QByteArray tokens(QByteArrayView json) {
    QByteArray out;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json.at(++i);
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out += c;
        }
    }
    return out;
}

} // namespace

class TestJsonFormatter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryToken_data();
    void keepsEveryToken();
    void indentsByLevel_data();
    void indentsByLevel();
};

void TestJsonFormatter::keepsEveryToken_data() {
    QTest::addColumn<QByteArray>("json");
    for (const QString &file : bodyFiles())
        QTest::newRow(qPrintable(file)) << TestSupport::readData(file);
    const QByteArray minified =
        QJsonDocument::fromJson(TestSupport::readData(QStringLiteral("samples/general-mixed.json")))
            .toJson(QJsonDocument::Compact);
    QTest::newRow("minified") << minified;
    QTest::newRow("tricky strings")
        << QByteArray(R"({"a":"x,y:{[\"]}","b\\":"\\","c":[1.50,-0e3]})");
    QTest::newRow("repeated keys") << QByteArray(R"({"z":1,"a":2,"z":3})");
    QTest::newRow("unterminated") << QByteArray(R"({"a":"abc)");
    QTest::newRow("stray closers") << QByteArray("]]}{");
}

void TestJsonFormatter::keepsEveryToken() {
    QFETCH(QByteArray, json);
    const QByteArray pretty = JsonFormatter::indent(json);
    QCOMPARE(tokens(pretty), tokens(json));
    QJsonParseError before;
    QJsonParseError after;
    const QJsonDocument a = QJsonDocument::fromJson(json, &before);
    const QJsonDocument b = QJsonDocument::fromJson(pretty, &after);
    QCOMPARE(after.error == QJsonParseError::NoError, before.error == QJsonParseError::NoError);
    QCOMPARE(a, b);
}

void TestJsonFormatter::indentsByLevel_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("width");
    QTest::addColumn<QByteArray>("pretty");
    QTest::newRow("object") << QByteArray(R"({"b":1,"a":[true,null]})") << 2
                            << QByteArray(
                                   "{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}");
    QTest::newRow("empty containers") << QByteArray(R"({"a":{ },"b":[ ]})") << 4
                                      << QByteArray("{\n    \"a\": {},\n    \"b\": []\n}");
    QTest::newRow("already pretty")
        << QByteArray("{\n  \"k\" :  \"v\"\n}\n") << 4 << QByteArray("{\n    \"k\": \"v\"\n}");
    QTest::newRow("scalar") << QByteArray(" 42 ") << 4 << QByteArray("42");
    QTest::newRow("empty") << QByteArray() << 4 << QByteArray();
}

void TestJsonFormatter::indentsByLevel() {
    QFETCH(QByteArray, json);
    QFETCH(int, width);
    QFETCH(QByteArray, pretty);
    QCOMPARE(JsonFormatter::indent(json, width), pretty);
}

QTEST_GUILESS_MAIN(TestJsonFormatter)
#include "tst_jsonformatter.moc"
