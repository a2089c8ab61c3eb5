#include "http/responserules.h"

#include <QTest>

// The response fields a user may configure: the listener's framing fields are refused.
class TestResponseRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void framingFieldsAreTheListeners_data();
    void framingFieldsAreTheListeners();
};

void TestResponseRules::framingFieldsAreTheListeners_data() {
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("owned");
    QTest::newRow("Content-Length") << QByteArray("Content-Length") << true;
    QTest::newRow("lower case") << QByteArray("transfer-encoding") << true;
    QTest::newRow("Connection") << QByteArray("CONNECTION") << true;
    QTest::newRow("Keep-Alive") << QByteArray("Keep-Alive") << true;
    QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
    QTest::newRow("Date (may be set)") << QByteArray("Date") << false;
    QTest::newRow("prefix only") << QByteArray("Content-Length-X") << false;
}

void TestResponseRules::framingFieldsAreTheListeners() {
    QFETCH(QByteArray, name);
    QFETCH(bool, owned);
    QCOMPARE(ResponseRules::isListenerOwned(name), owned);
    const HeaderList headers{{"X-Before", "1"}, {name, "100"}};
    const QString problem = ResponseRules::checkHeaders(headers);
    QCOMPARE(problem.isEmpty(), !owned);
    if (owned)
        QVERIFY2(problem.contains(QString::fromLatin1(name)) && problem.contains(u"itself"),
                 qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestResponseRules)
#include "tst_responserules.moc"
