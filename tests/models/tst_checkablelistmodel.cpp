#include "modeltestdata.h"

#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/capturetext.h"
#include "models/deliverylistmodel.h"
#include "models/enterpriselistmodel.h"
#include "models/integrationlistmodel.h"
#include "models/kindlistmodel.h"
#include "models/methodlistmodel.h"
#include "models/statelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ModelTestData;
using Model = CheckableListModel;

namespace {

struct Expected {
    QString key;
    QString label;
    qsizetype count = 0;
};

void compareRows(const Model &model, const QList<Expected> &expected) {
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, 0).data(Model::KeyRole).toString(), expected.at(row).key);
        QCOMPARE(model.index(row, Model::NameColumn).data().toString(), expected.at(row).label);
        QCOMPARE(model.index(row, Model::CountColumn).data(Model::CountRole).toLongLong(),
                 qint64(expected.at(row).count));
    }
}

/// Values in order first seen, with counts and the name any capture gave.
QList<Expected> firstSeen(const QList<AnalysedCapture> &captures, bool enterprises) {
    QList<Expected> values;
    QHash<QString, QString> names;
    for (const AnalysedCapture &c : captures) {
        const QString id = enterprises ? c.analysis.enterpriseId : c.analysis.integrationId;
        const QString name = enterprises ? c.analysis.enterpriseName : c.analysis.integrationName;
        if (id.isEmpty())
            continue;
        if (!name.isEmpty())
            names.insert(id, name);
        auto found = std::find_if(values.begin(), values.end(),
                                  [&](const Expected &e) { return e.key == id; });
        if (found == values.end())
            values.append({id, QString(), 1});
        else
            ++found->count;
    }
    for (Expected &e : values) {
        const QString shortId = e.key.left(8) + QStringLiteral("…");
        e.label =
            names.contains(e.key) ? names.value(e.key) + QStringLiteral(" · ") + shortId : shortId;
    }
    return values;
}

} // namespace

class TestCheckableListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void kinds();
    void states();
    void methods();
    void deliveries();
    void deliveryCountsMatchWhatTheFilterShows_data();
    void deliveryCountsMatchWhatTheFilterShows();
    void enterprisesAndIntegrations();
    void exclusiveListsCheckOne();
    void everyListPassesTheTester();

private:
    QList<AnalysedCapture> m_captures;
};

void TestCheckableListModel::initTestCase() {
    QList<Capture> captures = mixedCaptures();
    captures.append(webhook(general({{"CustomerAdded", "c"}}), 80, "PUT"));
    captures.append(rejected(81, QStringLiteral("405: DELETE is not accepted")));
    captures.last().method = QByteArrayLiteral("DELETE");
    m_captures = analysed(captures);
}

void TestCheckableListModel::kinds() {
    CaptureStore store;
    KindListModel model(&store);
    store.append(m_captures);
    QList<Expected> expected;
    for (WebhookKind kind : KindListModel::allKinds()) {
        const qsizetype count =
            std::count_if(m_captures.cbegin(), m_captures.cend(),
                          [kind](const AnalysedCapture &c) { return c.analysis.kind == kind; });
        expected.append({webhookKindId(kind), webhookKindName(kind), count});
    }
    compareRows(model, expected);
    model.setCheckedKeys(
        {webhookKindId(WebhookKind::InvalidJson), webhookKindId(WebhookKind::General)});
    QCOMPARE(model.checkedKinds(),
             (QList<WebhookKind>{WebhookKind::General, WebhookKind::InvalidJson}));
}

void TestCheckableListModel::states() {
    CaptureStore store;
    StateListModel model(&store);
    store.append(m_captures);
    QList<Expected> expected;
    for (ContractState state : StateListModel::allStates()) {
        const qsizetype count = std::count_if(
            m_captures.cbegin(), m_captures.cend(), [state](const AnalysedCapture &c) {
                return (c.capture.isRejected() ? ContractState::Rejected
                                               : c.analysis.contractState()) == state;
            });
        expected.append({contractStateId(state), CaptureText::stateName(state), count});
    }
    compareRows(model, expected);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(!model.index(row, 0).data(Qt::ToolTipRole).toString().isEmpty());
    model.setCheckedKeys({QStringLiteral("rejected"), QStringLiteral("ok")});
    QCOMPARE(model.checkedStates(),
             (QList<ContractState>{ContractState::Ok, ContractState::Rejected}));
}

void TestCheckableListModel::deliveries() {
    // Every capture once, then the first three sent again, one of them twice.
    QList<AnalysedCapture> all = m_captures;
    for (const qsizetype from : {0, 1, 2, 0}) {
        AnalysedCapture again = m_captures.at(from);
        again.capture.id = all.constLast().capture.id + 1;
        all.append(again);
    }
    CaptureStore store;
    DeliveryListModel model(&store);
    store.append(all);
    // The oracle: one message per (body, method, path); a capture without a body is no
    // message, so it was not sent again and counts as a first delivery.
    QSet<QByteArray> seen;
    qsizetype first = 0;
    qsizetype repeats = 0;
    for (const AnalysedCapture &c : std::as_const(all)) {
        if (c.capture.body.isEmpty()) {
            ++first;
            continue;
        }
        const QByteArray key = c.capture.method + ' ' + c.capture.path() + ' ' + c.capture.body;
        if (seen.contains(key)) {
            ++repeats;
        } else {
            seen.insert(key);
            ++first;
        }
    }
    QCOMPARE(repeats, 4);
    QCOMPARE(first + repeats, all.size());
    compareRows(model, {{QStringLiteral("first"), QStringLiteral("First delivery"), first},
                        {QStringLiteral("repeat"), QStringLiteral("Sent again"), repeats}});
    model.setCheckedKeys({QStringLiteral("repeat")});
    QCOMPARE(model.checkedDeliveries(), QList<DeliveryKind>{DeliveryKind::Repeat});
}

