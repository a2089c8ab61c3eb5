#include "session/jsonrows.h"

#include <QTest>

namespace {

/// Reads a whole column back as text: each row in brackets, values joined by ',', null as
/// "~", numbers in decimal.

QByteArray dump(QByteArrayView json, bool *failed) {
    JsonRows rows(json);
    QByteArrayList lines;
    while (rows.next()) {
        QByteArrayList values;
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.isNull(i))
                values.append("~");
            else if (rows.isString(i))
                values.append(rows.text(i).toByteArray());
            else
                values.append(QByteArray::number(rows.integer(i)));
        }
        lines.append('[' + values.join(',') + ']');
    }
    *failed = rows.failed();
    return lines.join();
}

} // namespace

class TestJsonRows : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void refusesMalformed_data();
    void refusesMalformed();
    void stopsAtEveryPosition();
    void missingValuesReadAsNull();
};

void TestJsonRows::reads_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("rows");
    QTest::newRow("empty column") << QByteArray() << QByteArray();
    QTest::newRow("no rows") << QByteArray("[]") << QByteArray();
    QTest::newRow("an empty row") << QByteArray("[[]]") << QByteArray("[]");
    QTest::newRow("scalars") << QByteArray(R"([["a",1,null,true,false,-42]])")
                             << QByteArray("[a,1,~,1,0,-42]");
    QTest::newRow("two rows, spaces")
        << QByteArray(" [ [ \"x\" , 2 ] ,\n [\"y\"] ] ") << QByteArray("[x,2][y]");
    QTest::newRow("short escapes")
        << QByteArray(R"([["\"\\\/\b\f\n\r\t"]])") << QByteArray("[\"\\/\b\f\n\r\t]");
    QTest::newRow("unicode escapes") << QByteArray(R"([["\u00e9\ud83c\udfe8\ufeff"]])")
                                     << QByteArray("[\xc3\xa9\xf0\x9f\x8f\xa8\xef\xbb\xbf]");
    QTest::newRow("lone surrogate") << QByteArray(R"([["a\ud800b"]])")
                                    << QByteArray("[a\xef\xbf\xbd"
                                                  "b]");
    QTest::newRow("raw UTF-8") << QByteArray("[[\"Hôtel\"]]") << QByteArray("[Hôtel]");
}

void TestJsonRows::reads() {
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, rows);
    bool failed = true;
    QCOMPARE(dump(json, &failed), rows);
    QVERIFY(!failed);
}

void TestJsonRows::refusesMalformed_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not an array") << QByteArray(R"({"a":1})");
    QTest::newRow("open") << QByteArray("[");
    QTest::newRow("open row") << QByteArray("[[");
    QTest::newRow("unterminated string") << QByteArray(R"([["a)");
    QTest::newRow("row not closed") << QByteArray("[[1]");
    QTest::newRow("trailing comma") << QByteArray(R"([["a",]])");
    QTest::newRow("object value") << QByteArray(R"([[{"a":1}]])");
    QTest::newRow("nested array") << QByteArray("[[[1]]]");
    QTest::newRow("row not an array") << QByteArray("[1]");
    QTest::newRow("bytes after the end") << QByteArray("[[1]] x");
    QTest::newRow("control character") << QByteArray("[[\"a\x01\"]]");
    QTest::newRow("unknown escape") << QByteArray(R"([["\q"]])");
    QTest::newRow("short unicode escape") << QByteArray(R"([["\u12"]])");
    QTest::newRow("bare word") << QByteArray("[[nul]]");
}

void TestJsonRows::refusesMalformed() {
    QFETCH(QByteArray, json);
    bool failed = false;
    dump(json, &failed);
    QVERIFY(failed);
}

void TestJsonRows::stopsAtEveryPosition() {
    // Plain runs are skipped 8 bytes at a time: an escape, the closing quote and a raw
    // control character must each be found wherever they fall.
    for (int length = 0; length <= 24; ++length) {
        for (int at = 0; at <= length; ++at) {
            const QByteArray before(at, 'a');
            const QByteArray after(length - at, 'z');
            bool failed = true;
            QCOMPARE(dump(QByteArray("[[\"" + before + "\\n" + after + "\"]]"), &failed),
                     '[' + before + '\n' + after + ']');
            QVERIFY(!failed);
            QCOMPARE(dump(QByteArray("[[\"" + before + "\",\"" + after + "\"]]"), &failed),
                     '[' + before + ',' + after + ']');
            QVERIFY(!failed);
            dump(QByteArray("[[\"" + before + '\x01' + after + "\"]]"), &failed);
            QVERIFY(failed);
        }
    }
}

void TestJsonRows::missingValuesReadAsNull() {
    JsonRows rows(QByteArrayView(R"([["a"]])"));
    QVERIFY(rows.next());
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.isNull(3));
    QVERIFY(rows.text(3).isEmpty());
    QCOMPARE(rows.integer(3, 7), 7);
    QCOMPARE(rows.integer(0, 7), 7); // a string is not a number
    QVERIFY(!rows.next());
    QVERIFY(!rows.failed());
}

QTEST_GUILESS_MAIN(TestJsonRows)
#include "tst_jsonrows.moc"
