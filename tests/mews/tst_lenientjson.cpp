#include "mews/lenientjson.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace MewsTestData;

namespace {

// What QJsonDocument reads for `json` as an array element (it refuses top-level scalars).
QJsonValue qtValue(const QByteArray &json) {
    return strict('[' + json + ']').array().at(0);
}

QByteArray nested(int depth) {
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestLenientJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void strictJsonAsQt_data();
    void strictJsonAsQt();
    void samplesAreStrict_data();
    void samplesAreStrict();
    void publishedDefects_data();
    void publishedDefects();
    void repairs_data();
    void repairs();
    void errors_data();
    void errors();
    void repeatedNames_data();
    void repeatedNames();
    void numberTexts_data();
    void numberTexts();
    void unpairedSurrogatesAreNotRepairs();
    void partialValue();
    void depthLimit();
    void wideObject();
    void hugeString();
};

void TestLenientJson::strictJsonAsQt_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("object") << QByteArray("{\"a\": 1, \"b\": [true, false, null]}");
    QTest::newRow("empty containers") << QByteArray("[{}, [], {\"a\": {}}]");
    QTest::newRow("integers") << QByteArray(
        "[0, -0, 1, -12, 9007199254740993, -9223372036854775808]");
    QTest::newRow("big integer") << QByteArray("123456789012345678901234567890");
    QTest::newRow("fractions") << QByteArray("[0.5, -1.25e3, 1E-2, 6.02e+23]");
    QTest::newRow("escapes") << QByteArray("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"");
    QTest::newRow("unicode escape") << QByteArray("\"\\u00e9\\u20AC\"");
    QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\ude00\"");
    QTest::newRow("utf-8") << QByteArray("\"Quarto duplo, vista rio – café 😀\"");
    QTest::newRow("whitespace") << QByteArray(" \t\r\n{ \"a\" : [ 1 , 2 ] } \n");
    QTest::newRow("repeated key") << QByteArray("{\"a\": 1, \"b\": 2, \"a\": 3}");
    QTest::newRow("many keys") << QByteArray(
        "{\"z\":1,\"y\":2,\"x\":3,\"w\":4,\"a\":5,\"é\":6,\"\":7}");
}

void TestLenientJson::strictJsonAsQt() {
    QFETCH(QByteArray, json);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY2(result.isStrict(), qPrintable(result.firstProblem().message));
    QCOMPARE(result.repairCount, 0);
    QCOMPARE(result.value, qtValue(json));
}

void TestLenientJson::samplesAreStrict_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : sampleFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestLenientJson::samplesAreStrict() {
    QFETCH(QString, file);
    const QByteArray json = TestSupport::readData(file);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY(result.isStrict());
    QCOMPARE(result.value, QJsonValue(strict(json).object()));
}

void TestLenientJson::publishedDefects_data() {
    QTest::addColumn<QByteArray>("json");
    for (const QString &file : malformedFiles())
        QTest::newRow(qPrintable(file)) << TestSupport::readData(file);
    for (const SeedBlock &block : seedBlocks()) {
        if (firstDefectOffset(block.json) >= 0)
            QTest::newRow(qPrintable(block.name)) << block.json;
    }
}

void TestLenientJson::publishedDefects() {
    QFETCH(QByteArray, json);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    QVERIFY(!result.isStrict());
    QCOMPARE(result.value, QJsonValue(strict(repairedText(json)).object()));
    const JsonError first = result.firstProblem();
    QCOMPARE(first.offset, firstDefectOffset(json));
    const auto [line, column] = lineAndColumn(json, first.offset);
    QCOMPARE(first.line, line);
    QCOMPARE(first.column, column);
    for (qsizetype i = 1; i < result.repairs.size(); ++i)
        QVERIFY(result.repairs.at(i - 1).offset < result.repairs.at(i).offset);
}

