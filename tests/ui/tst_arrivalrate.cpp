#include "live/arrivalrate.h"

#include <QTest>

class TestArrivalRate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void steadyTrafficConverges_data();
    void steadyTrafficConverges();
    void fallsToZeroWhenTrafficStops();
    void startsAtZero();
};

void TestArrivalRate::steadyTrafficConverges_data() {
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<int>("everyMs");
    QTest::newRow("5,000/s in 10 ms batches") << 5000 << 10;
    QTest::newRow("1/s") << 1 << 1000;
    QTest::newRow("40/s every 25 ms") << 40 << 25;
    QTest::newRow("300/s in 100 ms batches") << 300 << 100;
}

void TestArrivalRate::steadyTrafficConverges() {
    QFETCH(int, perSecond);
    QFETCH(int, everyMs);
    ArrivalRate rate;
    const qint64 batch = qint64(perSecond) * everyMs / 1000;
    for (qint64 t = 0; t <= 20000; t += everyMs)
        rate.add(batch, t);
    const double measured = rate.perSecond(20000);
    QVERIFY2(qAbs(measured - perSecond) <= perSecond * 0.1 + 0.5,
             qPrintable(QString::number(measured)));
}

void TestArrivalRate::fallsToZeroWhenTrafficStops() {
    ArrivalRate rate;
    for (qint64 t = 0; t <= 10000; t += 10)
        rate.add(50, t);
    QVERIFY(rate.perSecond(10000) > 4000);
    const double soon = rate.perSecond(11000);
    QVERIFY(soon < 4000);
    QVERIFY(soon > 0);
    QCOMPARE(rate.perSecond(60000), 0.0);
    QCOMPARE(rate.perSecond(3600000), 0.0); // an idle hour costs one step
}

void TestArrivalRate::startsAtZero() {
    ArrivalRate rate;
    QCOMPARE(rate.perSecond(123), 0.0);
    rate.add(10, 200);
    rate.reset();
    QCOMPARE(rate.perSecond(5000), 0.0);
}

QTEST_APPLESS_MAIN(TestArrivalRate)
#include "tst_arrivalrate.moc"