void TestCheckableListModel::deliveryCountsMatchWhatTheFilterShows_data() {
    QTest::addColumn<QStringList>("checked");
    QTest::newRow("first") << QStringList{QStringLiteral("first")};
    QTest::newRow("repeat") << QStringList{QStringLiteral("repeat")};
    QTest::newRow("both") << QStringList{QStringLiteral("first"), QStringLiteral("repeat")};
}

void TestCheckableListModel::deliveryCountsMatchWhatTheFilterShows() {
    // Captures without a body (rejected probes, a GET) among them, one of them twice.
    QFETCH(QStringList, checked);
    QList<AnalysedCapture> all = m_captures;
    for (AnalysedCapture again : {m_captures.at(0), m_captures.constLast(), m_captures.at(1)}) {
        again.capture.id = all.constLast().capture.id + 1;
        all.append(again);
    }
    all.append(analysed({webhook(QByteArray(), 90, "GET")}, all.constLast().capture.id + 1));
    QVERIFY(std::count_if(all.cbegin(), all.cend(),
                          [](const AnalysedCapture &c) { return c.capture.body.isEmpty(); }) >= 3);
    CaptureStore store;
    DeliveryListModel model(&store);
    CaptureTableModel table(&store);
    CaptureFilterProxy proxy(&table);
    store.append(all);
    // As the filter pane applies a change of the checks.
    connect(&model, &CheckableListModel::checkedChanged, &proxy,
            [&] { proxy.setDeliveries(model.checkedDeliveries()); });
    model.setCheckedKeys(checked);
    qsizetype counted = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex count = model.index(row, Model::CountColumn);
        if (checked.contains(count.data(Model::KeyRole).toString()))
            counted += count.data(Model::CountRole).toLongLong();
    }
    QCOMPARE(proxy.shownCount(), counted);
    QCOMPARE(proxy.rowCount(), int(counted));
    if (checked.size() == model.rowCount())
        QCOMPARE(counted, all.size());
}

void TestCheckableListModel::methods() {
    CaptureStore store;
    MethodListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (const AnalysedCapture &c : std::as_const(m_captures))
        store.append({c});
    QList<Expected> expected;
    for (const AnalysedCapture &c : std::as_const(m_captures)) {
        const QString method = QString::fromUtf8(c.capture.method);
        auto found = std::find_if(expected.begin(), expected.end(),
                                  [&](const Expected &e) { return e.key == method; });
        if (found == expected.end())
            expected.append({method, method, 1});
        else
            ++found->count;
    }
    compareRows(model, expected);
    QCOMPARE(inserted.size(), expected.size()); // each new method one insert, no reset
    store.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestCheckableListModel::enterprisesAndIntegrations() {
    CaptureStore store;
    EnterpriseListModel enterprises(&store);
    IntegrationListModel integrations(&store);
    store.append(m_captures);
    compareRows(enterprises, firstSeen(m_captures, true));
    compareRows(integrations, firstSeen(m_captures, false));
    // The Integration sample names both.
    QVERIFY(enterprises.index(0, 0).data().toString().startsWith(
        QStringLiteral("Hotel Aurora Lisboa · ")));
    QCOMPARE(enterprises.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Enterprise"));
    QCOMPARE(integrations.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Captures"));
}

void TestCheckableListModel::exclusiveListsCheckOne() {
    CaptureStore store;
    store.append(m_captures);
    EnterpriseListModel model(&store);
    QVERIFY(model.isExclusive());
    QVERIFY(model.rowCount() >= 2);
    QSignalSpy checked(&model, &CheckableListModel::checkedChanged);
    QVERIFY(model.setData(model.index(0, 0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(model.checkedKeys(), QStringList{model.index(1, 0).data(Model::KeyRole).toString()});
    QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    model.setCheckedKeys({model.index(0, 0).data(Model::KeyRole).toString(),
                          model.index(1, 0).data(Model::KeyRole).toString()});
    QCOMPARE(model.checkedKeys().size(), 1);
    QCOMPARE(checked.size(), 3);
    KindListModel kinds(&store);
    QVERIFY(!kinds.isExclusive());
}

void TestCheckableListModel::everyListPassesTheTester() {
    CaptureStore store;
    std::vector<std::unique_ptr<Model>> models;
    models.push_back(std::make_unique<KindListModel>(&store));
    models.push_back(std::make_unique<StateListModel>(&store));
    models.push_back(std::make_unique<DeliveryListModel>(&store));
    models.push_back(std::make_unique<MethodListModel>(&store));
    models.push_back(std::make_unique<EnterpriseListModel>(&store));
    models.push_back(std::make_unique<IntegrationListModel>(&store));
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (const auto &model : models) {
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        model->setCheckedKeys({model->index(0, 0).data(Model::KeyRole).toString()});
    }
    for (qsizetype at = 0; at < m_captures.size(); at += 5)
        store.append(m_captures.mid(at, 5));
    store.updateAnalyses(m_captures.mid(0, 4));
    store.clear();
    for (const auto &model : models) {
        // Kinds and states stay listed (with zero counts); the rest went with the captures.
        const bool fixed = qobject_cast<KindListModel *>(model.get()) ||
                           qobject_cast<StateListModel *>(model.get()) ||
                           qobject_cast<DeliveryListModel *>(model.get());
        QCOMPARE(model->rowCount() > 0, fixed);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 1).data(Model::CountRole).toLongLong(), 0);
    }
}

QTEST_GUILESS_MAIN(TestCheckableListModel)
#include "tst_checkablelistmodel.moc"
