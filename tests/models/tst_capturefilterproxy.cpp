#include "modeltestdata.h"

#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;
using Model = CaptureTableModel;

namespace {

/// The samples several times over, so every column has ties and times are shuffled.
QList<Capture> variety(int copies, int from = 0) {
    QList<Capture> captures;
    const QList<Capture> mixed = mixedCaptures();
    for (int copy = 0; copy < copies; ++copy) {
        for (qsizetype i = 0; i < mixed.size(); ++i) {
            Capture c = mixed.at(i);
            const int n = from + copy * int(mixed.size()) + int(i);
            c.firstByteUtcMs = BaseUtcMs + qint64((n * 7919) % 1000) * 1000;
            c.body.replace("3b0f6c1e", copy % 2 ? "3b0f6c1e" : "00000000");
            captures.append(c);
        }
    }
    return captures;
}

int compareSortValues(const QVariant &a, const QVariant &b) {
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : x > y ? 1 : 0;
}

/// The rows the proxy should show, computed from the filter and the source's SortRole.
QList<qsizetype> expectedRows(const Model &model, const CaptureFilter &filter, int column,
                              Qt::SortOrder order) {
    QList<qsizetype> rows;
    const CaptureIndex &index = model.store()->index();
    for (int row = 0; row < model.rowCount(); ++row) {
        if (filter.matches(index, row))
            rows.append(row);
    }
    if (column >= 0) {
        std::stable_sort(rows.begin(), rows.end(), [&](qsizetype a, qsizetype b) {
            const int c = compareSortValues(model.index(int(a), column).data(Model::SortRole),
                                            model.index(int(b), column).data(Model::SortRole));
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        });
    }
    return rows;
}

QList<qsizetype> shownRows(const CaptureFilterProxy &proxy) {
    QList<qsizetype> rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
    return rows;
}

} // namespace

class TestCaptureFilterProxy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachCriterion_data();
    void eachCriterion();
    void sortByEveryColumn_data();
    void sortByEveryColumn();
    void insertsWhileFilteredAndSorted_data();
    void insertsWhileFilteredAndSorted();
    void reanalysedCapturesMove();
    void textMatchesGrowInPlace();
    void resetAndClear();
    void mapping();
    void persistentIndexesFollowTheSort();
    void onlyACaptureTableModelAsSource();
};

void TestCaptureFilterProxy::eachCriterion_data() {
    QTest::addColumn<int>("criterion");
    QTest::newRow("tags") << 0;
    QTest::newRow("kinds") << 1;
    QTest::newRow("states") << 2;
    QTest::newRow("methods") << 3;
    QTest::newRow("enterprise") << 4;
    QTest::newRow("integration") << 5;
    QTest::newRow("text matches") << 6;
    QTest::newRow("all together") << 7;
}

