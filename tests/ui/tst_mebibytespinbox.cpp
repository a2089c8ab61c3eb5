#include "dialogs/mebibytespinbox.h"
#include "http/listenerconfig.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestMebibyteSpinBox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void showsNoTrailingZeros_data() {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("default limit") << qint64(32) * 1024 * 1024 << u"32 MiB"_s;
        QTest::newRow("half") << qint64(512) * 1024 << u"0.5 MiB"_s;
        QTest::newRow("quarter steps") << qint64(1280) * 1024 << u"1.25 MiB"_s;
        QTest::newRow("one KiB") << qint64(1024) << u"0.001 MiB"_s;
        QTest::newRow("largest") << qint64(900) * 1024 * 1024 << u"900 MiB"_s;
        QTest::newRow("ten") << qint64(10) * 1024 * 1024 << u"10 MiB"_s; // its zero stays
    }
    void showsNoTrailingZeros() {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        MebibyteSpinBox box;
        box.setLocale(QLocale::c());
        box.setBytes(bytes);
        QCOMPARE(box.text(), text);
    }

    void typedValuesBecomeBytes() {
        MebibyteSpinBox box;
        box.setLocale(QLocale::c());
        box.setBytes(qint64(32) * 1024 * 1024);
        box.selectAll();
        QTest::keyClicks(&box, u"0.25"_s);
        box.interpretText();
        QCOMPARE(box.bytes(), qint64(256) * 1024);
        QCOMPARE(box.text(), u"0.25 MiB"_s);
        box.stepUp(); // a whole MiB at a time
        QCOMPARE(box.text(), u"1.25 MiB"_s);
    }

    // No more than a session file can keep of one body (ListenerConfig::MaxBodyLimit).
    void neverMoreThanASessionKeeps() {
        MebibyteSpinBox box;
        box.setBytes(qint64(4096) * 1024 * 1024);
        QCOMPARE(box.bytes(), ListenerConfig::MaxBodyLimit);
    }

    void neverZeroBytes() {
        MebibyteSpinBox box;
        box.setBytes(0); // clamped to the minimum, 1 KiB
        QVERIFY(box.bytes() >= 1);
        QCOMPARE(box.value(), box.minimum());
    }
};

QTEST_MAIN(TestMebibyteSpinBox)
#include "tst_mebibytespinbox.moc"
