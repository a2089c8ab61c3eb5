#include "mews/jsonnumber.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <optional>

class TestJsonNumber : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void integers_data();
    void integers();
    void nearestDouble_data();
    void nearestDouble();
    void textOfAValue_data();
    void textOfAValue();
};

void TestJsonNumber::integers_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("integer");
    QTest::addColumn<std::optional<qint64>>("value"); // within 64 bits
    const auto none = std::optional<qint64>();
    const auto is = [](qint64 value) {
        return std::optional<qint64>(value);
    };
    QTest::newRow("0") << QByteArray("0") << true << is(0);
    QTest::newRow("-0") << QByteArray("-0") << true << is(0);
    QTest::newRow("0.000e-5") << QByteArray("0.000e-5") << true << is(0);
    QTest::newRow("zero, exponent beyond any")
        << QByteArray("0e99999999999999999999999") << true << is(0);
    QTest::newRow("1") << QByteArray("1") << true << is(1);
    QTest::newRow("-12") << QByteArray("-12") << true << is(-12);
    QTest::newRow("1.0") << QByteArray("1.0") << true << is(1);
    QTest::newRow("1e2") << QByteArray("1e2") << true << is(100);
    QTest::newRow("1E+2") << QByteArray("1E+2") << true << is(100);
    QTest::newRow("1.5e3") << QByteArray("1.5e3") << true << is(1500);
    QTest::newRow("100e-2") << QByteArray("100e-2") << true << is(1);
    QTest::newRow("0.1e1") << QByteArray("0.1e1") << true << is(1);
    QTest::newRow("20 digits, the last a zero")
        << QByteArray("12345678901234567890e-1") << true << is(1234567890123456789);
    QTest::newRow("1e18 in 22 digits")
        << QByteArray("1000000000000000000000e-3") << true << is(1000000000000000000);
    QTest::newRow("2^53 + 1") << QByteArray("9007199254740993") << true << is(9007199254740993);
    QTest::newRow("2^63 - 1") << QByteArray("9223372036854775807") << true
                              << is(std::numeric_limits<qint64>::max());
    QTest::newRow("-2^63") << QByteArray("-9223372036854775808") << true
                           << is(std::numeric_limits<qint64>::min());
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << true << none;
    QTest::newRow("-2^63 - 1") << QByteArray("-9223372036854775809") << true << none;
    QTest::newRow("1e19") << QByteArray("1e19") << true << none;
    QTest::newRow("beyond 64 bits") << QByteArray("123456789012345678901234567890") << true << none;
    QTest::newRow("1e400") << QByteArray("1e400") << true << none;
    QTest::newRow("-1e400") << QByteArray("-1e400") << true << none;
    QTest::newRow("1.5e400") << QByteArray("1.5e400") << true << none;
    QTest::newRow("exponent beyond any") << QByteArray("1e99999999999999999999999") << true << none;
    QTest::newRow("1.5") << QByteArray("1.5") << false << none;
    QTest::newRow("-0.5") << QByteArray("-0.5") << false << none;
    QTest::newRow("1e-1") << QByteArray("1e-1") << false << none;
    QTest::newRow("1e-400") << QByteArray("1e-400") << false << none;
    QTest::newRow("beyond a double's precision")
        << QByteArray("1.00000000000000000001") << false << none;
    QTest::newRow("negative exponent beyond any")
        << QByteArray("5e-99999999999999999999999") << false << none;
}

void TestJsonNumber::integers() {
    QFETCH(QByteArray, text);
    QFETCH(bool, integer);
    QFETCH(std::optional<qint64>, value);
    const JsonNumber fromBytes(text);
    QCOMPARE(fromBytes.isInteger(), integer);
    QCOMPARE(fromBytes.toInt64(), value);
    const QString utf16 = QString::fromLatin1(text);
    const JsonNumber fromUtf16{QStringView(utf16)};
    QCOMPARE(fromUtf16.isInteger(), integer);
    QCOMPARE(fromUtf16.toInt64(), value);
}

void TestJsonNumber::nearestDouble_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("value");
    const double infinity = std::numeric_limits<double>::infinity();
    QTest::newRow("1.5") << QByteArray("1.5") << 1.5;
    QTest::newRow("-0") << QByteArray("-0") << -0.0;
    QTest::newRow("largest") << QByteArray("1.7976931348623157e308")
                             << std::numeric_limits<double>::max();
    QTest::newRow("smallest") << QByteArray("5e-324") << std::numeric_limits<double>::denorm_min();
    QTest::newRow("1e400") << QByteArray("1e400") << infinity;
    QTest::newRow("-1e400") << QByteArray("-1e400") << -infinity;
    QTest::newRow("1.8e308") << QByteArray("1.8e308") << infinity;
    QTest::newRow("400 digits") << QByteArray("1" + QByteArray(400, '0')) << infinity;
    QTest::newRow("0.000...1e400, in range")
        << QByteArray("0." + QByteArray(399, '0') + "1e400") << 1.0;
    QTest::newRow("1e-400") << QByteArray("1e-400") << 0.0;
    QTest::newRow("-1e-400") << QByteArray("-1e-400") << -0.0;
    QTest::newRow("1000e-326") << QByteArray("1000e-326") << 1e-323;
    QTest::newRow("1e-401 in 402 digits") << QByteArray("0." + QByteArray(400, '0') + "1") << 0.0;
}

void TestJsonNumber::nearestDouble() {
    QFETCH(QByteArray, text);
    QFETCH(double, value);
    const double nearest = JsonNumber::toDouble(text);
    QCOMPARE(nearest, value);
    QCOMPARE(std::signbit(nearest), std::signbit(value));
}

void TestJsonNumber::textOfAValue_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << QJsonValue(qint64(9007199254740993)) << "9007199254740993";
    QTest::newRow("integral double") << QJsonValue(100.0) << "100";
    QTest::newRow("fraction") << QJsonValue(0.1) << "0.1";
    QTest::newRow("large double") << QJsonValue(1.2345678901234568e29) << "1.2345678901234568e+29";
}

void TestJsonNumber::textOfAValue() {
    QFETCH(QJsonValue, value);
    QFETCH(QString, text);
    QCOMPARE(JsonNumber::textOf(value), text);
}

QTEST_GUILESS_MAIN(TestJsonNumber)
#include "tst_jsonnumber.moc"