void TestCaptureFilterProxy::eachCriterion() {
    QFETCH(int, criterion);
    CaptureStore store;
    store.append(analysed(variety(2)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&proxy, &CaptureFilterProxy::countsChanged);
    QSignalSpy filterChanged(&proxy, &CaptureFilterProxy::filterChanged);
    QCOMPARE(proxy.rowCount(), model.rowCount());

    CaptureFilter filter;
    const QString aurora = QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15");
    if (criterion == 0 || criterion == 7) {
        const QStringList tags{QStringLiteral("MessageAdded"), QStringLiteral("IntegrationEnabled"),
                               QStringLiteral("ReservationTeleported")};
        proxy.setTags(tags);
        filter.setTags(tags);
    }
    if (criterion == 1 || criterion == 7) {
        proxy.setKinds({WebhookKind::General, WebhookKind::Integration});
        filter.setKinds({WebhookKind::General, WebhookKind::Integration});
    }
    if (criterion == 2) {
        proxy.setStates({ContractState::Rejected, ContractState::InvalidJson});
        filter.setStates({ContractState::Rejected, ContractState::InvalidJson});
    }
    if (criterion == 3) {
        proxy.setMethods({QStringLiteral("GET")});
        filter.setMethods({QStringLiteral("GET")});
    }
    if (criterion == 4 || criterion == 7) {
        proxy.setEnterprise(aurora);
        filter.setEnterpriseId(aurora);
    }
    if (criterion == 5) {
        proxy.setIntegration(QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6"));
        filter.setIntegrationId(QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6"));
    }
    if (criterion == 6 || criterion == 7) {
        const QList<qint64> ids{1, 4, 9, 16, 25, 36, 49};
        proxy.setTextMatches(ids);
        filter.setTextMatches(ids);
    }
    QVERIFY(proxy.filter() == filter);
    QVERIFY(!filterChanged.isEmpty());
    QVERIFY(filterChanged.last().at(0).value<CaptureFilter>() == filter);
    const QList<qsizetype> expected = expectedRows(model, filter, -1, Qt::AscendingOrder);
    QCOMPARE(shownRows(proxy), expected);
    QVERIFY(expected.size() < model.rowCount());
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.last().at(0).toLongLong(), qint64(expected.size()));
    QCOMPARE(counts.last().at(1).toLongLong(), qint64(model.rowCount()));
    QCOMPARE(proxy.shownCount(), expected.size());
    QCOMPARE(proxy.totalCount(), qsizetype(model.rowCount()));

    proxy.setFilter(CaptureFilter());
    QCOMPARE(proxy.rowCount(), model.rowCount());
    QCOMPARE(counts.last().at(0).toLongLong(), qint64(model.rowCount()));
}

void TestCaptureFilterProxy::sortByEveryColumn_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<bool>("filtered");
    for (int column = 0; column < Model::ColumnCount; ++column) {
        const QByteArray name = Model::columnTitle(column).toUtf8();
        QTest::newRow(QByteArray(name + " ascending").constData())
            << column << Qt::AscendingOrder << false;
        QTest::newRow(QByteArray(name + " descending").constData())
            << column << Qt::DescendingOrder << false;
        QTest::newRow(QByteArray(name + " descending, filtered").constData())
            << column << Qt::DescendingOrder << true;
    }
    QTest::newRow("unsorted") << -1 << Qt::AscendingOrder << false;
}

void TestCaptureFilterProxy::sortByEveryColumn() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(bool, filtered);
    CaptureStore store;
    store.append(analysed(variety(3)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (filtered)
        proxy.setKinds({WebhookKind::General, WebhookKind::NotJson});
    QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
    proxy.sort(column, order);
    QCOMPARE(proxy.sortColumn(), column);
    QCOMPARE(layout.size(), column < 0 ? 0 : 1);
    QCOMPARE(shownRows(proxy), expectedRows(model, proxy.filter(), column, order));
    // Sorting again the same way changes nothing.
    proxy.sort(column, order);
    QCOMPARE(layout.size(), column < 0 ? 0 : 1);
}

void TestCaptureFilterProxy::insertsWhileFilteredAndSorted_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("arrival order") << -1 << Qt::AscendingOrder;
    QTest::newRow("newest first") << int(Model::NumberColumn) << Qt::DescendingOrder;
    QTest::newRow("by time") << int(Model::TimeColumn) << Qt::AscendingOrder;
    QTest::newRow("by state, descending") << int(Model::StateColumn) << Qt::DescendingOrder;
    QTest::newRow("by events") << int(Model::EventsColumn) << Qt::AscendingOrder;
    QTest::newRow("by size, descending") << int(Model::SizeColumn) << Qt::DescendingOrder;
    QTest::newRow("by enterprise") << int(Model::EnterpriseColumn) << Qt::AscendingOrder;
}

void TestCaptureFilterProxy::insertsWhileFilteredAndSorted() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    CaptureStore store;
    const QList<AnalysedCapture> all = analysed(variety(4));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStates({ContractState::Ok, ContractState::Notes, ContractState::Warnings,
                     ContractState::Rejected});
    proxy.sort(column, order);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&proxy, &CaptureFilterProxy::countsChanged);
    qsizetype at = 0;
    for (int batch : {1, 7, 13, 2, 40, int(all.size()) - 63}) {
        const int before = proxy.rowCount();
        inserted.clear();
        store.append(all.mid(at, batch));
        at += batch;
        const QList<qsizetype> expected = expectedRows(model, proxy.filter(), column, order);
        QCOMPARE(shownRows(proxy), expected);
        // Blocks: each signal inserts rows that are all new, and together they are the rest.
        int added = 0;
        for (const QList<QVariant> &signal : std::as_const(inserted)) {
            const int first = signal.at(1).toInt();
            const int last = signal.at(2).toInt();
            QVERIFY(first <= last);
            added += last - first + 1;
        }
        QCOMPARE(added, proxy.rowCount() - before);
        if (column < 0 || column == Model::NumberColumn)
            QVERIFY(inserted.size() <= 1); // in arrival order a batch is one block
        QCOMPARE(counts.last().at(1).toLongLong(), qint64(at));
    }
    QCOMPARE(reset.size(), 0);
    QVERIFY(proxy.rowCount() > 0);
    QVERIFY(proxy.rowCount() < model.rowCount());
}

void TestCaptureFilterProxy::reanalysedCapturesMove() {
    CaptureStore store;
    const QList<AnalysedCapture> all = analysed(variety(2));
    QList<AnalysedCapture> pending = all;
    for (AnalysedCapture &c : pending)
        c.analysed = false;
    store.append(pending);
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStates({ContractState::Ok, ContractState::Errors, ContractState::Rejected});
    proxy.sort(Model::KindColumn, Qt::DescendingOrder);
    // Only the rejected ones pass before any analysis arrived.
    QCOMPARE(shownRows(proxy),
             expectedRows(model, proxy.filter(), Model::KindColumn, Qt::DescendingOrder));
    for (qsizetype at = 0; at < all.size(); at += 9) {
        store.updateAnalyses(all.mid(at, 9));
        QCOMPARE(shownRows(proxy),
                 expectedRows(model, proxy.filter(), Model::KindColumn, Qt::DescendingOrder));
    }
    // Once more with the same analyses: nothing moves.
    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
    store.updateAnalyses(all.mid(0, 5));
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), proxy.rowCount() > 0 ? 1 : 0);
}

