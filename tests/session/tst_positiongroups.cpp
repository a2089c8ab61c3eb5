#include "session/positiongroups.h"

#include <QTest>

class TestPositionGroups : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void positionsStaySorted_data();
    void positionsStaySorted();
    void keysInFirstSeenOrder();
    void removeKeepsTheKey();
    void names();
    void addAllAndRemoveAll();
};

void TestPositionGroups::positionsStaySorted_data() {
    QTest::addColumn<QList<quint32>>("added");
    QTest::addColumn<QList<quint32>>("expected");
    QTest::newRow("in order") << QList<quint32>{1, 4, 9} << QList<quint32>{1, 4, 9};
    QTest::newRow("one out of order") << QList<quint32>{1, 9, 4} << QList<quint32>{1, 4, 9};
    QTest::newRow("reversed") << QList<quint32>{9, 4, 1, 0} << QList<quint32>{0, 1, 4, 9};
    QTest::newRow("repeated position") << QList<quint32>{2, 7, 2, 7} << QList<quint32>{2, 7};
}

void TestPositionGroups::positionsStaySorted() {
    QFETCH(QList<quint32>, added);
    QFETCH(QList<quint32>, expected);
    PositionGroups groups;
    for (quint32 position : added)
        groups.add(5, position);
    QCOMPARE(groups.positions(5), expected);
    QVERIFY(groups.positions(6).isEmpty());
    QCOMPARE(groups.keys(), QList<quint32>{5});
    QVERIFY(groups.approximateBytes() >= qsizetype(expected.size() * sizeof(quint32)));
}

void TestPositionGroups::keysInFirstSeenOrder() {
    PositionGroups groups;
    groups.add(30, 0);
    groups.add(10, 1);
    groups.add(30, 2);
    groups.add(20, 3);
    QCOMPARE(groups.keys(), (QList<quint32>{30, 10, 20}));
    QCOMPARE(groups.positions(30), (QList<quint32>{0, 2}));
    QCOMPARE(groups.positions(10), QList<quint32>{1});
}

void TestPositionGroups::removeKeepsTheKey() {
    // A capture analysed again leaves its old group; the key stays in the filter list.
    PositionGroups groups;
    groups.add(7, 0);
    groups.add(7, 1);
    groups.add(8, 2);
    groups.removeAll(7, {0});
    groups.removeAll(7, {99}); // not there: no change
    groups.removeAll(3, {1});  // unknown key: no change
    QCOMPARE(groups.positions(7), QList<quint32>{1});
    groups.removeAll(7, {1});
    QVERIFY(groups.positions(7).isEmpty());
    QCOMPARE(groups.keys(), (QList<quint32>{7, 8}));
    groups.add(7, 4); // known again: not listed twice
    QCOMPARE(groups.keys(), (QList<quint32>{7, 8}));
    QCOMPARE(groups.positions(7), QList<quint32>{4});
    groups.add(7, 6);
    groups.add(7, 5);
    groups.removeAll(7, {5}); // from the middle, found by search
    QCOMPARE(groups.positions(7), (QList<quint32>{4, 6}));
}

void TestPositionGroups::names() {
    PositionGroups groups;
    groups.add(7, 0);
    QCOMPARE(groups.name(7), 0U);
    groups.setName(7, 42);
    groups.setName(7, 43); // the latest name wins
    QCOMPARE(groups.name(7), 43U);
    QCOMPARE(groups.name(8), 0U);
}

void TestPositionGroups::addAllAndRemoveAll() {
    PositionGroups groups;
    groups.add(7, 3);
    groups.addAll(9, {1, 4}); // a new key is listed, after the ones seen before
    groups.addAll(7, {0, 3, 8});
    groups.addAll(5, {}); // nothing added: not listed
    QCOMPARE(groups.keys(), (QList<quint32>{7, 9}));
    QCOMPARE(groups.positions(7), (QList<quint32>{0, 3, 8}));
    QCOMPARE(groups.positions(9), (QList<quint32>{1, 4}));
    groups.removeAll(7, {0, 5, 8});
    groups.removeAll(6, {1}); // unknown key: no change
    QCOMPARE(groups.positions(7), QList<quint32>{3});
    QCOMPARE(groups.positions(9), (QList<quint32>{1, 4}));
}

QTEST_GUILESS_MAIN(TestPositionGroups)
#include "tst_positiongroups.moc"
