#include "detailfixture.h"

#include "models/entityhistorymodel.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/historytab.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace DetailFixtureData;

class TestHistoryTab : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void historyOpensOtherCaptures();
    void integrationHistoryListsTheIntegrationsWebhooks();
};

void TestHistoryTab::historyOpensOtherCaptures() {
    const qint64 mixed = idOf(QStringLiteral("mixed"));
    m_pane->showEvent(mixed, 1); // ResourceUpdated 4a6c8e0b…, also in the "resource" capture
    QTableView *history = m_pane->tabs()->history()->view();
    QAbstractItemModel *model = history->model();
    QVERIFY(model->rowCount() >= 2);
    int other = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(EntityHistoryModel::CaptureIdRole).toLongLong() ==
            idOf(QStringLiteral("resource")))
            other = row;
    }
    QVERIFY(other >= 0);
    QVERIFY(
        m_pane->tabs()->tabText(DetailTabs::HistoryPage).startsWith(QStringLiteral("History (")));
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    Q_EMIT history->activated(model->index(other, 0));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toLongLong(), idOf(QStringLiteral("resource")));
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("resource")));
    QCOMPARE(m_pane->tabs()->entity()->form().entityId,
             QStringLiteral("4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"));
}

void TestHistoryTab::integrationHistoryListsTheIntegrationsWebhooks() {
    m_pane->showCapture(idOf(QStringLiteral("enabled")));
    QCOMPARE(m_pane->tabs()->entity()->form().subject, EntityForm::Subject::IntegrationData);
    HistoryTab *history = m_pane->tabs()->history();
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(history->model()->index(0, EntityHistoryModel::EventColumn).data().toString(),
             QStringLiteral("IntegrationCreated"));
    QCOMPARE(history->model()->index(1, EntityHistoryModel::EventColumn).data().toString(),
             QStringLiteral("IntegrationEnabled"));
    QVERIFY(history->model()->index(1, 0).data(EntityHistoryModel::CurrentRole).toBool());
    QVERIFY(history->text().startsWith(QStringLiteral("Integration 0c9a7e52-")));
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    Q_EMIT history->view()->activated(history->model()->index(0, 0));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("integration")));
    QCOMPARE(m_pane->tabs()->entity()->form().typeName, QStringLiteral("IntegrationCreatedData"));
}

QTEST_MAIN(TestHistoryTab)
#include "tst_historytab.moc"