void TestLenientJson::repairs_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected"); // strict JSON of the repaired value
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::addColumn<QString>("message");
    QTest::newRow("comma before ]") << QByteArray("[1, 2, ]") << QByteArray("[1,2]")
                                    << QList<qint64>{5} << "trailing comma before ]";
    QTest::newRow("comma before }") << QByteArray("{\"a\": 1,\n}") << QByteArray("{\"a\":1}")
                                    << QList<qint64>{7} << "trailing comma before }";
    QTest::newRow("nested commas") << QByteArray("{\"a\": [1,], \"b\": {\"c\": 2,},}")
                                   << QByteArray("{\"a\":[1],\"b\":{\"c\":2}}")
                                   << QList<qint64>{8, 24, 26} << "trailing comma";
    QTest::newRow("key inside array") << QByteArray("{\"M\": [{\"Id\": 1}, \"R\": []\n]}")
                                      << QByteArray("{\"M\":[{\"Id\":1}],\"R\":[]}")
                                      << QList<qint64>{18, 26} << "\"R\": a key inside an array";
    QTest::newRow("key first in array")
        << QByteArray("{\"M\": [\"R\": 5]}") << QByteArray("{\"M\":[],\"R\":5}")
        << QList<qint64>{7, 13} << "a key inside an array";
    QTest::newRow("invalid UTF-8") << QByteArray("[\"a\xFF"
                                                 "b\xC3\"]")
                                   << QByteArray("[\"a\xEF\xBF\xBD"
                                                 "b\xEF\xBF\xBD\"]")
                                   << QList<qint64>{3, 5} << "invalid UTF-8 byte 0xFF";
    QTest::newRow("raw control characters")
        << QByteArray("[\"a\tb\nc\"]") << QByteArray("[\"a\\tb\\nc\"]") << QList<qint64>{3, 5}
        << "unescaped control character U+0009";
    QTest::newRow("invalid escape") << QByteArray("[\"a\\qb\"]") << QByteArray("[\"aqb\"]")
                                    << QList<qint64>{3} << "invalid escape \\q";
    QTest::newRow("short \\u") << QByteArray("[\"a\\u12\"]") << QByteArray("[\"a\\\\u12\"]")
                               << QList<qint64>{3} << "invalid \\u escape";
}

void TestLenientJson::repairs() {
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    QFETCH(QList<qint64>, offsets);
    QFETCH(QString, message);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY2(result.ok, qPrintable(result.error.message));
    QCOMPARE(result.value,
             QJsonValue(strict(expected).isArray() ? QJsonValue(strict(expected).array())
                                                   : QJsonValue(strict(expected).object())));
    QCOMPARE(result.repairCount, offsets.size());
    QList<qint64> actual;
    for (const JsonError &repair : result.repairs) {
        actual.append(repair.offset);
        QCOMPARE(repair.line, lineAndColumn(json, repair.offset).first);
        QCOMPARE(repair.column, lineAndColumn(json, repair.offset).second);
    }
    QCOMPARE(actual, offsets);
    QVERIFY2(result.firstProblem().message.contains(message),
             qPrintable(result.firstProblem().message));
}

void TestLenientJson::errors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray("") << qint64(0) << "empty";
    QTest::newRow("whitespace") << QByteArray("  \n") << qint64(3) << "empty";
    QTest::newRow("unterminated string")
        << QByteArray("{\"a\": \"bc") << qint64(6) << "unterminated string";
    QTest::newRow("missing value")
        << QByteArray("{\"a\": }") << qint64(6) << "a value was expected but found '}'";
    QTest::newRow("missing comma")
        << QByteArray("[1 2]") << qint64(3) << "',' or ']' was expected but found '2'";
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << qint64(5) << "':' was expected";
    QTest::newRow("unquoted key") << QByteArray("{a: 1}") << qint64(1)
                                  << "member name in double quotes";
    QTest::newRow("single quotes") << QByteArray("['a']") << qint64(1) << "found '''";
    QTest::newRow("bad literal") << QByteArray("[tru]") << qint64(1) << "found 't'";
    QTest::newRow("leading zero") << QByteArray("[01]") << qint64(2) << "found '1'";
    QTest::newRow("lone minus") << QByteArray("[-]") << qint64(1) << "a digit must follow '-'";
    QTest::newRow("bare fraction") << QByteArray("[1.]") << qint64(3) << "a digit must follow '.'";
    QTest::newRow("empty exponent") << QByteArray("[1e+]") << qint64(4) << "exponent";
    QTest::newRow("trailing content") << QByteArray("{} x") << qint64(3) << "after the JSON value";
    QTest::newRow("key in top array")
        << QByteArray("[\"a\": 1]") << qint64(1) << "a \"key\": value pair inside an array";
    QTest::newRow("unclosed") << QByteArray("{\"a\": [1, 2") << qint64(11)
                              << "',' or ']' was expected but found the end";
    QTest::newRow("control byte") << QByteArray("[\x01]", 3) << qint64(1) << "found byte 0x01";
    QTest::newRow("stray ]") << QByteArray("{\"a\": 1]") << qint64(7)
                             << "',' or '}' was expected but found ']'";
}

void TestLenientJson::errors() {
    QFETCH(QByteArray, json);
    QFETCH(qint64, offset);
    QFETCH(QString, message);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY(!result.ok);
    QVERIFY(!result.isStrict());
    QCOMPARE(result.error.offset, offset);
    QVERIFY2(result.error.message.contains(message), qPrintable(result.error.message));
    QCOMPARE(result.error.line, lineAndColumn(json, offset).first);
    QCOMPARE(result.error.column, lineAndColumn(json, offset).second);
    QCOMPARE(result.firstProblem(), result.error);
    QVERIFY(!result.error.tooDeep);
}

