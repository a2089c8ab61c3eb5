#include "text/utctext.h"

#include <QRandomGenerator>
#include <QTest>

class TestUtcText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownTimes_data();
    void knownTimes();
    void sameAsQDateTime_data();
    void sameAsQDateTime();
};

void TestUtcText::knownTimes_data() {
    QTest::addColumn<qint64>("utcMs");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("last ms before the epoch")
        << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999Z");
    QTest::newRow("leap day 2000")
        << qint64(951782400123) << QStringLiteral("2000-02-29T00:00:00.123Z");
    QTest::newRow("a capture") << qint64(1796304600042)
                               << QStringLiteral("2026-12-03T13:30:00.042Z");
    QTest::newRow("year 1") << qint64(-62135596800000)
                            << QStringLiteral("0001-01-01T00:00:00.000Z");
    QTest::newRow("end of 9999") << qint64(253402300799999)
                                 << QStringLiteral("9999-12-31T23:59:59.999Z");
}

void TestUtcText::knownTimes() {
    QFETCH(qint64, utcMs);
    QFETCH(QString, text);
    QCOMPARE(UtcText::iso(utcMs), text);
}

void TestUtcText::sameAsQDateTime_data() {
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::newRow("0000-9999") << qint64(-62167219200000) << qint64(253402300799999);
    QTest::newRow("1900-2200") << qint64(-2208988800000) << qint64(7258118400000);
    QTest::newRow("beyond 9999 (QDateTime writes it)")
        << qint64(253402300800000) << qint64(253402300800000 * 4);
    QTest::newRow("before year 0 (QDateTime writes it)")
        << qint64(-62167219200000 * 3) << qint64(-62167219200001);
}

void TestUtcText::sameAsQDateTime() {
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QRandomGenerator random(20261203);
    for (int i = 0; i < 20000; ++i) {
        const qint64 utcMs = from + qint64(random.bounded(double(to - from)));
        const QString expected =
            QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
        if (UtcText::iso(utcMs) != expected)
            QFAIL(qPrintable(
                QStringLiteral("%1: %2, not %3").arg(utcMs).arg(UtcText::iso(utcMs), expected)));
    }
}

QTEST_GUILESS_MAIN(TestUtcText)
#include "tst_utctext.moc"
