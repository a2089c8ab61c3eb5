#include "modeltestdata.h"

#include "mews/contractschema.h"
#include "models/taglistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;
using Model = TagListModel;

namespace {

QStringList keys(const Model &model) {
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys.append(model.index(row, 0).data(Model::KeyRole).toString());
    return keys;
}

int rowOf(const Model &model, const QString &key) {
    return int(keys(model).indexOf(key));
}

} // namespace

class TestTagListModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownNamesAlwaysListed();
    void countsFollowTheStore();
    void unknownNamesAreAddedAndMarked();
    void checking();
    void checkedNamesSurviveAReset();
    void manualRefresh();
};

void TestTagListModel::knownNamesAlwaysListed() {
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ContractSchema &schema = ContractSchema::instance();
    const QStringList expected =
        schema.events()->valueNames() + schema.integrationActions()->valueNames();
    QCOMPARE(expected.size(), 14);
    QCOMPARE(keys(model), expected);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex name = model.index(row, Model::NameColumn);
        QCOMPARE(model.index(row, Model::CountColumn).data(Model::CountRole).toLongLong(), 0);
        QVERIFY(name.data(Model::KnownRole).toBool());
        QCOMPARE(name.data(Model::GroupRole).toString(),
                 row < 7 ? Model::eventsGroup() : Model::actionsGroup());
        QVERIFY(!name.data(Model::DescriptionRole).toString().isEmpty());
        QCOMPARE(name.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.flags(name).testFlag(Qt::ItemIsUserCheckable));
    }
}

void TestTagListModel::countsFollowTheStore() {
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<AnalysedCapture> all = analysed(mixedCaptures() + mixedCaptures());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    qsizetype at = 0;
    for (int batch : {3, 8, int(all.size()) - 11}) {
        store.append(all.mid(at, batch));
        at += batch;
        // Captures carrying each name, counted from the decoder's analyses.
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString name = model.index(row, 0).data(Model::KeyRole).toString();
            qsizetype expected = 0;
            for (const AnalysedCapture &c : all.mid(0, at)) {
                bool has = c.analysis.action == name;
                for (const WebhookEvent &e : c.analysis.events)
                    has = has || e.discriminator == name;
                expected += has ? 1 : 0;
            }
            QCOMPARE(model.index(row, Model::CountColumn).data(Model::CountRole).toLongLong(),
                     expected);
            QCOMPARE(model.index(row, Model::CountColumn).data().toString(),
                     QString::number(expected));
        }
    }
    QVERIFY(!changed.isEmpty());
}

void TestTagListModel::unknownNamesAreAddedAndMarked() {
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    store.append(analysed({webhook(general({{"ReservationTeleported", "r"}}), 1)}));
    QByteArray oddAction =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationEnabled.json"));
    oddAction.replace("IntegrationEnabled", "IntegrationPaused");
    store.append(analysed({webhook(oddAction, 2)}, 2));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(reset.size(), 0);
    const int event = rowOf(model, QStringLiteral("ReservationTeleported"));
    const int action = rowOf(model, QStringLiteral("IntegrationPaused"));
    QCOMPARE(event, 7);   // after the known events, before the actions
    QCOMPARE(action, 15); // after the known actions
    QVERIFY(!model.index(event, 0).data(Model::KnownRole).toBool());
    QCOMPARE(model.index(event, 0).data(Model::GroupRole).toString(), Model::eventsGroup());
    QCOMPARE(model.index(action, 0).data(Model::GroupRole).toString(), Model::actionsGroup());
    QVERIFY(model.index(action, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("not in the published contract")));
    QCOMPARE(model.index(event, Model::CountColumn).data(Model::CountRole).toLongLong(), 1);
}

void TestTagListModel::checking() {
    CaptureStore store;
    store.append(analysed(mixedCaptures()));
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy checked(&model, &CheckableListModel::checkedChanged);
    const int message = rowOf(model, QStringLiteral("MessageAdded"));
    const int created = rowOf(model, QStringLiteral("IntegrationCreated"));
    QVERIFY(model.setData(model.index(created, 0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(message, 0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(checked.size(), 2);
    // In row order, whatever order they were checked in.
    QCOMPARE(checked.last().at(0).toStringList(),
             (QStringList{QStringLiteral("MessageAdded"), QStringLiteral("IntegrationCreated")}));
    QCOMPARE(model.index(message, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(
        !model.setData(model.index(message, Model::CountColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!model.setData(model.index(message, 0), QStringLiteral("x"), Qt::CheckStateRole));
    QVERIFY(!model.setData(model.index(message, 0), Qt::Checked, Qt::DisplayRole));
    QVERIFY(model.setData(model.index(message, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.checkedKeys(), QStringList{QStringLiteral("IntegrationCreated")});
    model.setCheckedKeys({QStringLiteral("PaymentUpdated"), QStringLiteral("NotListed")});
    QCOMPARE(model.checkedKeys(), QStringList{QStringLiteral("PaymentUpdated")});
    model.clearChecks();
    QVERIFY(model.checkedKeys().isEmpty());
    QCOMPARE(checked.last().at(0).toStringList(), QStringList());
}

void TestTagListModel::checkedNamesSurviveAReset() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, {webhook(general({{"CustomerAdded", "c"}}), 1)});
    CaptureStore store;
    store.append(analysed(mixedCaptures()));
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCheckedKeys(
        {QStringLiteral("CustomerAdded"), QStringLiteral("ReservationTeleported")});
    QSignalSpy checked(&model, &CheckableListModel::checkedChanged);
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    // The unknown name is gone with its session, so is its check; the known one stays.
    QCOMPARE(rowOf(model, QStringLiteral("ReservationTeleported")), -1);
    QCOMPARE(model.checkedKeys(), QStringList{QStringLiteral("CustomerAdded")});
    QCOMPARE(checked.size(), 1);
    QCOMPARE(model.index(rowOf(model, QStringLiteral("CustomerAdded")), 1)
                 .data(Model::CountRole)
                 .toLongLong(),
             1);
}

void TestTagListModel::manualRefresh() {
    CaptureStore store;
    Model model(&store);
    model.setAutoRefresh(false);
    QVERIFY(!model.autoRefresh());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    store.append(analysed(mixedCaptures()));
    QCOMPARE(changed.size(), 0);
    const int message = rowOf(model, QStringLiteral("MessageAdded"));
    QCOMPARE(model.index(message, 1).data(Model::CountRole).toLongLong(), 0);
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QVERIFY(model.index(message, 1).data(Model::CountRole).toLongLong() > 0);
}

QTEST_GUILESS_MAIN(TestTagListModel)
#include "tst_taglistmodel.moc"
