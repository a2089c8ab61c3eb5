#include "scratchhome.h"
#include "windowfixture.h"

#include "dialogs/resenddialog.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/eventlistmodel.h"
#include "models/eventtreemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/detailtabs.h"
#include "panes/detail/entitytab.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "panes/windowstatusbar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

// What the window shows follows the last selection, in the capture table or the event
// pane, whichever it was in; clicks go through the real views.
class TestCaptureSelection : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { tearDown(); }
    void clickingARowAfterAnEventShowsTheRow();
    void clickingAnEventAgainShowsItAgain();
    void aTreeNodeSelectsItsCaptureRow();
    void aFilterKeepsWhatIsShown();

private:
    /// Clicks a row of an item view (scrolled into view first).
    static void click(QAbstractItemView *view, const QModelIndex &index);
    QModelIndex tableRow(qint64 captureId) const;
    /// The first event row (list) of a capture.
    QModelIndex eventRow(qint64 captureId) const;

    qint64 m_plain = 0;   ///< a capture without events
    qint64 m_general = 0; ///< a General webhook with several events
};

void TestCaptureSelection::init() {
    QVERIFY(setUp());
    sendSamples();
    const CaptureStore *store = m_window->store();
    m_plain = 0;
    m_general = 0;
    for (qsizetype i = 0; i < store->size(); ++i) {
        const CaptureIndexRow &row = store->row(i);
        if (!m_general && row.kind == WebhookKind::General && row.eventCount > 1)
            m_general = row.id;
        else if (!m_plain && row.eventCount == 0)
            m_plain = row.id;
    }
    if (!m_plain) // every sample has events: any other capture will do
        m_plain = store->row(0).id == m_general ? store->row(1).id : store->row(0).id;
    QVERIFY(m_general > 0 && m_plain > 0 && m_plain != m_general);
}

void TestCaptureSelection::click(QAbstractItemView *view, const QModelIndex &index) {
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

QModelIndex TestCaptureSelection::tableRow(qint64 captureId) const {
    const QAbstractItemModel *model = m_window->captureView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, CaptureTableModel::NumberColumn);
        if (index.data(CaptureTableModel::IdRole).toLongLong() == captureId)
            return index;
    }
    return {};
}

QModelIndex TestCaptureSelection::eventRow(qint64 captureId) const {
    const QAbstractItemModel *model = m_window->eventPane()->listView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, EventListModel::EventColumn);
        if (index.data(EventListModel::CaptureIdRole).toLongLong() == captureId)
            return index;
    }
    return {};
}

void TestCaptureSelection::clickingARowAfterAnEventShowsTheRow() {
    CaptureTableView *table = m_window->captureView();
    DetailPane *detail = m_window->detailPane();
    click(table, tableRow(m_plain));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_plain, Wait);

    // An event of another capture: the pane shows it, and the table follows.
    click(m_window->eventPane()->listView(), eventRow(m_general));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_general, Wait);
    QCOMPARE(detail->tabs()->currentIndex(), int(DetailTabs::EntityPage));
    QCOMPARE(table->currentCaptureId(), m_general);
    QCOMPARE(table->selectedCaptureIds(), QList<qint64>{m_general});

    // The first row again: shown, and what Copy as cURL copies.
    click(table, tableRow(m_plain));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_plain, Wait);
    QCOMPARE(table->selectedCaptureIds(), QList<qint64>{m_plain});
    QApplication::clipboard()->clear();
    m_window->actions().copyCurl->trigger();
    QVERIFY(!detail->curlCommand().isEmpty());
    QCOMPARE(QApplication::clipboard()->text(), detail->curlCommand());

    // Right-clicking a capture offers what acts on it and on the selection.
    const QList<QAction *> rowActions = table->actions();
    QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
    for (QAction *expected :
         {m_window->actions().copyCurl, m_window->actions().resend,
          m_window->actions().exportSelectedHar, m_window->actions().exportSelectedJsonl})
        QVERIFY2(rowActions.contains(expected), qPrintable(expected->text()));

    // Resend opens for the capture shown.
    m_window->actions().resend->trigger();
    auto *resend = m_window->findChild<ResendDialog *>();
    QVERIFY(resend);
    QCOMPARE(resend->windowTitle(), QStringLiteral("Resend capture #%1").arg(m_plain));
    resend->close();
}

void TestCaptureSelection::clickingAnEventAgainShowsItAgain() {
    DetailPane *detail = m_window->detailPane();
    QTableView *events = m_window->eventPane()->listView();
    const QModelIndex event = eventRow(m_general);
    click(events, event);
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_general, Wait);

    click(m_window->captureView(), tableRow(m_plain));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_plain, Wait);
    // The event no longer looks selected: the pane does not show it.
    QVERIFY(!events->selectionModel()->isSelected(event));

    click(events, event);
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_general, Wait);
    QCOMPARE(detail->tabs()->currentIndex(), int(DetailTabs::EntityPage));
    QCOMPARE(m_window->captureView()->currentCaptureId(), m_general);
}

