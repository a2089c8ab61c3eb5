#include "session/sessioncolumns.h"

#include <QTest>

namespace {

HeaderList headers(std::initializer_list<std::pair<QByteArray, QByteArray>> pairs) {
    HeaderList list;
    for (const auto &[name, value] : pairs)
        list.append({name, value});
    return list;
}

} // namespace

Q_DECLARE_METATYPE(HeaderList)
Q_DECLARE_METATYPE(JsonError)

class TestSessionColumns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headersRoundTrip_data();
    void headersRoundTrip();
    void headersRead_data();
    void headersRead();
    void headersRefuseOtherShapes_data();
    void headersRefuseOtherShapes();
    void jsonErrorRoundTrip_data();
    void jsonErrorRoundTrip();
};

void TestSessionColumns::headersRoundTrip_data() {
    QTest::addColumn<HeaderList>("headers");
    QTest::newRow("none") << HeaderList();
    QTest::newRow("plain, order and duplicates kept")
        << headers({{"Host", "example.test"}, {"X-A", "1"}, {"x-a", "2"}, {"X-A", ""}});
    QTest::newRow("escapes") << headers(
        {{"X-Quote", "say \"hi\" \\ there"}, {"X-Ctl", QByteArray("tab\there\x01\x7f")}});
    QTest::newRow("non-ASCII UTF-8")
        << headers({{"X-Name", "Hôtel Aurora \xe2\x82\xac \xf0\x9f\x8f\xa8"}});
    QTest::newRow("BOM at the start") << headers({{"X-Bom", "\xef\xbb\xbfvalue"}});
    QTest::newRow("not UTF-8 in a value")
        << headers({{"Host", "h"}, {"X-Latin1", "caf\xe9"}, {"X-After", "ok"}});
    QTest::newRow("not UTF-8 in a name") << headers({{"X-\xff", "v"}});
    QTest::newRow("a NUL byte") << headers({{"X-Nul", QByteArray("a\0b", 3)}});
}

void TestSessionColumns::headersRoundTrip() {
    QFETCH(HeaderList, headers);
    const QByteArray json = SessionColumns::headersToJson(headers);
    HeaderList read = {{"stale", "entry"}};
    QVERIFY2(SessionColumns::headersFromJson(json, &read), json.constData());
    QCOMPARE(read, headers);
}

void TestSessionColumns::headersRead_data() {
    // Spelled by hand, as another writer (or sqlite3 and a text editor) might.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<HeaderList>("expected");
    QTest::newRow("empty array") << QByteArray("[]") << HeaderList();
    QTest::newRow("spaces") << QByteArray(" [ [ \"A\" , \"b\" ] , [\"C\",\"\"] ] ")
                            << headers({{"A", "b"}, {"C", ""}});
    QTest::newRow("unicode escapes") << QByteArray(R"([["X","\u00e9\ud83c\udfe8\/"]])")
                                     << headers({{"X", "\xc3\xa9\xf0\x9f\x8f\xa8/"}});
    QTest::newRow("lone surrogate") << QByteArray(R"([["X","a\ud800b"]])")
                                    << headers({{"X", "a\xef\xbf\xbd"
                                                      "b"}});
    QTest::newRow("base64 beside plain strings")
        << QByteArray(R"([["A","1"],["B",{"base64":"/w=="}],[{"base64":"eA=="},"2"]])")
        << headers({{"A", "1"}, {"B", "\xff"}, {"x", "2"}});
}

void TestSessionColumns::headersRead() {
    QFETCH(QByteArray, json);
    QFETCH(HeaderList, expected);
    HeaderList read;
    QVERIFY(SessionColumns::headersFromJson(json, &read));
    QCOMPARE(read, expected);
}

void TestSessionColumns::headersRefuseOtherShapes_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty column") << QByteArray();
    QTest::newRow("object") << QByteArray(R"({"A":"b"})");
    QTest::newRow("one value") << QByteArray(R"([["A"]])");
    QTest::newRow("three values") << QByteArray(R"([["A","b","c"]])");
    QTest::newRow("number") << QByteArray(R"([["A",1]])");
    QTest::newRow("null") << QByteArray(R"([["A",null]])");
    QTest::newRow("bad base64") << QByteArray(R"([["A",{"base64":"!!"}]])");
    QTest::newRow("object without base64") << QByteArray(R"([["A",{"hex":"ff"}]])");
    QTest::newRow("truncated") << QByteArray(R"([["A","b"],["C",)");
    QTest::newRow("trailing bytes") << QByteArray(R"([["A","b"]] x)");
}

void TestSessionColumns::headersRefuseOtherShapes() {
    QFETCH(QByteArray, json);
    HeaderList read;
    QVERIFY(!SessionColumns::headersFromJson(json, &read));
}

void TestSessionColumns::jsonErrorRoundTrip_data() {
    QTest::addColumn<JsonError>("error");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("none") << JsonError() << QByteArray();
    QTest::newRow("invalid JSON")
        << JsonError{475, 16, 10, QStringLiteral("trailing comma before ]")}
        << QByteArray(
               R"({"column":10,"line":16,"message":"trailing comma before ]","offset":475})");
    JsonError deep{1153, 1, 1154, QStringLiteral("nesting deeper than the limit")};
    deep.tooDeep = true;
    QTest::newRow("too deep") << deep
                              << QByteArray(R"({"column":1154,"line":1,"message":"nesting deeper )"
                                            R"(than the limit","offset":1153,"tooDeep":true})");
}

void TestSessionColumns::jsonErrorRoundTrip() {
    QFETCH(JsonError, error);
    QFETCH(QByteArray, json);
    QCOMPARE(SessionColumns::jsonErrorToJson(error), json);
    JsonError read;
    QVERIFY(SessionColumns::jsonErrorFromJson(json, &read));
    QCOMPARE(read, error);
}

QTEST_GUILESS_MAIN(TestSessionColumns)
#include "tst_sessioncolumns.moc"
