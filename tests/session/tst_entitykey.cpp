#include "session/entitykey.h"

#include <QTest>

class TestEntityKey : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void guidsComeBackAsSent_data();
    void guidsComeBackAsSent();
    void othersAreNotPacked_data();
    void othersAreNotPacked();
    void stringsReplaceWhatWasThere();
    void sameNeedsTheSameWriting();
};

void TestEntityKey::guidsComeBackAsSent_data() {
    QTest::addColumn<QByteArray>("guid");
    QTest::addColumn<bool>("upper");
    QTest::newRow("lower") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68") << false;
    QTest::newRow("upper") << QByteArray("8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68") << true;
    QTest::newRow("digits only") << QByteArray("12345678-1234-1234-1234-123456789012") << false;
}

void TestEntityKey::guidsComeBackAsSent() {
    QFETCH(QByteArray, guid);
    QFETCH(bool, upper);
    EventIndexRow row;
    QVERIFY(EntityKey::packGuid(guid, row));
    QCOMPARE(row.entityIsGuid, 1u);
    QCOMPARE(row.entityUpperCase != 0, upper);
    QCOMPARE(EntityKey::guidText(row), QString::fromLatin1(guid));
}

void TestEntityKey::othersAreNotPacked_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("mixed case") << QByteArray("8d4e2a17-6C3B-4f90-b5e1-7a2c9d0f3e68");
    QTest::newRow("not hex") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e6z");
    QTest::newRow("braces") << QByteArray("{8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e6}");
    QTest::newRow("no dashes") << QByteArray("8d4e2a176c3b4f90b5e17a2c9d0f3e68");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other id") << QByteArray("reservation-42");
}

void TestEntityKey::othersAreNotPacked() {
    QFETCH(QByteArray, text);
    EventIndexRow row;
    EntityKey::setString(row, 7);
    const EventIndexRow before = row;
    QVERIFY(!EntityKey::packGuid(text, row));
    QVERIFY(EntityKey::same(row, before)); // a failed pack leaves the row as it was
    QCOMPARE(EntityKey::string(row), 7u);
}

void TestEntityKey::stringsReplaceWhatWasThere() {
    // A row that held a GUID and is given a string index holds only the index.
    EventIndexRow guid;
    QVERIFY(EntityKey::packGuid("8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68", guid));
    EntityKey::setString(guid, 0x01020304);
    EventIndexRow fresh;
    EntityKey::setString(fresh, 0x01020304);
    QCOMPARE(guid.entityIsGuid, 0u);
    QCOMPARE(EntityKey::string(guid), 0x01020304u);
    QVERIFY(EntityKey::same(guid, fresh));
}

void TestEntityKey::sameNeedsTheSameWriting() {
    EventIndexRow lower;
    EventIndexRow upper;
    EventIndexRow other;
    QVERIFY(EntityKey::packGuid("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68", lower));
    QVERIFY(EntityKey::packGuid("8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68", upper));
    QVERIFY(EntityKey::packGuid("e1b7c3d5-2a4f-4e86-9c0b-5d7f1a3e9b24", other));
    EventIndexRow again;
    QVERIFY(EntityKey::packGuid("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68", again));
    QVERIFY(EntityKey::same(lower, again));
    QVERIFY(!EntityKey::same(lower, upper)); // shown as sent, so kept apart
    QVERIFY(!EntityKey::same(lower, other));
    // A string index whose bytes equal the start of a GUID's is still another entity.
    EventIndexRow string;
    EntityKey::setString(string, EntityKey::string(lower));
    QVERIFY(!EntityKey::same(lower, string));
}

QTEST_GUILESS_MAIN(TestEntityKey)
#include "tst_entitykey.moc"
