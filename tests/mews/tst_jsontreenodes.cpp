#include "jsontreetestdata.h"
#include "mews/jsontree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace JsonTreeTestData;

namespace {

QStringList keys(const JsonNode &object) {
    QStringList names;
    for (const JsonNode member : object)
        names.append(member.key().toString());
    return names;
}

} // namespace

class TestJsonTreeNodes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void documentOrder();
    void accessors();
    void fromValue();
};

void TestJsonTreeNodes::documentOrder() {
    const std::optional<JsonTree> tree =
        JsonTree::parse(R"({"Zeta": 1, "Alpha": {"y": [3, 2], "x": null}, "Mid": "m"})");
    QVERIFY(tree);
    QCOMPARE(keys(tree->root()),
             (QStringList{QStringLiteral("Zeta"), QStringLiteral("Alpha"), QStringLiteral("Mid")}));
    const JsonNode alpha = tree->root().value(QLatin1String("Alpha"));
    QCOMPARE(keys(alpha), (QStringList{QStringLiteral("y"), QStringLiteral("x")}));
    QList<double> numbers;
    for (const JsonNode element : alpha.value(QLatin1String("y")))
        numbers.append(element.toDouble());
    QCOMPARE(numbers, (QList<double>{3, 2}));
}

void TestJsonTreeNodes::accessors() {
    const std::optional<JsonTree> tree =
        JsonTree::parse(R"({"s": "text", "n": 7, "t": true, "o": {"k": "v"}, "a": [1, 2, 3]})");
    QVERIFY(tree);
    const JsonNode root = tree->root();
    QCOMPARE(root.size(), 5);
    QVERIFY(root.key().isEmpty());
    QCOMPARE(root.value(QLatin1String("s")).toString(), QStringLiteral("text"));
    QCOMPARE(root.value(QStringView(u"s")).key(), QStringView(u"s"));
    QCOMPARE(root.value(QLatin1String("n")).toDouble(), 7.0);
    QVERIFY(root.value(QLatin1String("t")).toBool());
    QCOMPARE(root.value(QLatin1String("a")).size(), 3);
    QCOMPARE(root.value(QLatin1String("o")).value(QLatin1String("k")).toString(),
             QStringLiteral("v"));
    QVERIFY(root.contains(QLatin1String("o")));
    QVERIFY(!root.contains(QLatin1String("k"))); // only direct members

    // Wrong kinds and missing members read as empty, like QJsonValue.
    const JsonNode missing = root.value(QLatin1String("nope"));
    QVERIFY(missing.isUndefined());
    QVERIFY(missing.value(QLatin1String("s")).isUndefined());
    QCOMPARE(missing.size(), 0);
    QVERIFY(missing.begin() == missing.end());
    QVERIFY(root.value(QLatin1String("n")).toString().isNull());
    QCOMPARE(root.value(QLatin1String("s")).toDouble(), 0.0);
    QVERIFY(!root.value(QLatin1String("n")).toBool());
    QVERIFY(root.value(QLatin1String("a")).value(QLatin1String("0")).isUndefined());
    QVERIFY(JsonNode().isUndefined());
}

void TestJsonTreeNodes::fromValue() {
    const QJsonValue value(QJsonObject{
        {QStringLiteral("Events"),
         QJsonArray{QJsonObject{{QStringLiteral("Discriminator"), QStringLiteral("Added")}}}},
        {QStringLiteral("n"), 2.5},
        {QStringLiteral("z"), QJsonValue()}});
    const JsonTree tree = JsonTree::fromValue(value);
    QCOMPARE(toValue(tree.root()), value);
    QVERIFY(!tree.hasRepeatedNames());
    QCOMPARE(tree.root().value(QLatin1String("n")).numberText(), QStringView(u"2.5"));

    // Numbers the value does not hold as they were written keep the text they came with.
    const QJsonValue numbers(
        QJsonObject{{QStringLiteral("big"), std::numeric_limits<double>::infinity()},
                    {QStringLiteral("list"), QJsonArray{0, 1.0, qint64(9007199254740993)}}});
    const JsonTree texts =
        JsonTree::fromValue(numbers, {{QStringLiteral("big"), QStringLiteral("1e400")},
                                      {QStringLiteral("list[1]"), QStringLiteral("1.0")}});
    QCOMPARE(texts.root().value(QLatin1String("big")).numberText(), QStringView(u"1e400"));
    QStringList list;
    for (const JsonNode element : texts.root().value(QLatin1String("list")))
        list.append(element.numberText().toString());
    QCOMPARE(list, (QStringList{QStringLiteral("0"), QStringLiteral("1.0"),
                                QStringLiteral("9007199254740993")}));
    QCOMPARE(JsonTree::fromValue(QJsonValue(QStringLiteral("bare"))).root().toString(),
             QStringLiteral("bare"));
}

QTEST_GUILESS_MAIN(TestJsonTreeNodes)
#include "tst_jsontreenodes.moc"
