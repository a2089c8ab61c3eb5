#include "mews/deliveryoutcome.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Kind = DeliveryOutcome::Kind;

class TestDeliveryOutcome : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void followsMewsDeliveryRules_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("waitedMs");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("200") << 200 << qint64(3) << Kind::Delivered << u"Delivered"_s;
        QTest::newRow("202") << 202 << qint64(3) << Kind::Delivered << u"any 2xx"_s;
        QTest::newRow("204 at 5 s") << 204 << qint64(5000) << Kind::Delivered << u"within 5 s"_s;
        QTest::newRow("200 too late")
            << 200 << qint64(5001) << Kind::Retried << u"after 5,001 ms"_s;
        QTest::newRow("200 much too late")
            << 200 << qint64(6400) << Kind::Retried
            << u"An answer after 6,400 ms is too late: Mews waits 5 s"_s;
        QTest::newRow("unknown wait") << 200 << qint64(-1) << Kind::Delivered << u"Delivered"_s;
        QTest::newRow("307") << 307 << qint64(3) << Kind::Redirected << u"follows 307"_s;
        QTest::newRow("308") << 308 << qint64(3) << Kind::Redirected << u"Location"_s;
        QTest::newRow("301") << 301 << qint64(3) << Kind::Undocumented << u"301 is not"_s;
        QTest::newRow("401") << 401 << qint64(3) << Kind::Retried << u"failed delivery (401)"_s;
        QTest::newRow("500") << 500 << qint64(3) << Kind::Retried << u"again after a few"_s;
        QTest::newRow("503 late") << 503 << qint64(9000) << Kind::Retried << u"after 9,000 ms"_s;
        QTest::newRow("no answer") << 0 << qint64(-1) << Kind::Retried << u"No answer"_s;
    }
    void followsMewsDeliveryRules() {
        QFETCH(int, status);
        QFETCH(qint64, waitedMs);
        QFETCH(Kind, kind);
        QFETCH(QString, says);
        const DeliveryOutcome outcome = DeliveryOutcome::of(status, waitedMs);
        QCOMPARE(outcome.kind, kind);
        QVERIFY2(outcome.text.contains(says), qPrintable(outcome.text));
        QVERIFY(outcome.text.endsWith(u'.'));
    }
};

QTEST_GUILESS_MAIN(TestDeliveryOutcome)
#include "tst_deliveryoutcome.moc"
