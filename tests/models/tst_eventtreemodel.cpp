#include "eventoracle.h"
#include "modeltestdata.h"

#include "models/capturefilter.h"
#include "models/eventtreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;
using Model = EventTreeModel;

namespace {

/// The captures that pass, by id, with their expected children.
void compareTree(const Model &model, const CaptureStore &store,
                 const QList<AnalysedCapture> &captures, const CaptureFilter &filter) {
    QList<const AnalysedCapture *> passing;
    for (const AnalysedCapture &c : captures) {
        const qsizetype position = store.positionOf(c.capture.id);
        if (position >= 0 && filter.matches(store.index(), position))
            passing.append(&c);
    }
    QCOMPARE(model.rowCount(), int(passing.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const AnalysedCapture &c = *passing.at(row);
        const QModelIndex capture = model.index(row, Model::NameColumn);
        QCOMPARE(capture.data(Model::LevelRole).toInt(), int(Model::CaptureLevel));
        QCOMPARE(capture.data(Model::CaptureIdRole).toLongLong(), c.capture.id);
        QVERIFY(capture.data().toString().startsWith(QStringLiteral("#%1 ").arg(c.capture.id)));
        QVERIFY(!model.parent(capture).isValid());
        const QList<EventOracle::Row> events = EventOracle::rowsOf(c);
        QCOMPARE(model.rowCount(capture), int(events.size()));
        QCOMPARE(model.hasChildren(capture), !events.isEmpty());
        for (int e = 0; e < events.size(); ++e) {
            const EventOracle::Row &want = events.at(e);
            const QModelIndex event = model.index(e, Model::NameColumn, capture);
            QCOMPARE(model.parent(event), capture);
            QCOMPARE(event.data(Model::LevelRole).toInt(), int(Model::EventLevel));
            QCOMPARE(event.data().toString(), want.name);
            QCOMPARE(event.data(Model::CaptureIdRole).toLongLong(), c.capture.id);
            QCOMPARE(event.data(Model::OrdinalRole).toInt(), e);
            QCOMPARE(event.data(Model::ActionRole).toBool(), want.action);
            QCOMPARE(model.index(e, Model::EntityColumn, capture).data().toString(), want.entityId);
            const QString detail = model.index(e, Model::DetailColumn, capture).data().toString();
            QCOMPARE(model.rowCount(event), want.included ? 1 : 0);
            if (want.action)
                continue;
            if (!want.included) {
                QCOMPARE(detail, QStringLiteral("Mews sends only the Id"));
                continue;
            }
            QCOMPARE(detail, QStringLiteral("Entity embedded in Entities.") + want.collection);
            const QModelIndex entity = model.index(0, Model::NameColumn, event);
            QCOMPARE(model.parent(entity), event);
            QCOMPARE(entity.data(Model::LevelRole).toInt(), int(Model::EntityLevel));
            QCOMPARE(entity.data().toString(), QStringLiteral("Entities.") + want.collection);
            QCOMPARE(model.index(0, Model::EntityColumn, event).data().toString(), want.entityId);
            QCOMPARE(model.rowCount(entity), 0);
            QVERIFY(model.flags(entity).testFlag(Qt::ItemNeverHasChildren));
        }
    }
}

} // namespace

class TestEventTreeModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void capturesEventsEntities();
    void olderFormEmbedsTheEntity();
    void followsTheFilterWhileCapturesArrive();
    void reanalysedCapturesGetNewChildren();
    void reanalysisOfTheSameShapeKeepsTheBranch();
    void textMatchesInsert();
    void resetAndClear();

private:
    QList<AnalysedCapture> m_captures;
};

void TestEventTreeModel::initTestCase() {
    m_captures = analysed(mixedCaptures());
}

void TestEventTreeModel::capturesEventsEntities() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    compareTree(model, store, m_captures, CaptureFilter());
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(model.headerData(Model::EntityColumn, Qt::Horizontal).toString(),
             QStringLiteral("Entity id"));
}

void TestEventTreeModel::olderFormEmbedsTheEntity() {
    // The same events, once with Entities (2021-2022 form) and once without (current).
    const QByteArray older =
        TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json"));
    const QByteArray current =
        general({{"ServiceOrderUpdated", "8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68"},
                 {"ServiceOrderUpdated", "e1b7c3d5-2a4f-4e86-9c0b-5d7f1a3e9b24"}});
    CaptureStore store;
    store.append(analysed({webhook(older, 1), webhook(current, 2)}));
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex withEntities = model.index(0, 0);
    const QModelIndex idsOnly = model.index(1, 0);
    QCOMPARE(model.rowCount(withEntities), 2);
    QCOMPARE(model.rowCount(idsOnly), 2);
    for (int e = 0; e < 2; ++e) {
        const QModelIndex embedded = model.index(e, 0, withEntities);
        QCOMPARE(model.rowCount(embedded), 1);
        QCOMPARE(model.index(0, Model::DetailColumn, embedded).data().toString(),
                 QStringLiteral("Reservation, as it was when sent"));
        const QModelIndex onlyId = model.index(e, 0, idsOnly);
        QCOMPARE(model.rowCount(onlyId), 0);
        QCOMPARE(model.index(e, Model::DetailColumn, idsOnly).data().toString(),
                 QStringLiteral("Mews sends only the Id"));
        QVERIFY(onlyId.data(Qt::ToolTipRole).toString().contains(QLatin1String("fetch")));
    }
}