void TestCaptureFilterProxy::textMatchesGrowInPlace() {
    CaptureStore store;
    store.append(analysed(variety(2)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(Model::SizeColumn, Qt::AscendingOrder);
    proxy.setTextMatches({});
    QCOMPARE(proxy.rowCount(), 0);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);
    proxy.addTextMatches({3, 5, 8});
    proxy.addTextMatches({13, 21, 34});
    QCOMPARE(reset.size(), 0); // a search that goes on inserts, it does not reset
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(shownRows(proxy),
             expectedRows(model, proxy.filter(), Model::SizeColumn, Qt::AscendingOrder));
    QCOMPARE(proxy.rowCount(), 6);
    // Ids the store does not have yet show up when their captures arrive.
    const qint64 next = model.rowCount() + 1;
    proxy.addTextMatches({next + 1});
    QCOMPARE(proxy.rowCount(), 6);
    store.append(analysed(variety(1), next).mid(0, 3));
    QCOMPARE(proxy.rowCount(), 7);
    QCOMPARE(proxy.positionAt(proxy.rowOfPosition(next)), next);
    proxy.clearTextMatches();
    QCOMPARE(proxy.rowCount(), model.rowCount());
}

void TestCaptureFilterProxy::resetAndClear() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, variety(1));
    CaptureStore store;
    store.append(analysed(variety(2)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setKinds({WebhookKind::General});
    proxy.setTextMatches({1, 2, 3, 4, 5, 6});
    proxy.sort(Model::TimeColumn, Qt::AscendingOrder);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(reset.size(), 1);
    // Text matches named captures of the other session: none match until searched again.
    QVERIFY(proxy.filter().hasTextMatches());
    QVERIFY(proxy.filter().textMatches().isEmpty());
    QCOMPARE(proxy.rowCount(), 0);
    proxy.clearTextMatches();
    QCOMPARE(shownRows(proxy),
             expectedRows(model, proxy.filter(), Model::TimeColumn, Qt::AscendingOrder));
    QVERIFY(proxy.rowCount() > 0);
    store.clear();
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(proxy.totalCount(), 0);
}

void TestCaptureFilterProxy::mapping() {
    CaptureStore store;
    store.append(analysed(variety(2)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    proxy.setKinds({WebhookKind::General});
    for (int column : {-1, int(Model::NumberColumn), int(Model::StateColumn)}) {
        proxy.sort(column, Qt::DescendingOrder);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex source = model.index(row, Model::PathColumn);
            const QModelIndex mapped = proxy.mapFromSource(source);
            QCOMPARE(mapped.isValid(), proxy.filter().matches(store.index(), row));
            if (mapped.isValid()) {
                QCOMPARE(proxy.mapToSource(mapped), source);
                QCOMPARE(mapped.column(), int(Model::PathColumn));
                QCOMPARE(mapped.data(Model::IdRole), source.data(Model::IdRole));
            }
        }
    }
    QVERIFY(!proxy.mapFromSource(QModelIndex()).isValid());
    QVERIFY(!proxy.mapToSource(QModelIndex()).isValid());
    QCOMPARE(proxy.positionAt(-1), -1);
    QCOMPARE(proxy.positionAt(proxy.rowCount()), -1);
    QCOMPARE(proxy.rowOfPosition(model.rowCount()), -1);
}

void TestCaptureFilterProxy::persistentIndexesFollowTheSort() {
    CaptureStore store;
    store.append(analysed(variety(2)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QList<QPersistentModelIndex> kept;
    QList<qint64> ids;
    for (int row : {0, 5, 11, proxy.rowCount() - 1}) {
        kept.append(QPersistentModelIndex(proxy.index(row, 1)));
        ids.append(proxy.index(row, 0).data(Model::IdRole).toLongLong());
    }
    for (int column = 0; column < Model::ColumnCount; ++column) {
        proxy.sort(column, column % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        for (qsizetype i = 0; i < kept.size(); ++i) {
            QVERIFY(kept.at(i).isValid());
            QCOMPARE(kept.at(i).data(Model::IdRole).toLongLong(), ids.at(i));
            QCOMPARE(kept.at(i).column(), 1);
        }
    }
}

void TestCaptureFilterProxy::onlyACaptureTableModelAsSource() {
    CaptureStore store;
    store.append(analysed(variety(1)));
    Model model(&store);
    CaptureFilterProxy proxy(&model);
    QStringListModel other({QStringLiteral("a")});
    QTest::ignoreMessage(QtWarningMsg,
                         "CaptureFilterProxy: the source must be a CaptureTableModel");
    proxy.setSourceModel(&other);
    QCOMPARE(proxy.sourceModel(), &model);
    QCOMPARE(proxy.rowCount(), model.rowCount());
    proxy.setSourceModel(nullptr);
    QCOMPARE(proxy.rowCount(), 0);
    QVERIFY(!proxy.index(0, 0).isValid());
}

QTEST_GUILESS_MAIN(TestCaptureFilterProxy)
#include "tst_capturefilterproxy.moc"
