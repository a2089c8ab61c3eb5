#include "http/tokenguard.h"

#include <QTest>

using Verdict = TokenGuard::Verdict;

class TestTokenGuard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checksQueryToken_data();
    void checksQueryToken();
    void disabledAdmitsEverything();
};

void TestTokenGuard::checksQueryToken_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<Verdict>("verdict");

    const QString token = QStringLiteral("A1b2-C3d4+E5/f6=");
    QTest::newRow("no query") << token << QByteArray("/hook") << Verdict::Missing;
    QTest::newRow("empty query") << token << QByteArray("/hook?") << Verdict::Missing;
    QTest::newRow("other parameter")
        << token << QByteArray("/hook?token2=A1b2") << Verdict::Missing;
    QTest::newRow("exact, encoded")
        << token << QByteArray("/hook?Token=A1b2-C3d4%2BE5%2Ff6%3D") << Verdict::Admitted;
    QTest::newRow("name in other case")
        << token << QByteArray("/hook?token=A1b2-C3d4%2BE5%2Ff6%3D") << Verdict::Admitted;
    QTest::newRow("among others") << token << QByteArray("/h?a=1&Token=A1b2-C3d4%2bE5%2ff6%3d&b")
                                  << Verdict::Admitted;
    QTest::newRow("wrong") << token << QByteArray("/hook?Token=A1b2-C3d4") << Verdict::Wrong;
    QTest::newRow("longer") << token << QByteArray("/hook?Token=A1b2-C3d4%2BE5%2Ff6%3Dx")
                            << Verdict::Wrong;
    QTest::newRow("empty value") << token << QByteArray("/hook?Token=") << Verdict::Wrong;
    QTest::newRow("no value") << token << QByteArray("/hook?Token") << Verdict::Wrong;
    QTest::newRow("a wrong one, then the right one")
        << token << QByteArray("/hook?Token=x&Token=A1b2-C3d4%2BE5%2Ff6%3D") << Verdict::Admitted;
    QTest::newRow("in the fragment only")
        << token << QByteArray("/hook?x=1#Token=A1b2") << Verdict::Missing;
    QTest::newRow("unicode token")
        << QStringLiteral("žluťoučký") << QByteArray("/?Token=%C5%BElu%C5%A5ou%C4%8Dk%C3%BD")
        << Verdict::Admitted;
}

void TestTokenGuard::checksQueryToken() {
    QFETCH(QString, token);
    QFETCH(QByteArray, target);
    QFETCH(Verdict, verdict);
    const TokenGuard guard(token);
    QVERIFY(guard.isEnabled());
    QCOMPARE(guard.check(target), verdict);
    if (verdict != Verdict::Admitted) {
        const QByteArray reason = TokenGuard::reason(verdict);
        QVERIFY(!reason.isEmpty());
        QVERIFY(!reason.contains(token.right(4).toUtf8()));
    }
}

void TestTokenGuard::disabledAdmitsEverything() {
    const TokenGuard guard{QString()};
    QVERIFY(!guard.isEnabled());
    QCOMPARE(guard.check("/anything"), Verdict::Admitted);
    QCOMPARE(guard.check("/x?Token=y"), Verdict::Admitted);
}

QTEST_APPLESS_MAIN(TestTokenGuard)

#include "tst_tokenguard.moc"
