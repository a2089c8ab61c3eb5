#include "eventoracle.h"
#include "modeltestdata.h"

#include "models/capturefilter.h"
#include "models/capturetext.h"
#include "models/eventlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;
using Model = EventListModel;

namespace {

int compareSortValues(const QVariant &a, const QVariant &b) {
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : x > y ? 1 : 0;
}

/// (capture id, ordinal) of every row, as shown.
QList<std::pair<qint64, int>> shown(const Model &model) {
    QList<std::pair<qint64, int>> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        rows.append({index.data(Model::CaptureIdRole).toLongLong(),
                     index.data(Model::OrdinalRole).toInt()});
    }
    return rows;
}

/// The rows expected: oracle rows of the captures that pass, only the events named by
/// the filter's tags when it has any, stably sorted by SortRole.
QList<std::pair<qint64, int>> expected(const Model &model, const CaptureStore &store,
                                       const QList<AnalysedCapture> &captures,
                                       const CaptureFilter &filter, int column,
                                       Qt::SortOrder order) {
    QList<std::pair<qint64, int>> rows;
    for (const EventOracle::Row &row : EventOracle::rowsOf(captures)) {
        const qsizetype position = store.positionOf(row.captureId);
        if (position >= 0 && filter.matches(store.index(), position) &&
            (filter.tags().isEmpty() || filter.tags().contains(row.name)))
            rows.append({row.captureId, row.ordinal});
    }
    if (column < 0)
        return rows;
    // The model's own SortRole values, looked up by (id, ordinal).
    QHash<std::pair<qint64, int>, QVariant> values;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, column);
        values.insert(
            {index.data(Model::CaptureIdRole).toLongLong(), index.data(Model::OrdinalRole).toInt()},
            index.data(Model::SortRole));
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const auto &a, const auto &b) {
        const int c = compareSortValues(values.value(a), values.value(b));
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    return rows;
}

} // namespace

class TestEventListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneRowPerEvent();
    void openedSessionShowsTheSameEvents();
    void insertsWhileFilteredAndSorted_data();
    void insertsWhileFilteredAndSorted();
    void sortByEveryColumn_data();
    void sortByEveryColumn();
    void reanalysedCapturesReplaceTheirEvents();
    void reanalysisWithAsManyEventsKeepsTheRows_data();
    void reanalysisWithAsManyEventsKeepsTheRows();
    void textMatchesInsert();
    void resetAndClear();

private:
    QList<AnalysedCapture> m_captures;
};

void TestEventListModel::initTestCase() {
    QLocale::setDefault(QLocale::c());
    m_captures = analysed(mixedCaptures());
}

void TestEventListModel::oneRowPerEvent() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<EventOracle::Row> rows = EventOracle::rowsOf(m_captures);
    QCOMPARE(model.rowCount(), int(rows.size()));
    int included = 0;
    int actions = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const EventOracle::Row &want = rows.at(row);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(Model::CaptureColumn).toString(), QString::number(want.captureId));
        QCOMPARE(cell(0, Model::CaptureIdRole).toLongLong(), want.captureId);
        QCOMPARE(cell(0, Model::OrdinalRole).toInt(), want.ordinal);
        QCOMPARE(cell(Model::EventColumn).toString(), want.name);
        QCOMPARE(cell(Model::EntityColumn).toString(), want.entityId);
        QCOMPARE(cell(0, Model::ActionRole).toBool(), want.action);
        QCOMPARE(cell(0, Model::EntityIncludedRole).toBool(), want.included);
        QCOMPARE(cell(Model::IncludedColumn).toString(), want.action     ? QString()
                                                         : want.included ? QStringLiteral("Yes")
                                                                         : QStringLiteral("No"));
        if (!want.action && !want.included)
            QCOMPARE(cell(Model::IncludedColumn, Qt::ToolTipRole).toString(),
                     QStringLiteral("Mews sends only the Id"));
        if (want.included)
            QCOMPARE(cell(Model::IncludedColumn, Qt::ToolTipRole).toString(),
                     QStringLiteral("Entity embedded in Entities.") + want.collection);
        QCOMPARE(cell(0, Model::KnownRole).toBool(),
                 want.name != QLatin1String("ReservationTeleported"));
        included += want.included ? 1 : 0;
        actions += want.action ? 1 : 0;
    }
    QVERIFY(included > 0);
    QCOMPARE(actions, 7);
}

void TestEventListModel::openedSessionShowsTheSameEvents() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    CaptureStore live;
    live.append(written);
    CaptureStore opened;
    QVERIFY(open(opened, path));
    Model fromLive(&live);
    Model fromFile(&opened);
    QCOMPARE(fromFile.rowCount(), int(EventOracle::rowsOf(written).size()));
    QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole};
    for (int role = Model::SortRole; role <= Model::EnterpriseIdRole; ++role)
        roles.append(role);
    QCOMPARE(allText(fromFile, {}, roles), allText(fromLive, {}, roles));
}

void TestEventListModel::insertsWhileFilteredAndSorted_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("arrival order") << -1 << Qt::AscendingOrder;
    QTest::newRow("newest first") << int(Model::CaptureColumn) << Qt::DescendingOrder;
    QTest::newRow("by event") << int(Model::EventColumn) << Qt::AscendingOrder;
    QTest::newRow("by entity, descending") << int(Model::EntityColumn) << Qt::DescendingOrder;
    QTest::newRow("by enterprise") << int(Model::EnterpriseColumn) << Qt::AscendingOrder;
}