void TestLenientJson::repeatedNames_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QList<qint64>>("offsets");
    QTest::newRow("none") << QByteArray("{\"a\": {\"a\": 1}}") << QStringList() << QList<qint64>();
    QTest::newRow("root") << QByteArray("{\"a\": 1, \"a\": 2}") << QStringList{QStringLiteral("a")}
                          << QList<qint64>{9};
    QTest::newRow("nested, closing order")
        << QByteArray("{\"a\":1,\"b\":{\"c\":1,\"c\":2},\"a\":3}")
        << QStringList{QStringLiteral("b.c"), QStringLiteral("a")} << QList<qint64>{18, 25};
    QTest::newRow("in an element") << QByteArray("[{\"x\":1},{\"x\":1,\"x\":2}]")
                                   << QStringList{QStringLiteral("[1].x")} << QList<qint64>{16};
    QTest::newRow("three times") << QByteArray("{\"k\":1,\"k\":2,\"k\":3}")
                                 << QStringList{QStringLiteral("k"), QStringLiteral("k")}
                                 << QList<qint64>{7, 13};
    QTest::newRow("quoted path") << QByteArray("{\"a.b\":{\"c\":1,\"c\":2}}")
                                 << QStringList{QStringLiteral("[\"a.b\"].c")} << QList<qint64>{14};
}

void TestLenientJson::repeatedNames() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, paths);
    QFETCH(QList<qint64>, offsets);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY(result.isStrict()); // repeated names are valid JSON
    QCOMPARE(result.value, qtValue(json));
    QCOMPARE(result.duplicateCount, paths.size());
    QStringList actualPaths;
    QList<qint64> actualOffsets;
    for (const JsonDuplicateName &duplicate : result.duplicateNames) {
        actualPaths.append(duplicate.path);
        actualOffsets.append(duplicate.where.offset);
        QCOMPARE(json.mid(duplicate.where.offset + 1, duplicate.where.message.size()),
                 duplicate.where.message.toUtf8());
        QCOMPARE(duplicate.where.column, lineAndColumn(json, duplicate.where.offset).second);
    }
    QCOMPARE(actualPaths, paths);
    QCOMPARE(actualOffsets, offsets);
}

void TestLenientJson::numberTexts_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QStringList>("texts"); // path=text, of numbers not held as written
    const double infinity = std::numeric_limits<double>::infinity();
    QTest::newRow("as written") << QByteArray("[0, -12, 0.5, 9007199254740993]")
                                << QJsonValue(QJsonArray{0, -12, 0.5, qint64(9007199254740993)})
                                << QStringList();
    QTest::newRow("beyond a double")
        << QByteArray("{\"a\": 1e400, \"b\": [-1e400]}")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), infinity},
                                  {QStringLiteral("b"), QJsonArray{-infinity}}})
        << QStringList{QStringLiteral("a=1e400"), QStringLiteral("b[0]=-1e400")};
    QTest::newRow("beyond 64 bits")
        << QByteArray("123456789012345678901234567890") << QJsonValue(1.2345678901234568e29)
        << QStringList{QStringLiteral("=123456789012345678901234567890")};
    QTest::newRow("other spellings")
        << QByteArray("{\"x\": {\"y\": [1.0, -0, 1e2, 1e-400]}}")
        << QJsonValue(
               QJsonObject{{QStringLiteral("x"),
                            QJsonObject{{QStringLiteral("y"), QJsonArray{1.0, 0, 100.0, 0.0}}}}})
        << QStringList{QStringLiteral("x.y[0]=1.0"), QStringLiteral("x.y[1]=-0"),
                       QStringLiteral("x.y[2]=1e2"), QStringLiteral("x.y[3]=1e-400")};
    QTest::newRow("repeated name, the last as written")
        << QByteArray("{\"a\": 1e400, \"a\": 2}")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), 2}}) << QStringList();
    QTest::newRow("repeated name, the last not")
        << QByteArray("{\"a\": 2, \"a\": 1e400}")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), infinity}})
        << QStringList{QStringLiteral("a=1e400")};
    QTest::newRow("repaired") << QByteArray("[1e400,]") << QJsonValue(QJsonArray{infinity})
                              << QStringList{QStringLiteral("[0]=1e400")};
}

// A number is never read as something else without its text: 1e400 is no 0.
void TestLenientJson::numberTexts() {
    QFETCH(QByteArray, json);
    QFETCH(QJsonValue, value);
    QFETCH(QStringList, texts);
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY(result.ok);
    QCOMPARE(result.value, value);
    QStringList actual;
    for (auto it = result.numberTexts.cbegin(); it != result.numberTexts.cend(); ++it)
        actual.append(it.key() + u'=' + it.value());
    actual.sort();
    QCOMPARE(actual, texts);
}

