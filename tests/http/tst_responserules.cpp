#include "http/responserules.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The response fields a user may configure: the listener's framing fields are refused.
class TestResponseRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void framingFieldsAreTheListeners_data();
    void framingFieldsAreTheListeners();
    void headerSyntaxIsChecked_data();
    void headerSyntaxIsChecked();
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

void TestResponseRules::headerSyntaxIsChecked_data() {
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("problem"); // a word of the expected message; empty when valid
    QTest::newRow("valid") << QByteArray("X-Mews") << QByteArray("a\tb ~") << QString();
    QTest::newRow("space in name") << QByteArray("X Mews") << QByteArray("1") << u"name"_s;
    QTest::newRow("colon in name") << QByteArray("X:") << QByteArray("1") << u"name"_s;
    QTest::newRow("empty name") << QByteArray() << QByteArray("1") << u"name"_s;
    QTest::newRow("CR LF in value")
        << QByteArray("X-A") << QByteArray("1\r\nB: 2") << u"control character"_s;
    QTest::newRow("NUL in value") << QByteArray("X-A") << QByteArray("1\0", 2)
                                  << u"control character"_s;
    QTest::newRow("DEL in value") << QByteArray("X-A") << QByteArray("\x7f")
                                  << u"control character"_s;
}

void TestResponseRules::headerSyntaxIsChecked() {
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QString, problem);
    const QString found =
        ResponseRules::checkHeaders({{"Content-Type", "text/plain"}, {name, value}});
    if (problem.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found));
    else
        QVERIFY2(found.contains(problem), qPrintable(found));
}

QTEST_GUILESS_MAIN(TestResponseRules)
#include "tst_responserules.moc"
