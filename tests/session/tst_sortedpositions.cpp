#include "session/sortedpositions.h"

#include <QRandomGenerator>
#include <QTest>

#include <set>

namespace {

QList<quint32> listOf(const std::set<quint32> &set) {
    return QList<quint32>(set.cbegin(), set.cend());
}

/// A sorted, duplicate-free list of about count positions below limit.
std::set<quint32> randomSet(QRandomGenerator &random, int count, quint32 limit) {
    std::set<quint32> set;
    for (int i = 0; i < count; ++i)
        set.insert(random.bounded(limit));
    return set;
}

} // namespace

class TestSortedPositions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void removeAll_data();
    void removeAll();
    void insertAll_data();
    void insertAll();
    void againstASet_data();
    void againstASet();
};

void TestSortedPositions::removeAll_data() {
    QTest::addColumn<QList<quint32>>("positions");
    QTest::addColumn<QList<quint32>>("removed");
    QTest::addColumn<QList<quint32>>("expected");
    const QList<quint32> some{2, 4, 6, 8, 10};
    QTest::newRow("nothing to remove") << some << QList<quint32>{} << some;
    QTest::newRow("from nothing") << QList<quint32>{} << QList<quint32>{1} << QList<quint32>{};
    QTest::newRow("all before") << some << QList<quint32>{0, 1} << some;
    QTest::newRow("all after") << some << QList<quint32>{11, 20} << some;
    QTest::newRow("the first") << some << QList<quint32>{2} << QList<quint32>{4, 6, 8, 10};
    QTest::newRow("the last") << some << QList<quint32>{10} << QList<quint32>{2, 4, 6, 8};
    QTest::newRow("some, some absent")
        << some << QList<quint32>{3, 4, 5, 8, 11} << QList<quint32>{2, 6, 10};
    QTest::newRow("every one") << some << some << QList<quint32>{};
    QTest::newRow("a run") << QList<quint32>{1, 2, 3, 4, 5, 6} << QList<quint32>{2, 3, 4}
                           << QList<quint32>{1, 5, 6};
}

void TestSortedPositions::removeAll() {
    QFETCH(QList<quint32>, positions);
    QFETCH(QList<quint32>, removed);
    QFETCH(QList<quint32>, expected);
    SortedPositions::removeAll(positions, removed);
    QCOMPARE(positions, expected);
}

void TestSortedPositions::insertAll_data() {
    QTest::addColumn<QList<quint32>>("positions");
    QTest::addColumn<QList<quint32>>("added");
    QTest::addColumn<QList<quint32>>("expected");
    const QList<quint32> some{2, 4, 6, 8, 10};
    QTest::newRow("nothing to add") << some << QList<quint32>{} << some;
    QTest::newRow("into nothing") << QList<quint32>{} << QList<quint32>{1, 3}
                                  << QList<quint32>{1, 3};
    QTest::newRow("all after: appended")
        << some << QList<quint32>{11, 12} << QList<quint32>{2, 4, 6, 8, 10, 11, 12};
    QTest::newRow("all before") << some << QList<quint32>{0, 1}
                                << QList<quint32>{0, 1, 2, 4, 6, 8, 10};
    QTest::newRow("interleaved") << some << QList<quint32>{1, 5, 9, 11}
                                 << QList<quint32>{1, 2, 4, 5, 6, 8, 9, 10, 11};
    QTest::newRow("some already there: once")
        << some << QList<quint32>{4, 5, 10} << QList<quint32>{2, 4, 5, 6, 8, 10};
    QTest::newRow("every one already there") << some << some << some;
}

void TestSortedPositions::insertAll() {
    QFETCH(QList<quint32>, positions);
    QFETCH(QList<quint32>, added);
    QFETCH(QList<quint32>, expected);
    SortedPositions::insertAll(positions, added);
    QCOMPARE(positions, expected);
}

void TestSortedPositions::againstASet_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("changed");
    QTest::addColumn<quint32>("limit");
    QTest::newRow("small") << 20 << 5 << 40u;
    QTest::newRow("dense") << 2000 << 300 << 2500u;
    QTest::newRow("sparse") << 500 << 500 << 1000000u;
    QTest::newRow("many changed") << 1000 << 5000 << 4000u;
}

void TestSortedPositions::againstASet() {
    QFETCH(int, size);
    QFETCH(int, changed);
    QFETCH(quint32, limit);
    QRandomGenerator random(quint32(size * 31 + changed));
    for (int round = 0; round < 20; ++round) {
        std::set<quint32> expected = randomSet(random, size, limit);
        QList<quint32> positions = listOf(expected);
        const std::set<quint32> removed = randomSet(random, changed, limit);
        SortedPositions::removeAll(positions, listOf(removed));
        for (const quint32 position : removed)
            expected.erase(position);
        QCOMPARE(positions, listOf(expected));
        const std::set<quint32> added = randomSet(random, changed, limit);
        SortedPositions::insertAll(positions, listOf(added));
        expected.insert(added.cbegin(), added.cend());
        QCOMPARE(positions, listOf(expected));
    }
}

QTEST_GUILESS_MAIN(TestSortedPositions)
#include "tst_sortedpositions.moc"
