#include "session/tagindex.h"

#include <QTest>

class TestTagIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tagsByName();
    void bits_data();
    void bits();
    void positionsSortedAndOnce();
    void removeEverywhere();
    void addAll();
};

void TestTagIndex::tagsByName() {
    TagIndex tags;
    QCOMPARE(tags.find(11), -1);
    const int first = tags.tagFor(11);
    const int second = tags.tagFor(22);
    QCOMPARE(tags.tagFor(11), first); // known: the same tag, none made
    QCOMPARE(tags.size(), 2);
    QVERIFY(first != second);
    QCOMPARE(tags.find(22), second);
    QCOMPARE(tags.name(second), 22U);
    QVERIFY(tags.positions(first).isEmpty());
}

void TestTagIndex::bits_data() {
    QTest::addColumn<int>("tag");
    QTest::addColumn<quint64>("bit");
    QTest::newRow("first") << 0 << quint64(1);
    QTest::newRow("62 owns its bit") << 62 << (quint64(1) << 62);
    QTest::newRow("63 shares the last") << 63 << (quint64(1) << 63);
    QTest::newRow("200 shares the last") << 200 << (quint64(1) << 63);
}

void TestTagIndex::bits() {
    QFETCH(int, tag);
    QFETCH(quint64, bit);
    QCOMPARE(TagIndex::bit(tag), bit);
}

void TestTagIndex::positionsSortedAndOnce() {
    TagIndex tags;
    const int tag = tags.tagFor(5);
    QCOMPARE(tags.add(tag, 8), TagIndex::bit(tag));
    tags.add(tag, 3);
    tags.add(tag, 8);
    tags.add(tag, 12);
    tags.add(tag, 5);
    QCOMPARE(tags.positions(tag), (QList<quint32>{3, 5, 8, 12}));
    QVERIFY(tags.contains(tag, 5));
    QVERIFY(!tags.contains(tag, 6));
    QVERIFY(tags.approximateBytes() >= qsizetype(4 * sizeof(quint32)));
}

void TestTagIndex::removeEverywhere() {
    TagIndex tags;
    const int a = tags.tagFor(1);
    const int b = tags.tagFor(2);
    for (quint32 position : {0U, 1U, 2U})
        tags.add(a, position);
    tags.add(b, 1);
    tags.add(b, 4);
    tags.removeEverywhere({1});
    QCOMPARE(tags.positions(a), (QList<quint32>{0, 2}));
    QCOMPARE(tags.positions(b), QList<quint32>{4});
    tags.removeEverywhere({9}); // nowhere: no change
    QCOMPARE(tags.positions(a), (QList<quint32>{0, 2}));
    QCOMPARE(tags.size(), 2); // tags stay, as the filter lists do
}

void TestTagIndex::addAll() {
    TagIndex tags;
    const int a = tags.tagFor(1);
    const int far = 70; // shares bit 63
    tags.add(a, 2);
    tags.add(a, 9);
    QCOMPARE(tags.addAll(a, {1, 2, 5, 12}), TagIndex::bit(a));
    QCOMPARE(tags.positions(a), (QList<quint32>{1, 2, 5, 9, 12}));
    for (int i = tags.size(); i <= far; ++i)
        tags.tagFor(quint32(100 + i));
    QCOMPARE(tags.addAll(far, {3, 4}), quint64(1) << 63);
    QCOMPARE(tags.positions(far), (QList<quint32>{3, 4}));
    tags.removeEverywhere({2, 4, 12});
    QCOMPARE(tags.positions(a), (QList<quint32>{1, 5, 9}));
    QCOMPARE(tags.positions(far), QList<quint32>{3});
}

QTEST_GUILESS_MAIN(TestTagIndex)
#include "tst_tagindex.moc"
