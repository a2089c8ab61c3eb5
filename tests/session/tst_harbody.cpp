#include "session/harbody.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestHarBody : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void read_data();
    void read();
    void form();
};

void TestHarBody::read_data() {
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("warning");
    const auto with = [](const char *text, const char *key = nullptr, const char *encoding = "") {
        QJsonObject object{{u"text"_s, QString::fromUtf8(text)}};
        if (key)
            object.insert(QLatin1String(key), QLatin1String(encoding));
        return object;
    };
    QTest::newRow("text") << with("{\"a\":1}") << QByteArray("{\"a\":1}") << QString();
    QTest::newRow("no text") << QJsonObject{{u"size"_s, 0}} << QByteArray() << QString();
    QTest::newRow("base64, wrapped") << with("AAEC\r\n/w==", "encoding", "base64")
                                     << QByteArray("\x00\x01\x02\xff", 4) << QString();
    QTest::newRow("Chrome's _encoding")
        << with("eyJhIjoxfQ==", "_encoding", "Base64") << QByteArray("{\"a\":1}") << QString();
    QTest::newRow("not base64")
        << with("not base64!", "encoding", "base64") << QByteArray()
        << u"entry 3: the request body is not valid base64; it was left empty"_s;
    QTest::newRow("an encoding HAR does not define")
        << with("plain", "encoding", "quoted-printable") << QByteArray("plain")
        << u"entry 3: the request body's encoding \"quoted-printable\" is not one HAR defines "
           "(only base64); its text was kept as it is, as UTF-8, not decoded"_s;
}

// Base64 only where it says so, strictly; anything it cannot honour is named, once.
void TestHarBody::read() {
    QFETCH(QJsonObject, object);
    QFETCH(QByteArray, body);
    QFETCH(QString, warning);
    QStringList warnings;
    QCOMPARE(HarBody::read(object, u"entry 3: "_s, "request"_L1, &warnings), body);
    QCOMPARE(warnings, warning.isEmpty() ? QStringList() : QStringList{warning});
}

void TestHarBody::form() {
    const QJsonArray params{QJsonObject{{u"name"_s, u"a b"_s}, {u"value"_s, u"1&2"_s}},
                            QJsonObject{{u"name"_s, u"c"_s}, {u"value"_s, u"é"_s}}};
    QCOMPARE(HarBody::form(params), QByteArray("a%20b=1%262&c=%C3%A9"));
    QCOMPARE(HarBody::form({}), QByteArray());
}

QTEST_GUILESS_MAIN(TestHarBody)
#include "tst_harbody.moc"
