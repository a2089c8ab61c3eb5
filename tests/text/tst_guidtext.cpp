#include "text/guidtext.h"

#include <QTest>
#include <QUuid>

class TestGuidText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unpacksAsQUuidDoes_data();
    void unpacksAsQUuidDoes();
    void rejects_data();
    void rejects();
};

void TestGuidText::unpacksAsQUuidDoes_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("letterCase");
    QTest::newRow("lower") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b25178")
                           << int(GuidText::Lower);
    QTest::newRow("upper") << QByteArray("851DF8C8-90F2-4C4A-8E01-A4FC46B25178")
                           << int(GuidText::Upper);
    QTest::newRow("mixed") << QByteArray("851df8c8-90F2-4c4a-8e01-a4fc46b25178")
                           << int(GuidText::Mixed);
    QTest::newRow("digits only") << QByteArray("12345678-1234-1234-1234-123456789012")
                                 << int(GuidText::NoLetters);
    QTest::newRow("nil") << QByteArray("00000000-0000-0000-0000-000000000000")
                         << int(GuidText::NoLetters);
    QTest::newRow("all f") << QByteArray("ffffffff-ffff-ffff-ffff-ffffffffffff")
                           << int(GuidText::Lower);
}

void TestGuidText::unpacksAsQUuidDoes() {
    QFETCH(QByteArray, text);
    QFETCH(int, letterCase);
    unsigned char bytes[16] = {};
    GuidText::Case found = GuidText::Mixed;
    QVERIFY(GuidText::unpack(text, bytes, &found));
    QCOMPARE(int(found), letterCase);
    const QUuid expected = QUuid::fromString(QLatin1String(text));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(bytes), 16), expected.toRfc4122());
}

void TestGuidText::rejects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("braces") << QByteArray("{851df8c8-90f2-4c4a-8e01-a4fc46b25178}");
    QTest::newRow("one short") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b2517");
    QTest::newRow("no dashes") << QByteArray("851df8c890f24c4a8e01a4fc46b25178abcd");
    QTest::newRow("dash moved") << QByteArray("851df8c-890f2-4c4a-8e01-a4fc46b25178");
    QTest::newRow("g") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b2517g");
    QTest::newRow("space") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b2517 ");
    QTest::newRow("NUL") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b2517\0", 36);
    QTest::newRow("high byte") << QByteArray("851df8c8-90f2-4c4a-8e01-a4fc46b2517\xc3");
}

void TestGuidText::rejects() {
    QFETCH(QByteArray, text);
    unsigned char bytes[16] = {};
    GuidText::Case found = GuidText::NoLetters;
    QVERIFY(!GuidText::unpack(text, bytes, &found));
}

QTEST_APPLESS_MAIN(TestGuidText)
#include "tst_guidtext.moc"
