#include "session/harentryscanner.h"

#include <QTest>

class TestHarEntryScanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsTheEntries_data();
    void findsTheEntries();
    void refusesWhatIsNotHar_data();
    void refusesWhatIsNotHar();
};

void TestHarEntryScanner::findsTheEntries_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArrayList>("entries");
    QTest::newRow("none") << QByteArray(R"({"log":{"entries":[]}})") << QByteArrayList();
    QTest::newRow("two") << QByteArray(R"({"log":{"version":"1.2","entries":[{"a":1},{"b":[2]}]}})")
                         << QByteArrayList{R"({"a":1})", R"({"b":[2]})"};
    QTest::newRow("members before, after and around")
        << QByteArray(" {\"x\":{\"entries\":[9]},\n \"log\" : { \"creator\":{\"n\":\"]}\"},"
                      "\"pages\":[[]], \"entries\" : [ {\"c\":3} ,\n {} ] , \"z\":null } } \n")
        << QByteArrayList{R"({"c":3})", "{}"};
    QTest::newRow("brackets and quotes inside strings")
        << QByteArray(R"({"log":{"entries":[{"t":"}],[{\"\\"},{"u":"\\"}]}})")
        << QByteArrayList{R"({"t":"}],[{\"\\"})", R"({"u":"\\"})"};
    QTest::newRow("not objects are handed out too")
        << QByteArray(R"({"log":{"entries":[3,"s",null]}})")
        << QByteArrayList{"3", "\"s\"", "null"};
}

void TestHarEntryScanner::findsTheEntries() {
    QFETCH(QByteArray, json);
    QFETCH(QByteArrayList, entries);
    HarEntryScanner scanner(json);
    QString error;
    QVERIFY2(scanner.start(&error), qPrintable(error));
    QByteArrayList found;
    QByteArrayView entry;
    qsizetype offset = -1;
    while (scanner.next(&entry, &offset)) {
        QCOMPARE(json.sliced(offset, entry.size()), entry.toByteArray());
        found.append(entry.toByteArray());
    }
    QCOMPARE(found, entries);
}

void TestHarEntryScanner::refusesWhatIsNotHar_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray(" \n") << "empty";
    QTest::newRow("text") << QByteArray("GET / HTTP/1.1") << "not a JSON object at byte 0";
    QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
    QTest::newRow("truncated") << QByteArray(R"({"log":{"entries":[{"a":)")
                               << "ends before it is complete";
    QTest::newRow("open string") << QByteArray(R"({"log":{"entries":["a}]}})")
                                 << "ends before it is complete";
    QTest::newRow("text after it") << QByteArray(R"({"log":{"entries":[]}} {})")
                                   << "unexpected text after the JSON object at byte 23";
    QTest::newRow("no log") << QByteArray(R"({"entries":[]})") << "no \"log\" object";
    QTest::newRow("log not an object") << QByteArray(R"({"log":[]})") << "no \"log\" object";
    QTest::newRow("log only nested")
        << QByteArray(R"({"a":{"log":{"entries":[]}}})") << "no \"log\" object";
    QTest::newRow("no entries") << QByteArray(R"({"log":{"version":"1.2"}})")
                                << "no \"entries\" array";
    QTest::newRow("entries not an array")
        << QByteArray(R"({"log":{"entries":{}}})") << "no \"entries\" array";
}

void TestHarEntryScanner::refusesWhatIsNotHar() {
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    HarEntryScanner scanner(json);
    QString error;
    QVERIFY(!scanner.start(&error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHarEntryScanner)
#include "tst_harentryscanner.moc"
