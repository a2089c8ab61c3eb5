#include "jsontreetestdata.h"
#include "mews/jsonpath.h"
#include "mews/jsontree.h"
#include "mews/lenientjson.h"
#include "mews/textposition.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace JsonTreeTestData;

namespace {

// Every number under `node` by path, with the text it reads as.
void collectNumberTexts(const JsonNode &node, const QString &path, QMap<QString, QString> &texts) {
    if (node.isNumber())
        texts.insert(path, node.numberText().toString());
    qsizetype i = 0;
    for (const JsonNode child : node) {
        collectNumberTexts(child,
                           node.isObject() ? JsonPath::appendKey(path, child.key())
                                           : JsonPath::appendIndex(path, i),
                           texts);
        ++i;
    }
}

QByteArray nested(int depth) {
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

} // namespace

class TestJsonTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void strictText_data();
    void strictText();
    void notStrict_data();
    void notStrict();
    void numbersAsWritten_data();
    void numbersAsWritten();
    void unpairedSurrogates_data();
    void unpairedSurrogates();
    void repeatedNames_data();
    void repeatedNames();
    void depthLimit();
    void agreesWithLenientJsonOnMutatedSamples();
};

void TestJsonTree::strictText_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("object") << QByteArray(R"({"a": 1, "b": [true, false, null]})")
                            << QJsonValue(QJsonObject{
                                   {QStringLiteral("a"), 1},
                                   {QStringLiteral("b"), QJsonArray{true, false, QJsonValue()}}});
    QTest::newRow("bare string") << QByteArray(R"( "x" )") << QJsonValue(QStringLiteral("x"));
    QTest::newRow("bare number") << QByteArray("-0.5e+2") << QJsonValue(-50.0);
    QTest::newRow("zero") << QByteArray("0") << QJsonValue(0);
    QTest::newRow("exponent") << QByteArray("1E3") << QJsonValue(1000.0);
    QTest::newRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty containers")
        << QByteArray("[{}, [], {\"\": []}]")
        << QJsonValue(
               QJsonArray{QJsonObject(), QJsonArray(), QJsonObject{{QString(), QJsonArray()}}});
    QTest::newRow("escapes") << QByteArray(R"("\"\\\/\b\f\n\r\t\u00e9\u0000")")
                             << QJsonValue(QStringLiteral("\"\\/\b\f\n\r\t\u00e9") + QChar(0));
    QTest::newRow("surrogate pair escape")
        << QByteArray(R"("\ud83d\ude00")") << QJsonValue(QString::fromUtf8("\xF0\x9F\x98\x80"));
    QTest::newRow("utf-8 of every length")
        << QByteArray("\"A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"")
        << QJsonValue(QString::fromUtf8("A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
    QTest::newRow("escaped key") << QByteArray(R"({"\u0041b": 2})")
                                 << QJsonValue(QJsonObject{{QStringLiteral("Ab"), 2}});
    QTest::newRow("whitespace everywhere")
        << QByteArray(" \t\r\n{ \"a\" :\n[ 1 ,2 ] } \n")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), QJsonArray{1, 2}}});
}

void TestJsonTree::strictText() {
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expected);
    const std::optional<JsonTree> tree = JsonTree::parse(text);
    QVERIFY(tree);
    QCOMPARE(toValue(tree->root()), expected);
    QVERIFY(!tree->hasRepeatedNames());
    QVERIFY(LenientJson::parse(text).isStrict()); // the same verdict as the exact reader
}

