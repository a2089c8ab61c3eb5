#include "text/countedtext.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCountedText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }
    void plain_data();
    void plain();
    void localizedUsesTheDefaultLocale();
    void shownOfTotal_data();
    void shownOfTotal();
};

void TestCountedText::plain_data() {
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << qint64(0) << u"0 captures"_s;
    QTest::newRow("one") << qint64(1) << u"1 capture"_s;
    QTest::newRow("two") << qint64(2) << u"2 captures"_s;
    QTest::newRow("eleven") << qint64(11) << u"11 captures"_s;
    QTest::newRow("a million, no separators") << qint64(1000000) << u"1000000 captures"_s;
    QTest::newRow("minus one") << qint64(-1) << u"-1 captures"_s;
}

void TestCountedText::plain() {
    QFETCH(qint64, count);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QTEST(CountedText::plain(count, "capture"_L1, "captures"_L1), "text");
}

void TestCountedText::localizedUsesTheDefaultLocale() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(CountedText::localized(1, "request"_L1, "requests"_L1), u"1 request"_s);
    QCOMPARE(CountedText::localized(12345, "request"_L1, "requests"_L1), u"12,345 requests"_s);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(CountedText::localized(12345, "request"_L1, "requests"_L1), u"12.345 requests"_s);
}

void TestCountedText::shownOfTotal_data() {
    QTest::addColumn<qint64>("shown");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << qint64(0) << qint64(0) << u"0 captures"_s;
    QTest::newRow("the only one") << qint64(1) << qint64(1) << u"1 capture"_s;
    QTest::newRow("all") << qint64(53) << qint64(53) << u"53 captures"_s;
    QTest::newRow("one of many") << qint64(1) << qint64(53) << u"1 of 53 captures"_s;
    QTest::newRow("none of one") << qint64(0) << qint64(1) << u"0 of 1 capture"_s;
    QTest::newRow("grouped") << qint64(1234) << qint64(1000000) << u"1,234 of 1,000,000 captures"_s;
}

void TestCountedText::shownOfTotal() {
    QFETCH(qint64, shown);
    QFETCH(qint64, total);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QTEST(CountedText::shownOfTotal(shown, total, "capture"_L1, "captures"_L1), "text");
}

QTEST_APPLESS_MAIN(TestCountedText)
#include "tst_countedtext.moc"