void TestLenientJson::unpairedSurrogatesAreNotRepairs() {
    const QString fffd(QChar::ReplacementCharacter);
    const LenientJsonResult comma = LenientJson::parse(R"(["a\ud800b",])");
    QVERIFY(comma.ok);
    QCOMPARE(comma.value, QJsonValue(QJsonArray{QString(u'a' + fffd + u'b')}));
    QCOMPARE(comma.repairCount, qsizetype(1));
    QCOMPARE(comma.firstProblem().offset, qint64(11)); // the comma, not the escape
    QCOMPARE(comma.unpairedSurrogateCount, qsizetype(1));
    QCOMPARE(comma.unpairedSurrogates.constFirst(),
             (JsonUnpairedSurrogate{QStringLiteral("[0]"), false,
                                    JsonError{3, 1, 4, QStringLiteral("\\ud800")}}));

    // A string that turns out to be a key inside an array: its escape is in a name.
    const LenientJsonResult key = LenientJson::parse(R"({"M": ["\uD800": 5]})");
    QVERIFY(key.ok);
    QCOMPARE(key.value, QJsonValue(QJsonObject{{QStringLiteral("M"), QJsonArray()}, {fffd, 5}}));
    QCOMPARE(key.repairCount, qsizetype(2)); // the key, and the ] after it
    const JsonUnpairedSurrogate inKey{fffd, true, JsonError{8, 1, 9, QStringLiteral("\\uD800")}};
    QCOMPARE(key.unpairedSurrogates, QList<JsonUnpairedSurrogate>{inKey});

    // Only the first MaxRecordedRepairs are listed, all are counted.
    QByteArray many = "\"";
    for (int i = 0; i < 60; ++i)
        many += "\\ud800";
    many += '"';
    const LenientJsonResult counted = LenientJson::parse(many);
    QVERIFY(counted.isStrict());
    QCOMPARE(counted.unpairedSurrogateCount, qsizetype(60));
    QCOMPARE(counted.unpairedSurrogates.size(), LenientJsonResult::MaxRecordedRepairs);
    QCOMPARE(counted.unpairedSurrogates.constLast().where.offset, qint64(1 + 49 * 6));
}

void TestLenientJson::partialValue() {
    const LenientJsonResult result = LenientJson::parse("[1, {\"a\": [2, 3], \"b\": {\"c\": [4");
    QVERIFY(!result.ok);
    QCOMPARE(result.value, qtValue("[1, {\"a\": [2, 3], \"b\": {\"c\": [4]}}]"));

    const LenientJsonResult key = LenientJson::parse("{\"a\": 1, \"b\": ");
    QVERIFY(!key.ok);
    QCOMPARE(key.value, qtValue("{\"a\": 1}"));
}

void TestLenientJson::depthLimit() {
    QVERIFY(LenientJson::parse(nested(LenientJson::DefaultMaxDepth)).isStrict());
    const LenientJsonResult deep = LenientJson::parse(nested(10000));
    QVERIFY(!deep.ok);
    QCOMPARE(deep.error.offset, qint64(LenientJson::DefaultMaxDepth));
    QVERIFY(deep.error.message.contains(QLatin1String("1024 levels")));
    QVERIFY(deep.error.tooDeep); // no error in the text: it may be valid JSON

    const LenientJsonResult small = LenientJson::parse("{\"a\": {\"b\": [1]}}", 2);
    QVERIFY(!small.ok);
    QCOMPARE(small.error.offset, qint64(12));
    QVERIFY(LenientJson::parse("{\"a\": {\"b\": [1]}}", 3).ok);
}

void TestLenientJson::wideObject() {
    QByteArray json = "{";
    const int count = 200000;
    for (int i = 0; i < count; ++i) {
        if (i)
            json += ',';
        json += "\"k" + QByteArray::number((i * 7919) % count) + "\":" + QByteArray::number(i);
    }
    json += ",}";
    const LenientJsonResult result = LenientJson::parse(json);
    QVERIFY(result.ok);
    QCOMPARE(result.repairCount, 1);
    QCOMPARE(result.value, QJsonValue(strict(repairedText(json)).object()));
}

void TestLenientJson::hugeString() {
    const QByteArray text(32 * 1024 * 1024, 'x');
    const LenientJsonResult result = LenientJson::parse(QByteArray("[\"" + text + "\",]"));
    QVERIFY(result.ok);
    QCOMPARE(result.value.toArray().at(0).toString().size(), text.size());
    QCOMPARE(result.repairs.constFirst().offset, qint64(text.size() + 3));
}

QTEST_GUILESS_MAIN(TestLenientJson)
#include "tst_lenientjson.moc"
