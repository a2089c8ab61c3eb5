#include "../session/sessiontestdata.h"
#include "headlessrunner.h"

#include <QTest>

// HeadlessRunner::textLine(): one line per capture, showing the request as it was sent.
class TestHeadlessRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textLineShowsTheTargetAsSent_data();
    void textLineShowsTheTargetAsSent();
};

void TestHeadlessRunner::textLineShowsTheTargetAsSent_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArray("/hook") << QStringLiteral(" POST /hook -> 200 2 bytes ");
    // Percent-encoded bytes read like QString::arg() markers.
    QTest::newRow("%1 and %2") << QByteArray("/w%1b%5b31m?x=%2F")
                               << QStringLiteral(" POST /w%1b%5b31m?x=%2F -> 200 2 bytes ");
    QTest::newRow("%7 at the end")
        << QByteArray("/a%7") << QStringLiteral(" POST /a%7 -> 200 2 bytes ");
    QTest::newRow("masked token after %1")
        << QByteArray("/%1?Token=abcdefghij")
        << QStringLiteral(" POST /%1?Token=\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022ghij"
                          " -> 200 2 bytes ");
}

void TestHeadlessRunner::textLineShowsTheTargetAsSent() {
    QFETCH(QByteArray, target);
    QFETCH(QString, shown);
    Capture capture = SessionTestData::webhook("{}", 1, target);
    capture.id = 7;
    const QString line = HeadlessRunner::textLine(SessionTestData::analyse(capture), false);
    QVERIFY2(line.startsWith(u"#7 ") && line.contains(shown), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestHeadlessRunner)
#include "tst_headlessrunner.moc"