void TestJsonTree::notStrict_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only whitespace") << QByteArray(" \n");
    QTest::newRow("two values") << QByteArray("1 2");
    QTest::newRow("trailing comma in object") << QByteArray(R"({"a": 1,})");
    QTest::newRow("trailing comma in array") << QByteArray("[1,]");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("name not a string") << QByteArray("{a: 1}");
    QTest::newRow("member in an array") << QByteArray(R"(["a": 1])");
    QTest::newRow("unclosed object") << QByteArray(R"({"a": 1)");
    QTest::newRow("unclosed string") << QByteArray(R"("abc)");
    QTest::newRow("wrong bracket") << QByteArray(R"({"a": [1}])");
    QTest::newRow("leading zero") << QByteArray("01");
    QTest::newRow("plus sign") << QByteArray("+1");
    QTest::newRow("bare point") << QByteArray("1.");
    QTest::newRow("no integer part") << QByteArray(".5");
    QTest::newRow("empty exponent") << QByteArray("1e");
    QTest::newRow("lone minus") << QByteArray("-");
    QTest::newRow("short literal") << QByteArray("tru");
    QTest::newRow("capital literal") << QByteArray("Null");
    QTest::newRow("raw newline in string") << QByteArray("\"a\nb\"");
    QTest::newRow("raw tab in string") << QByteArray("\"a\tb\"");
    QTest::newRow("invalid escape") << QByteArray(R"("\x41")");
    QTest::newRow("short unicode escape") << QByteArray(R"("\u41")");
    QTest::newRow("overlong utf-8") << QByteArray("\"\xC0\xAF\"");
    QTest::newRow("utf-8 surrogate") << QByteArray("\"\xED\xA0\x80\"");
    QTest::newRow("beyond U+10FFFF") << QByteArray("\"\xF4\x90\x80\x80\"");
    QTest::newRow("truncated utf-8") << QByteArray("\"\xE2\x82\"");
    QTest::newRow("stray continuation byte") << QByteArray("\"\x80\"");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{}");
    QTest::newRow("NUL after the value") << QByteArray("{}", 3);
}

void TestJsonTree::notStrict() {
    QFETCH(QByteArray, text);
    QVERIFY(!JsonTree::parse(text));
}

void TestJsonTree::numbersAsWritten_data() {
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<double>("value");
    const double infinity = std::numeric_limits<double>::infinity();
    QTest::newRow("integer") << QByteArray("42") << 42.0;
    QTest::newRow("minus zero") << QByteArray("-0") << -0.0;
    QTest::newRow("1.0") << QByteArray("1.0") << 1.0;
    QTest::newRow("1E+2") << QByteArray("1E+2") << 100.0;
    QTest::newRow("beyond a double") << QByteArray("1e400") << infinity;
    QTest::newRow("beyond a double, negative") << QByteArray("-1e400") << -infinity;
    QTest::newRow("long beyond a double") << QByteArray("9" + QByteArray(400, '9')) << infinity;
    QTest::newRow("below a double") << QByteArray("1e-400") << 0.0;
    QTest::newRow("beyond 64 bits")
        << QByteArray("123456789012345678901234567890") << 123456789012345678901234567890.0;
    QTest::newRow("beyond a double's precision")
        << QByteArray("9007199254740993") << 9007199254740992.0;
}

// Every RFC 8259 number is strict JSON: it keeps its text, and its value is the nearest double.
void TestJsonTree::numbersAsWritten() {
    QFETCH(QByteArray, number);
    QFETCH(double, value);
    const QByteArray text = "{\"a\": [\"s\", " + number + "], \"b\": " + number + "}";
    const std::optional<JsonTree> tree = JsonTree::parse(text);
    QVERIFY(tree);
    const JsonNode b = tree->root().value(QLatin1String("b"));
    QVERIFY(b.isNumber());
    QCOMPARE(b.numberText(), QString::fromLatin1(number));
    QCOMPARE(b.toDouble(), value);
    QCOMPARE(std::signbit(b.toDouble()), std::signbit(value));
    JsonNode::Iterator element = tree->root().value(QLatin1String("a")).begin();
    QCOMPARE((*element).toString(), QStringLiteral("s"));
    QVERIFY((*element).numberText().isNull()); // only numbers have one
    ++element;
    QCOMPARE((*element).numberText(), QString::fromLatin1(number));
    // LenientJson agrees that it is strict JSON, and its tree quotes the same text.
    const LenientJsonResult lenient = LenientJson::parse(text);
    QVERIFY(lenient.isStrict());
    const JsonTree read = JsonTree::fromValue(lenient.value, lenient.numberTexts);
    QCOMPARE(read.root().value(QLatin1String("b")).numberText(), QString::fromLatin1(number));
    QCOMPARE(read.root().value(QLatin1String("b")).toDouble(), value);
}

