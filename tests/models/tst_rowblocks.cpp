#include "models/rowblocks.h"

#include <QRandomGenerator>
#include <QTest>

#include <set>

namespace {

/// `distinct` different values below `bound`, ascending, about a third of them in added.
void splitAtRandom(QRandomGenerator &random, size_t distinct, int bound, std::vector<int> &rows,
                   std::vector<int> &added) {
    std::set<int> all;
    while (all.size() < distinct)
        all.insert(int(random.bounded(bound)));
    for (int value : all)
        (random.bounded(3) == 0 ? added : rows).push_back(value);
}

} // namespace

class TestRowBlocks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertsInBlocks_data();
    void insertsInBlocks();
    void randomMerges();
    void qListRowsMatchVectorRows();
    void removesRuns();
};

void TestRowBlocks::insertsInBlocks_data() {
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<QList<int>>("added");
    QTest::addColumn<int>("blocks");
    QTest::newRow("into nothing") << QList<int>{} << QList<int>{1, 2, 3} << 1;
    QTest::newRow("at the end") << QList<int>{1, 2} << QList<int>{5, 6} << 1;
    QTest::newRow("at the start") << QList<int>{5, 6} << QList<int>{1, 2} << 1;
    QTest::newRow("between each") << QList<int>{10, 20, 30} << QList<int>{5, 15, 25, 35} << 4;
    QTest::newRow("two gaps") << QList<int>{10, 20, 30} << QList<int>{11, 12, 31} << 2;
    QTest::newRow("nothing") << QList<int>{1} << QList<int>{} << 0;
}

void TestRowBlocks::insertsInBlocks() {
    QFETCH(QList<int>, rows);
    QFETCH(QList<int>, added);
    QFETCH(int, blocks);
    std::vector<int> vector(rows.cbegin(), rows.cend());
    const std::vector<int> more(added.cbegin(), added.cend());
    const QList<RowBlocks::Insertion> plan = RowBlocks::plan(vector, more, std::less<int>());
    QCOMPARE(plan.size(), blocks);
    int begun = 0;
    qsizetype expectedSize = vector.size();
    RowBlocks::insert(
        vector, more, plan,
        [&](qsizetype first, qsizetype last) {
            // Announced before the rows go in, at their final place so far.
            QCOMPARE(qsizetype(vector.size()), expectedSize);
            QVERIFY(first >= 0 && first <= expectedSize && last >= first);
            expectedSize += last - first + 1;
            ++begun;
        },
        [&] { QCOMPARE(qsizetype(vector.size()), expectedSize); });
    QCOMPARE(begun, blocks);
    std::vector<int> merged(rows.cbegin(), rows.cend());
    merged.insert(merged.end(), more.begin(), more.end());
    std::sort(merged.begin(), merged.end());
    QVERIFY(vector == merged);
}

void TestRowBlocks::randomMerges() {
    QRandomGenerator random(7);
    for (int round = 0; round < 300; ++round) {
        std::vector<int> rows;
        std::vector<int> added;
        splitAtRandom(random, 60, 1000, rows, added);
        // Descending order with a custom comparator, as a sorted view would use.
        const auto less = [](int a, int b) {
            return a > b;
        };
        std::sort(rows.begin(), rows.end(), less);
        std::sort(added.begin(), added.end(), less);
        const auto plan = RowBlocks::plan(rows, added, less);
        std::vector<int> shadow = rows;
        RowBlocks::insert(
            rows, added, plan, [&](qsizetype, qsizetype) {}, [] {});
        shadow.insert(shadow.end(), added.begin(), added.end());
        std::sort(shadow.begin(), shadow.end(), less);
        QVERIFY(rows == shadow);
        // A block starts wherever a new value follows an old one: count those.
        int starts = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            const bool isNew = std::find(added.begin(), added.end(), rows[i]) != added.end();
            const bool previousNew =
                i > 0 && std::find(added.begin(), added.end(), rows[i - 1]) != added.end();
            starts += isNew && !previousNew ? 1 : 0;
        }
        QCOMPARE(int(plan.size()), starts);
    }
}

void TestRowBlocks::qListRowsMatchVectorRows() {
    // The event list keeps its rows in a QList, which has no range insert in Qt 6.4.
    QRandomGenerator random(11);
    for (int round = 0; round < 200; ++round) {
        std::vector<int> rows;
        std::vector<int> added;
        splitAtRandom(random, 40, 500, rows, added);
        QList<int> list(rows.cbegin(), rows.cend());
        const auto plan = RowBlocks::plan(list, added, std::less<int>());
        const auto vectorPlan = RowBlocks::plan(rows, added, std::less<int>());
        QCOMPARE(plan.size(), vectorPlan.size());
        for (qsizetype i = 0; i < plan.size(); ++i) {
            QCOMPARE(plan.at(i).at, vectorPlan.at(i).at);
            QCOMPARE(plan.at(i).from, vectorPlan.at(i).from);
            QCOMPARE(plan.at(i).count, vectorPlan.at(i).count);
        }
        QList<qsizetype> announced;
        RowBlocks::insert(
            list, added, plan, [&](qsizetype first, qsizetype) { announced.append(first); }, [] {});
        RowBlocks::insert(
            rows, added, plan, [](qsizetype, qsizetype) {}, [] {});
        QCOMPARE(announced.size(), plan.size());
        QVERIFY(std::equal(list.cbegin(), list.cend(), rows.cbegin(), rows.cend()));
        const auto odd = [](int value) {
            return value % 2 != 0;
        };
        const auto runs = RowBlocks::runs(list, odd);
        RowBlocks::remove(
            list, runs, [](qsizetype, qsizetype) {}, [] {});
        QVERIFY(std::none_of(list.cbegin(), list.cend(), odd));
        const auto even = qsizetype(
            std::count_if(rows.cbegin(), rows.cend(), [&](int value) { return !odd(value); }));
        QCOMPARE(list.size(), even); // rows has every value now
    }
}

void TestRowBlocks::removesRuns() {
    std::vector<int> rows{1, 2, 3, 10, 11, 4, 12, 5};
    const auto runs = RowBlocks::runs(rows, [](int value) { return value >= 10; });
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).first, 3);
    QCOMPARE(runs.at(0).count, 2);
    QCOMPARE(runs.at(1).first, 6);
    QCOMPARE(runs.at(1).count, 1);
    QList<qsizetype> firsts;
    RowBlocks::remove(
        rows, runs, [&](qsizetype first, qsizetype) { firsts.append(first); }, [] {});
    QCOMPARE(firsts, (QList<qsizetype>{6, 3})); // last run first
    QVERIFY((rows == std::vector<int>{1, 2, 3, 4, 5}));
}

QTEST_GUILESS_MAIN(TestRowBlocks)
#include "tst_rowblocks.moc"
