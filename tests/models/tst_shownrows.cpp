#include "modeltestdata.h"

#include "models/capturefilter.h"
#include "models/capturematcher.h"
#include "models/captureorder.h"
#include "models/capturetablemodel.h"
#include "models/shownrows.h"
#include "session/captureindex.h"

#include <QTest>

#include <algorithm>

using namespace ModelTestData;

namespace {

// What the rows must be, computed the slow way: every position tested, then sorted
// with lessThan().
std::vector<quint32> oracle(const CaptureIndex &index, const CaptureMatcher &matcher,
                            const CaptureOrder &order) {
    std::vector<quint32> rows;
    for (quint32 position = 0; position < quint32(index.size()); ++position) {
        if (matcher.matches(index, position))
            rows.push_back(position);
    }
    std::sort(rows.begin(), rows.end(),
              [&order](quint32 a, quint32 b) { return order.lessThan(a, b); });
    return rows;
}

CaptureFilter kinds(const QList<WebhookKind> &kinds) {
    CaptureFilter filter;
    filter.setKinds(kinds);
    return filter;
}

} // namespace

class TestShownRows : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fillAndRowOf_data();
    void fillAndRowOf();
    void changedRange_data();
    void changedRange();

private:
    CaptureIndex m_index;
};

void TestShownRows::initTestCase() {
    // Twice the mixed set, so every kind has several captures far apart.
    QList<Capture> captures = mixedCaptures();
    captures += mixedCaptures();
    for (const AnalysedCapture &capture : analysed(captures))
        QVERIFY(m_index.append(capture));
    QVERIFY(m_index.size() >= 40);
}

void TestShownRows::fillAndRowOf_data() {
    QTest::addColumn<CaptureFilter>("filter");
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    const CaptureFilter all;
    const CaptureFilter general = kinds({WebhookKind::General});
    QTest::newRow("all, arrival") << all << -1 << Qt::AscendingOrder;
    QTest::newRow("all, newest first")
        << all << int(CaptureTableModel::NumberColumn) << Qt::DescendingOrder;
    QTest::newRow("General, arrival") << general << -1 << Qt::AscendingOrder;
    QTest::newRow("General, newest first")
        << general << int(CaptureTableModel::NumberColumn) << Qt::DescendingOrder;
    QTest::newRow("General, by events")
        << general << int(CaptureTableModel::EventsColumn) << Qt::AscendingOrder;
    QTest::newRow("all, by size descending")
        << all << int(CaptureTableModel::SizeColumn) << Qt::DescendingOrder;
}

void TestShownRows::fillAndRowOf() {
    QFETCH(CaptureFilter, filter);
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    const CaptureMatcher matcher(filter, m_index);
    const CaptureOrder sorting(m_index, column, order);
    const auto count = quint32(m_index.size());
    ShownRows rows;
    rows.fill(m_index, matcher, sorting, count);
    const std::vector<quint32> expected = oracle(m_index, matcher, sorting);
    QCOMPARE(rows.positions(), expected);
    QCOMPARE(rows.size(), qsizetype(expected.size()));
    QVERIFY(rows.approximateBytes() >= qsizetype(expected.size() * sizeof(quint32)));

    for (quint32 position = 0; position < count; ++position) {
        const auto at = std::find(expected.begin(), expected.end(), position);
        const int row = at == expected.end() ? -1 : int(at - expected.begin());
        QCOMPARE(rows.rowOf(position, sorting, count), row);
        if (row >= 0)
            QCOMPARE(rows.positionAt(row), qsizetype(position));
    }
    QCOMPARE(rows.rowOf(count, sorting, count), -1);
    QCOMPARE(rows.positionAt(-1), -1);
    QCOMPARE(rows.positionAt(int(rows.size())), -1);

    rows.edit().clear(); // an edit forgets the map: nothing is found any more
    for (quint32 position = 0; position < count; ++position)
        QCOMPARE(rows.rowOf(position, sorting, count), -1);
}

void TestShownRows::changedRange_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<quint32>("first");
    QTest::addColumn<quint32>("last");
    QTest::newRow("arrival, middle") << -1 << Qt::AscendingOrder << 5U << 20U;
    QTest::newRow("newest first, middle")
        << int(CaptureTableModel::NumberColumn) << Qt::DescendingOrder << 5U << 20U;
    QTest::newRow("by size, start")
        << int(CaptureTableModel::SizeColumn) << Qt::AscendingOrder << 0U << 12U;
    QTest::newRow("arrival, one") << -1 << Qt::AscendingOrder << 7U << 7U;
}

// The rows were filtered for General webhooks; captures [first, last] are now judged by
// Integration: those shown leave, the Integration ones of the range enter.
void TestShownRows::changedRange() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(quint32, first);
    QFETCH(quint32, last);
    const CaptureOrder sorting(m_index, column, order);
    const auto count = quint32(m_index.size());
    const CaptureMatcher before(kinds({WebhookKind::General}), m_index);
    const CaptureMatcher after(kinds({WebhookKind::Integration}), m_index);
    ShownRows rows;
    rows.fill(m_index, before, sorting, count);
    const std::vector<quint32> shown = rows.positions();
    const auto inRange = [first, last](quint32 position) {
        return position >= first && position <= last;
    };

    // Present: the shown positions of the range, ascending, and the rows they span.
    const ShownRows::Present present = rows.present(first, last, sorting);
    std::vector<quint32> expectedPresent;
    int top = -1;
    int bottom = -1;
    for (size_t row = 0; row < shown.size(); ++row) {
        if (!inRange(shown[row]))
            continue;
        expectedPresent.push_back(shown[row]);
        top = top < 0 ? int(row) : top;
        bottom = int(row);
    }
    std::sort(expectedPresent.begin(), expectedPresent.end());
    QCOMPARE(present.positions, expectedPresent);
    QCOMPARE(present.top, top);
    QCOMPARE(present.bottom, bottom);
    QVERIFY(!expectedPresent.empty());

    // Leaving: exactly the rows of the range that fail the new criterion, as runs.
    const QList<RowBlocks::Run> leaving = rows.leaving(first, last, m_index, after, sorting);
    std::vector<bool> leaves(shown.size(), false);
    for (const RowBlocks::Run &run : leaving) {
        QVERIFY(run.count > 0);
        for (qsizetype row = run.first; row < run.first + run.count; ++row)
            leaves[size_t(row)] = true;
    }
    for (size_t row = 0; row < shown.size(); ++row)
        QCOMPARE(leaves[row], inRange(shown[row]) && !after.matches(m_index, shown[row]));

    // Entering: the range's positions that pass now and are not shown.
    const std::vector<quint32> entering =
        ShownRows::entering(first, last, count, present, m_index, after);
    std::vector<quint32> expectedEntering;
    for (quint32 position = first; position <= last; ++position) {
        if (after.matches(m_index, position) &&
            std::find(shown.begin(), shown.end(), position) == shown.end())
            expectedEntering.push_back(position);
    }
    QCOMPARE(entering, expectedEntering);
    QVERIFY(!leaving.isEmpty());
    QVERIFY(first == last || !entering.empty()); // each wider range holds Integration ones
}

QTEST_GUILESS_MAIN(TestShownRows)
#include "tst_shownrows.moc"
