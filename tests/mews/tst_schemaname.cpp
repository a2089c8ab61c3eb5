#include "mews/schemaname.h"

#include <QHash>
#include <QTest>

class TestSchemaName : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void equality_data();
    void equality();
    void borrowedKeysFindOwnedOnes();
    void spreadsOverBuckets();
};

void TestSchemaName::equality_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << u"Reservation"_qs << u"Reservation"_qs << true;
    QTest::newRow("case differs") << u"Reservation"_qs << u"reservation"_qs << false;
    QTest::newRow("prefix") << u"Reservation"_qs << u"Reservations"_qs << false;
    QTest::newRow("last character") << u"ServiceOrderAdded"_qs << u"ServiceOrderAdder"_qs << false;
    QTest::newRow("both empty") << QString() << u""_qs << true;
    QTest::newRow("non-Latin") << u"Zákazník"_qs << u"Zákazník"_qs << true;
    QTest::newRow("accent differs") << u"Zákazník"_qs << u"Zakaznik"_qs << false;
}

void TestSchemaName::equality() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    QCOMPARE(SchemaName(a) == SchemaName(b), equal);
    QCOMPARE(SchemaName::borrowed(a) == SchemaName(b), equal);
    if (equal)
        QCOMPARE(qHash(SchemaName(a), 7), qHash(SchemaName::borrowed(b), 7));
    QCOMPARE(SchemaName(a).toString(), a);
}

void TestSchemaName::borrowedKeysFindOwnedOnes() {
    QHash<SchemaName, int> table;
    const QStringList names = {u"Reservation"_qs, u"Resource"_qs, u"ResourceBlock"_qs,
                               u"Message"_qs, u"ServiceOrderUpdated"_qs};
    for (qsizetype i = 0; i < names.size(); ++i)
        table.insert(names.at(i), int(i));
    const QString text = u"{\"Discriminator\":\"ResourceBlock\"}"_qs;
    // A view into the middle of a longer text, as the checker looks names up.
    const QStringView inside = QStringView(text).mid(18, 13);
    QCOMPARE(inside, u"ResourceBlock");
    QCOMPARE(table.value(SchemaName::borrowed(inside), -1), 2);
    QCOMPARE(table.value(SchemaName::borrowed(QStringView(text).mid(18, 8)), -1), 1);
    QCOMPARE(table.value(SchemaName::borrowed(u"Customer"), -1), -1);
}

void TestSchemaName::spreadsOverBuckets() {
    // The names of one schema must not collide into a few hash values.
    QSet<size_t> hashes;
    for (int i = 0; i < 1000; ++i)
        hashes.insert(qHash(SchemaName(u"Field"_qs + QString::number(i)), 0));
    QCOMPARE(hashes.size(), 1000);
}

QTEST_APPLESS_MAIN(TestSchemaName)
#include "tst_schemaname.moc"