void TestJsonTree::unpairedSurrogates_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QJsonValue>("expected"); // U+FFFD for each unpaired escape
    QTest::addColumn<QStringList>("found");   // path, in a name or not, escape, offset
    const QString fffd(QChar::ReplacementCharacter);
    QTest::newRow("lone high surrogate") << QByteArray(R"({"Name":"\ud800"})")
                                         << QJsonValue(QJsonObject{{QStringLiteral("Name"), fffd}})
                                         << QStringList{QStringLiteral("Name string \\ud800 9")};
    QTest::newRow("lone low surrogate, upper case")
        << QByteArray(R"(["a\uDE00b"])") << QJsonValue(QJsonArray{QString(u'a' + fffd + u'b')})
        << QStringList{QStringLiteral("[0] string \\uDE00 3")};
    QTest::newRow("reversed surrogates")
        << QByteArray(R"("\ude00\ud83d")") << QJsonValue(QString(fffd + fffd))
        << QStringList{QStringLiteral(" string \\ude00 1"), QStringLiteral(" string \\ud83d 7")};
    QTest::newRow("high surrogate before a pair")
        << QByteArray(R"("\ud800\ud83d\ude00")")
        << QJsonValue(QString(fffd + QString::fromUtf8("\xF0\x9F\x98\x80")))
        << QStringList{QStringLiteral(" string \\ud800 1")};
    QTest::newRow("in a member name")
        << QByteArray(R"({"a": {"x\ud800": 1}})")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), QJsonObject{{QString(u'x' + fffd), 1}}}})
        << QStringList{QString(QStringLiteral("a.x") + fffd + QStringLiteral(" name \\ud800 9"))};
    QTest::newRow("deep in arrays")
        << QByteArray(R"([1, [], {"k": [true, "\udfff"]}])")
        << QJsonValue(QJsonArray{1, QJsonArray(),
                                 QJsonObject{{QStringLiteral("k"), QJsonArray{true, fffd}}}})
        << QStringList{QStringLiteral("[2].k[1] string \\udfff 22")};
}

// RFC 8259 allows an unpaired surrogate escape: the tree reads it as U+FFFD and says where.
void TestJsonTree::unpairedSurrogates() {
    QFETCH(QByteArray, text);
    QFETCH(QJsonValue, expected);
    QFETCH(QStringList, found);
    const std::optional<JsonTree> tree = JsonTree::parse(text);
    QVERIFY(tree);
    QCOMPARE(toValue(tree->root()), expected);
    const auto describe = [&text](const QList<JsonUnpairedSurrogate> &list) {
        QStringList lines;
        for (const JsonUnpairedSurrogate &escape : list) {
            lines.append(escape.path +
                         (escape.inName ? QStringLiteral(" name ") : QStringLiteral(" string ")) +
                         escape.where.message + u' ' + QString::number(escape.where.offset));
            const TextPosition position = TextPosition::at(text, escape.where.offset);
            if (escape.where.line != position.line || escape.where.column != position.column)
                lines.append(QStringLiteral("misplaced"));
        }
        return lines;
    };
    QCOMPARE(describe(tree->unpairedSurrogates()), found);
    QCOMPARE(tree->unpairedSurrogateCount(), found.size());
    // LenientJson reads the same value and finds the same escapes, and repairs nothing.
    const LenientJsonResult lenient = LenientJson::parse(text);
    QVERIFY(lenient.isStrict());
    QCOMPARE(lenient.value, expected);
    QCOMPARE(describe(lenient.unpairedSurrogates), found);
    QCOMPARE(lenient.unpairedSurrogateCount, found.size());
}