void TestCaptureSelection::aTreeNodeSelectsItsCaptureRow() {
    m_window->eventPane()->setFlat(false);
    QTreeView *tree = m_window->eventPane()->treeView();
    click(m_window->captureView(), tableRow(m_plain));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), m_plain, Wait);

    QModelIndex node;
    for (int row = 0; row < tree->model()->rowCount() && !node.isValid(); ++row) {
        const QModelIndex index = tree->model()->index(row, 0);
        if (index.data(EventTreeModel::CaptureIdRole).toLongLong() == m_general)
            node = index;
    }
    click(tree, node);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), m_general, Wait);
    QCOMPARE(m_window->captureView()->selectedCaptureIds(), QList<qint64>{m_general});
    // Keyboard: the next capture node, and the table follows again.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Down);
    const qint64 next = tree->currentIndex().data(EventTreeModel::CaptureIdRole).toLongLong();
    QVERIFY(next > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), next, Wait);
    QCOMPARE(m_window->captureView()->currentCaptureId(), next);
}

void TestCaptureSelection::aFilterKeepsWhatIsShown() {
    CaptureTableView *table = m_window->captureView();
    DetailPane *detail = m_window->detailPane();
    CaptureFilterProxy *proxy = m_window->proxy();
    const ContractState state =
        m_window->store()->row(m_window->store()->positionOf(m_general)).state;
    click(table, tableRow(m_general));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_general, Wait);

    // A filter that keeps it: still selected, still shown.
    proxy->setStates({state});
    QVERIFY(proxy->rowCount() < samplesCount());
    QCOMPARE(table->currentCaptureId(), m_general);
    QCOMPARE(table->selectedCaptureIds(), QList<qint64>{m_general});
    QCOMPARE(detail->captureId(), m_general);
    QVERIFY(detail->emptyText().isEmpty());
    m_window->filterPane()->clearFilters();
    QCOMPARE(table->currentCaptureId(), m_general);
    QCOMPARE(detail->captureId(), m_general);

    // Search keystrokes: every row goes, the matches come back.
    QLineEdit *search = m_window->filterPane()->searchEdit();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("Events"));
    QTRY_VERIFY_WITH_TIMEOUT(proxy->rowCount() > 0 && proxy->rowCount() < samplesCount(), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(table->currentCaptureId(), m_general, Wait);
    QCOMPARE(detail->captureId(), m_general);
    search->clear();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), samplesCount(), Wait);

    // A selected event stays selected, and shown, through a filter that keeps it.
    QTableView *events = m_window->eventPane()->listView();
    click(events, eventRow(m_general));
    QTRY_COMPARE_WITH_TIMEOUT(detail->tabs()->currentIndex(), int(DetailTabs::EntityPage), Wait);
    const QString entity = detail->tabs()->entity()->titleText();
    const int ordinal = events->currentIndex().data(EventListModel::OrdinalRole).toInt();
    proxy->setStates({state});
    QVERIFY(events->currentIndex().isValid());
    QCOMPARE(events->currentIndex().data(EventListModel::CaptureIdRole).toLongLong(), m_general);
    QCOMPARE(events->currentIndex().data(EventListModel::OrdinalRole).toInt(), ordinal);
    QCOMPARE(detail->tabs()->currentIndex(), int(DetailTabs::EntityPage));
    QCOMPARE(detail->tabs()->entity()->titleText(), entity);

    // Hidden: the pane keeps it (as Wireshark does) and the table has no row current;
    // shown again, it is selected again.
    QList<ContractState> others;
    for (ContractState other :
         {ContractState::Ok, ContractState::Notes, ContractState::Warnings, ContractState::Errors,
          ContractState::InvalidJson, ContractState::Rejected})
        if (other != state)
            others.append(other);
    proxy->setStates(others);
    QCOMPARE(table->currentCaptureId(), 0);
    QCOMPARE(detail->captureId(), m_general);
    QVERIFY(m_window->windowStatusBar()->currentMessage().contains(QLatin1String("hidden")));
    proxy->setStates({});
    QCOMPARE(table->currentCaptureId(), m_general);
    QCOMPARE(events->currentIndex().data(EventListModel::CaptureIdRole).toLongLong(), m_general);
    QCOMPARE(detail->captureId(), m_general);
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestCaptureSelection>(argc, argv,
                                                  QStringLiteral("tst_captureselection"));
}

#include "tst_captureselection.moc"
