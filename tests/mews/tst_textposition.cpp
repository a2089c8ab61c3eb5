#include "mews/textposition.h"

#include <QTest>

class TestTextPosition : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void at_data();
    void at();
    void manyOffsetsInOnePass();
};

void TestTextPosition::at_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("start") << QByteArray("abc") << qint64(0) << 1 << 1;
    QTest::newRow("middle") << QByteArray("abc") << qint64(2) << 1 << 3;
    QTest::newRow("end") << QByteArray("abc") << qint64(3) << 1 << 4;
    QTest::newRow("past end") << QByteArray("abc") << qint64(99) << 1 << 4;
    QTest::newRow("negative") << QByteArray("abc") << qint64(-5) << 1 << 1;
    QTest::newRow("at newline") << QByteArray("ab\ncd") << qint64(2) << 1 << 3;
    QTest::newRow("after newline") << QByteArray("ab\ncd") << qint64(3) << 2 << 1;
    QTest::newRow("crlf") << QByteArray("a\r\nb") << qint64(3) << 2 << 1;
    QTest::newRow("utf-8 counts characters") << QByteArray("\"é€😀\"x") << qint64(11) << 1 << 6;
    QTest::newRow("empty") << QByteArray() << qint64(0) << 1 << 1;
}

void TestTextPosition::at() {
    QFETCH(QByteArray, text);
    QFETCH(qint64, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    QCOMPARE(TextPosition::at(text, offset), (TextPosition{line, column}));
}

void TestTextPosition::manyOffsetsInOnePass() {
    const QByteArray text = "{\n  \"a\": 1,\n  \"b\": [\n]\n}";
    QList<qint64> offsets;
    QList<TextPosition> expected;
    for (qint64 offset = 0; offset <= text.size(); ++offset) {
        offsets.append(offset);
        expected.append(TextPosition::at(text, offset));
    }
    QCOMPARE(TextPosition::at(text, offsets), expected);
    QCOMPARE(expected.constLast(), (TextPosition{5, 2}));
}

QTEST_GUILESS_MAIN(TestTextPosition)
#include "tst_textposition.moc"