void TestEventTreeModel::followsTheFilterWhileCapturesArrive() {
    const QList<AnalysedCapture> all = analysed(mixedCaptures() + mixedCaptures());
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilter filter;
    filter.setKinds({WebhookKind::General, WebhookKind::Integration});
    filter.setStates({ContractState::Ok, ContractState::Notes, ContractState::Warnings});
    model.setFilter(filter);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    qsizetype at = 0;
    for (int batch : {1, 6, 9, int(all.size()) - 16}) {
        inserted.clear();
        store.append(all.mid(at, batch));
        at += batch;
        compareTree(model, store, all.mid(0, at), filter);
        QVERIFY(inserted.size() <= 1); // one block per batch, at the end
    }
    QVERIFY(model.rowCount() > 0);
    model.setFilter(CaptureFilter());
    compareTree(model, store, all, CaptureFilter());
}

void TestEventTreeModel::reanalysedCapturesGetNewChildren() {
    QList<AnalysedCapture> pending = m_captures;
    for (AnalysedCapture &c : pending)
        c.analysed = false;
    CaptureStore store;
    store.append(pending);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilter filter;
    filter.setTags({QStringLiteral("CustomerAdded"), QStringLiteral("IntegrationDeleted")});
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 0);
    store.updateAnalyses(m_captures.mid(0, 8));
    QList<AnalysedCapture> now = pending;
    for (int i = 0; i < 8; ++i)
        now[i] = m_captures.at(i);
    compareTree(model, store, now, filter);
    store.updateAnalyses(m_captures.mid(8));
    compareTree(model, store, m_captures, filter);
    QVERIFY(model.rowCount() > 0);
}

void TestEventTreeModel::reanalysisOfTheSameShapeKeepsTheBranch() {
    // Two events each, without and with the entities embedded.
    const QByteArray current =
        general({{"ServiceOrderUpdated", "8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68"},
                 {"ServiceOrderUpdated", "e1b7c3d5-2a4f-4e86-9c0b-5d7f1a3e9b24"}});
    const QByteArray older =
        TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json"));
    QList<AnalysedCapture> now = analysed({webhook(current, 1), webhook(older, 2)});
    CaptureStore store;
    store.append(now);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QPersistentModelIndex event(model.index(1, 0, model.index(0, 0)));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto reanalyse = [&](const QByteArray &body) {
        now[0].analysis = analyse(webhook(body, 1)).analysis;
        store.updateAnalyses({now.at(0)});
        compareTree(model, store, now, CaptureFilter());
    };

    // Other events, as many, none embedded: the branch stays, with its new names.
    reanalyse(general({{"PaymentUpdated", "p1"}, {"PaymentUpdated", "p2"}}));
    QVERIFY(removed.isEmpty());
    QVERIFY(!changed.isEmpty());
    QVERIFY(event.isValid());
    QCOMPARE(event.row(), 1);
    QCOMPARE(event.data().toString(), QStringLiteral("PaymentUpdated"));

    // One event more, the first two as before: the branch is rebuilt.
    reanalyse(
        general({{"PaymentUpdated", "p1"}, {"PaymentUpdated", "p2"}, {"PaymentUpdated", "p3"}}));
    QCOMPARE(removed.size(), 1);
    QVERIFY(!event.isValid());
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);

    // As many events, now with their entities embedded: the branch is rebuilt.
    reanalyse(older);
    QCOMPARE(removed.size(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0, model.index(0, 0))), 1);
}

void TestEventTreeModel::textMatchesInsert() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilter filter;
    filter.setTextMatches({4});
    model.setFilter(filter);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    filter.addTextMatches({1, 7});
    model.setFilter(filter);
    QCOMPARE(reset.size(), 0);
    compareTree(model, store, m_captures, filter);
    QCOMPARE(model.rowOfPosition(0), 0);
    QCOMPARE(model.rowOfPosition(1), -1);
}

void TestEventTreeModel::resetAndClear() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    CaptureStore store;
    store.append(m_captures.mid(0, 3));
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    compareTree(model, store, written, CaptureFilter());
    store.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestEventTreeModel)
#include "tst_eventtreemodel.moc"
