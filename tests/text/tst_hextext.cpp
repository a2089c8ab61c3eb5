#include "text/hextext.h"

#include <QTest>

class TestHexText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void digitOfEveryByte();
    void fourDigits_data();
    void fourDigits();
};

void TestHexText::digitOfEveryByte() {
    const QByteArray lower("0123456789abcdef");
    const QByteArray upper("0123456789ABCDEF");
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        const int expected = lower.contains(c) ? int(lower.indexOf(c)) : int(upper.indexOf(c));
        QCOMPARE(HexText::digit(c), expected);
    }
}

void TestHexText::fourDigits_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("value");
    QTest::newRow("e acute") << QByteArray("00e9") << 0xe9;
    QTest::newRow("upper") << QByteArray("FFFF") << 0xffff;
    QTest::newRow("mixed case surrogate") << QByteArray("d83D") << 0xd83d;
    QTest::newRow("reads only four") << QByteArray("12345") << 0x1234;
    QTest::newRow("zero") << QByteArray("0000\"") << 0;
    QTest::newRow("three digits") << QByteArray("abc") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("not a digit first") << QByteArray("g123") << -1;
    QTest::newRow("not a digit last") << QByteArray("123z") << -1;
    QTest::newRow("sign") << QByteArray("-123") << -1;
    QTest::newRow("space") << QByteArray("12 4") << -1;
    QTest::newRow("high byte") << QByteArray("12\xc3\xa9") << -1;
}

void TestHexText::fourDigits() {
    QFETCH(QByteArray, text);
    QFETCH(int, value);
    QCOMPARE(HexText::fourDigits(text), value);
}

QTEST_APPLESS_MAIN(TestHexText)
#include "tst_hextext.moc"
