#include "mews/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestJsonPath : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void malformed_data();
    void malformed();
    void appendQuotesWhenNeeded_data();
    void appendQuotesWhenNeeded();
    void resolve_data();
    void resolve();
};

void TestJsonPath::parse_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<JsonPathStep>>("steps");
    using S = JsonPathStep;
    QTest::newRow("root") << "" << QList<S>{};
    QTest::newRow("member") << "Action" << QList<S>{S::member(QStringLiteral("Action"))};
    QTest::newRow("finding path") << "Entities.ServiceOrders[0].StartUtc"
                                  << QList<S>{S::member(QStringLiteral("Entities")),
                                              S::member(QStringLiteral("ServiceOrders")),
                                              S::element(0), S::member(QStringLiteral("StartUtc"))};
    QTest::newRow("event id") << "Events[12].Value.Id"
                              << QList<S>{S::member(QStringLiteral("Events")), S::element(12),
                                          S::member(QStringLiteral("Value")),
                                          S::member(QStringLiteral("Id"))};
    QTest::newRow("nested indexes") << "[1][2]" << QList<S>{S::element(1), S::element(2)};
    QTest::newRow("quoted dot") << "Data[\"a.b\"].c"
                                << QList<S>{S::member(QStringLiteral("Data")),
                                            S::member(QStringLiteral("a.b")),
                                            S::member(QStringLiteral("c"))};
    QTest::newRow("quoted escapes")
        << "[\"q\\\"\\\\\"]" << QList<S>{S::member(QStringLiteral("q\"\\"))};
    QTest::newRow("empty key") << "a[\"\"]"
                               << QList<S>{S::member(QStringLiteral("a")), S::member(QString())};
    QTest::newRow("language code")
        << "Descriptions.en-US"
        << QList<S>{S::member(QStringLiteral("Descriptions")), S::member(QStringLiteral("en-US"))};
    QTest::newRow("unicode") << "Název.č"
                             << QList<S>{S::member(QStringLiteral("Název")),
                                         S::member(QStringLiteral("č"))};
}

void TestJsonPath::parse() {
    QFETCH(QString, path);
    QFETCH(QList<JsonPathStep>, steps);
    bool ok = false;
    QCOMPARE(JsonPath::parse(path, &ok), steps);
    QVERIFY(ok);
    // The written form is canonical, so it reads back to the same steps.
    QCOMPARE(JsonPath::parse(JsonPath::toString(steps)), steps);
}

void TestJsonPath::malformed_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("leading dot") << ".a";
    QTest::newRow("trailing dot") << "a.";
    QTest::newRow("double dot") << "a..b";
    QTest::newRow("open index") << "a[1";
    QTest::newRow("negative index") << "a[-1]";
    QTest::newRow("signed index") << "a[+1]";
    QTest::newRow("word index") << "a[x]";
    QTest::newRow("empty index") << "a[]";
    QTest::newRow("member after index") << "a[0]b";
    QTest::newRow("unterminated quote") << "a[\"b]";
    QTest::newRow("quote without bracket") << "a[\"b\"";
    QTest::newRow("stray bracket") << "a]b";
    QTest::newRow("stray quote") << "a\"b";
}

void TestJsonPath::malformed() {
    QFETCH(QString, path);
    bool ok = true;
    QVERIFY(JsonPath::parse(path, &ok).isEmpty());
    QVERIFY(!ok);
    QVERIFY(JsonPath::resolve(QJsonObject{{QStringLiteral("a"), 1}}, path).isUndefined());
}

void TestJsonPath::appendQuotesWhenNeeded_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("path");
    QTest::newRow("plain") << "StartUtc"
                           << "Data.StartUtc";
    QTest::newRow("dash") << "en-US"
                          << "Data.en-US";
    QTest::newRow("dot") << "a.b"
                         << "Data[\"a.b\"]";
    QTest::newRow("bracket") << "a[0]"
                             << "Data[\"a[0]\"]";
    QTest::newRow("quote") << "say \"hi\""
                           << "Data[\"say \\\"hi\\\"\"]";
    QTest::newRow("backslash") << "a\\b"
                               << "Data[\"a\\\\b\"]";
    QTest::newRow("empty") << ""
                           << "Data[\"\"]";
    // Spaces and control characters would not show where they are in a plain path.
    QTest::newRow("trailing space") << "ApiKey "
                                    << "Data[\"ApiKey \"]";
    QTest::newRow("leading space") << " Id"
                                   << "Data[\" Id\"]";
    QTest::newRow("space inside") << "First Name"
                                  << "Data[\"First Name\"]";
    QTest::newRow("tab") << "a\tb"
                         << "Data[\"a\tb\"]";
    QTest::newRow("no-break space") << "Id\u00a0"
                                    << "Data[\"Id\u00a0\"]";
    QTest::newRow("control") << "a\u0001"
                             << "Data[\"a\u0001\"]";
}

void TestJsonPath::appendQuotesWhenNeeded() {
    QFETCH(QString, key);
    QFETCH(QString, path);
    QCOMPARE(JsonPath::appendKey(QStringLiteral("Data"), key), path);
    QCOMPARE(JsonPath::parse(path).constLast().key, key);
    QCOMPARE(JsonPath::appendKey(QString(), u"Data"), QStringLiteral("Data"));
    QCOMPARE(JsonPath::appendIndex(QStringLiteral("Events"), 3), QStringLiteral("Events[3]"));
}

void TestJsonPath::resolve_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("root")
        << ""
        << QJsonValue(QJsonDocument::fromJson("{\"a\":{\"b\":[10,{\"c.d\":true}]}}").object());
    QTest::newRow("member") << "a.b[0]" << QJsonValue(10);
    QTest::newRow("quoted") << "a.b[1][\"c.d\"]" << QJsonValue(true);
    QTest::newRow("missing member") << "a.x" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("index past end") << "a.b[2]" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("index on object") << "a[0]" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("member on array") << "a.b.c" << QJsonValue(QJsonValue::Undefined);
}

void TestJsonPath::resolve() {
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    const QJsonObject root =
        QJsonDocument::fromJson("{\"a\":{\"b\":[10,{\"c.d\":true}]}}").object();
    QCOMPARE(JsonPath::resolve(root, path), value);
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