void TestJsonTree::repeatedNames_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("repeated");
    QTest::newRow("none") << QByteArray(R"({"a": 1, "b": {"a": 2}})") << false;
    QTest::newRow("top level") << QByteArray(R"({"a": 1, "a": 2})") << true;
    QTest::newRow("nested") << QByteArray(R"([{"x": {"k": 1, "j": 2, "k": 3}}])") << true;
    QTest::newRow("same text, other escapes") << QByteArray(R"({"A": 1, "\u0041": 2})") << true;
    QByteArray wide = "{";
    for (int i = 0; i < 100; ++i)
        wide += '"' + QByteArray::number(i) + "\": " + QByteArray::number(i) + ',';
    QTest::newRow("wide, unique") << QByteArray(wide + "\"end\": 0}") << false;
    QTest::newRow("wide, repeated") << QByteArray(wide + "\"57\": 0}") << true;
}

void TestJsonTree::repeatedNames() {
    QFETCH(QByteArray, text);
    QFETCH(bool, repeated);
    const std::optional<JsonTree> tree = JsonTree::parse(text);
    QVERIFY(tree);
    QCOMPARE(tree->hasRepeatedNames(), repeated);
    QCOMPARE(LenientJson::parse(text).duplicateCount > 0, repeated);
}

void TestJsonTree::depthLimit() {
    QVERIFY(JsonTree::parse(nested(JsonTree::MaxDepth)));
    QVERIFY(!JsonTree::parse(nested(JsonTree::MaxDepth + 1)));
}

// Each sample with a few bytes changed: the tree reads exactly the texts LenientJson
// reads without repair (apart from those it leaves to LenientJson on purpose), and
// reads them to the same value.
void TestJsonTree::agreesWithLenientJsonOnMutatedSamples() {
    const QByteArray interesting = QByteArrayLiteral("{}[]:,\"\\u0123456789.eE+-tfn \n\x01\x7F"
                                                     "\x80\xC3\xE2\xF0\xED\xBF");
    QRandomGenerator random(20261203);
    int agreed = 0;
    int strict = 0;
    for (const QString &file : MewsTestData::sampleFiles()) {
        const QByteArray sample = TestSupport::readData(file);
        for (int round = 0; round < 300; ++round) {
            QByteArray text = sample;
            const int changes = 1 + int(random.bounded(3));
            for (int c = 0; c < changes; ++c) {
                const qsizetype at = random.bounded(text.size());
                const char byte = interesting.at(random.bounded(interesting.size()));
                switch (random.bounded(3)) {
                case 0:
                    text[at] = byte;
                    break;
                case 1:
                    text.insert(at, byte);
                    break;
                default:
                    text.remove(at, 1);
                    break;
                }
            }
            const std::optional<JsonTree> tree = JsonTree::parse(text);
            const LenientJsonResult lenient = LenientJson::parse(text);
            if (bool(tree) != lenient.isStrict()) {
                // Left to LenientJson on purpose: a byte order mark.
                QVERIFY2(!tree && text.startsWith("\xEF\xBB\xBF"), text.constData());
            }
            if (tree && lenient.isStrict()) {
                ++strict;
                if (!tree->hasRepeatedNames()) {
                    QCOMPARE(toValue(tree->root()), lenient.value);
                    QMap<QString, QString> sent;
                    collectNumberTexts(tree->root(), QString(), sent);
                    QMap<QString, QString> read;
                    collectNumberTexts(
                        JsonTree::fromValue(lenient.value, lenient.numberTexts).root(), QString(),
                        read);
                    QCOMPARE(read, sent);
                }
            }
            ++agreed;
        }
    }
    QVERIFY(agreed > 1000);
    QVERIFY(strict > 50); // some mutations keep the text strict (inside strings, spaces)
}

QTEST_GUILESS_MAIN(TestJsonTree)
#include "tst_jsontree.moc"