void TestEventListModel::insertsWhileFilteredAndSorted() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QList<Capture> captures = mixedCaptures() + mixedCaptures() + mixedCaptures();
    const QList<AnalysedCapture> all = analysed(captures);
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilter filter;
    filter.setTags({QStringLiteral("CustomerUpdated"), QStringLiteral("MessageAdded"),
                    QStringLiteral("IntegrationCreated")});
    model.setFilter(filter);
    model.sort(column, order);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    qsizetype at = 0;
    for (int batch : {1, 4, 11, int(all.size()) - 16}) {
        store.append(all.mid(at, batch));
        at += batch;
        QCOMPARE(shown(model), expected(model, store, all.mid(0, at), filter, column, order));
    }
    QCOMPARE(reset.size(), 0);
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < int(EventOracle::rowsOf(all).size()));
}

void TestEventListModel::sortByEveryColumn_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int column = 0; column < Model::ColumnCount; ++column) {
        QTest::addRow("column %d ascending", column) << column << Qt::AscendingOrder;
        QTest::addRow("column %d descending", column) << column << Qt::DescendingOrder;
    }
}

void TestEventListModel::sortByEveryColumn() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    const QList<AnalysedCapture> all = analysed(mixedCaptures() + mixedCaptures());
    CaptureStore store;
    store.append(all);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QPersistentModelIndex kept = model.index(7, 2);
    const QVariant keptId = kept.data(Model::CaptureIdRole);
    const QVariant keptOrdinal = kept.data(Model::OrdinalRole);
    model.sort(column, order);
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(shown(model), expected(model, store, all, CaptureFilter(), column, order));
    QCOMPARE(kept.data(Model::CaptureIdRole), keptId);
    QCOMPARE(kept.data(Model::OrdinalRole), keptOrdinal);
}

void TestEventListModel::reanalysedCapturesReplaceTheirEvents() {
    QList<AnalysedCapture> pending = m_captures;
    for (AnalysedCapture &c : pending)
        c.analysed = false;
    CaptureStore store;
    store.append(pending);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(Model::EventColumn, Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), 0); // no analysis, no events yet
    for (qsizetype at = 0; at < m_captures.size(); at += 4) {
        store.updateAnalyses(m_captures.mid(at, 4));
        QCOMPARE(shown(model), expected(model, store, m_captures.mid(0, at + 4), CaptureFilter(),
                                        Model::EventColumn, Qt::AscendingOrder));
    }
    // A capture analysed again into other events (a newer decoder): its rows change.
    AnalysedCapture changed = m_captures.at(2);
    changed.analysis = analyse(webhook(general({{"PaymentUpdated", "p1"},
                                                {"PaymentUpdated", "p2"},
                                                {"MessageAdded", "m3"}}),
                                       2))
                           .analysis;
    QList<AnalysedCapture> now = m_captures;
    now[2] = changed;
    store.updateAnalyses({changed});
    QCOMPARE(shown(model),
             expected(model, store, now, CaptureFilter(), Model::EventColumn, Qt::AscendingOrder));
}

void TestEventListModel::reanalysisWithAsManyEventsKeepsTheRows_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("rowsMove");
    // Arrival order: the same (capture, ordinal) rows, with the new names shown in place.
    QTest::newRow("arrival order") << -1 << false;
    // Sorted by capture the rows cannot move either.
    QTest::newRow("by capture") << int(Model::CaptureColumn) << false;
    // Sorted by event name, the renamed events sort elsewhere: their rows move.
    QTest::newRow("by event") << int(Model::EventColumn) << true;
}

void TestEventListModel::reanalysisWithAsManyEventsKeepsTheRows() {
    QFETCH(int, column);
    QFETCH(bool, rowsMove);
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(column, Qt::AscendingOrder);
    // The General webhook with the most events, analysed again into as many others.
    qsizetype at = -1;
    qsizetype most = 0;
    for (qsizetype i = 0; i < m_captures.size(); ++i) {
        const QList<EventOracle::Row> rows = EventOracle::rowsOf(m_captures.at(i));
        if (rows.size() > most && !rows.constFirst().action) {
            most = rows.size();
            at = i;
        }
    }
    QVERIFY(most >= 2);
    QList<std::pair<QByteArray, QByteArray>> events;
    for (qsizetype i = 0; i < most; ++i)
        events.append({"AaUnknownRenamed", "x" + QByteArray::number(i)});
    AnalysedCapture renamed = m_captures.at(at);
    renamed.analysis = analyse(webhook(general(events), renamed.capture.id)).analysis;
    QList<AnalysedCapture> now = m_captures;
    now[at] = renamed;

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    store.updateAnalyses({renamed});
    QCOMPARE(shown(model),
             expected(model, store, now, CaptureFilter(), column, Qt::AscendingOrder));
    QCOMPARE(removed.isEmpty(), !rowsMove);
    QCOMPARE(inserted.isEmpty(), !rowsMove);
    QCOMPARE(changed.isEmpty(), rowsMove);
    // Either way every row shows its event's new name.
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, Model::EventColumn);
        if (index.data(Model::CaptureIdRole).toLongLong() == renamed.capture.id)
            QCOMPARE(index.data().toString(), QStringLiteral("AaUnknownRenamed"));
    }
}

void TestEventListModel::textMatchesInsert() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilter filter;
    filter.setTextMatches({});
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    filter.addTextMatches({2, 9});
    model.setFilter(filter);
    filter.addTextMatches({12});
    model.setFilter(filter);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(shown(model), expected(model, store, m_captures, filter, -1, Qt::AscendingOrder));
}

void TestEventListModel::resetAndClear() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures().mid(3, 5));
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(Model::TimeColumn, Qt::DescendingOrder);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(shown(model), expected(model, store, written, CaptureFilter(), Model::TimeColumn,
                                    Qt::DescendingOrder));
    store.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestEventListModel)
#include "tst_eventlistmodel.moc"
