#include "../models/modeltestdata.h"
#include "scratchhome.h"
#include "windowfixture.h"

#include "mainwindow.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/capturetext.h"
#include "models/eventlistmodel.h"
#include "models/eventtreemodel.h"
#include "models/taglistmodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/captures/emptystateoverlay.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/detailtabs.h"
#include "panes/detail/overviewtab.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "panes/listener/listenerbar.h"
#include "panes/windowstatusbar.h"
#include "session/capturestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace ModelTestData;
using namespace Qt::Literals::StringLiterals;

namespace {

/// Checks an action or discriminator in the filter pane's list; false when it is not there.
bool checkTag(TagListModel *tags, const QString &key) {
    for (int row = 0; row < tags->rowCount(); ++row) {
        const QModelIndex index = tags->index(row, 0);
        if (index.data(CheckableListModel::KeyRole).toString() == key)
            return tags->setData(index, Qt::Checked, Qt::CheckStateRole);
    }
    return false;
}

} // namespace

class TestMainWindow : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void emptyStateShowsWhereToSend();
    void sampleWebhooksFillTheWindow();
    void filtersByTagAndText();
    void eventListShowsTheEventsFilteredFor();
    void selectionShowsDetailAndEvents();
    void switchingEventsToTheTreeKeepsTheSelection();
    void ctrlCCopiesTheCell();
    void tabLeavesTheCaptureTable();
    void listenerUrlMasksTheToken();
    void revealSecretsStaysInSync();
    void captureRequestedClearsAHidingFilter();
    void followNewestKeepsTheNewestInView();
    void documentedKeysAreBound_data();
    void documentedKeysAreBound();
};

void TestMainWindow::emptyStateShowsWhereToSend() {
    const EmptyStateOverlay *empty = m_window->captureView()->emptyState();
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->title().contains(baseUrl()), qPrintable(empty->title()));
    QVERIFY(empty->text().contains(QLatin1String("curl ")));
    QVERIFY(m_window->windowStatusBar()->listenerText().contains(baseUrl()));
    QVERIFY(m_window->windowTitle().startsWith(QLatin1String("Untitled")));
    QVERIFY(!m_window->windowTitle().contains(QChar(0x2022)));
}

void TestMainWindow::sampleWebhooksFillTheWindow() {
    QAbstractItemModelTester tester(m_window->captureView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    sendSamples();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->captureView()->model()->rowCount(), samplesCount(), Wait);
    QVERIFY(!m_window->captureView()->emptyState()->isVisible());
    QCOMPARE(m_window->windowStatusBar()->countsText(),
             QStringLiteral("%1 captures").arg(samplesCount()));
    QVERIFY(m_window->windowTitle().contains(QChar(0x2022))); // untitled with captures
    QVERIFY(m_window->windowStatusBar()->sessionText().contains(QLatin1String("not saved")));
    QVERIFY(m_window->eventPane()->listModel()->rowCount() > samplesCount());
    // The malformed sample is there, as invalid JSON.
    qsizetype invalid = 0;
    for (qsizetype i = 0; i < m_window->store()->size(); ++i)
        invalid += m_window->store()->row(i).state == ContractState::InvalidJson;
    QCOMPARE(invalid, 1);
    // The filter lists count them (throttled, so not at once).
    TagListModel *tags = m_window->filterPane()->tagModel();
    const int tag = m_window->store()->index().tagOf(QStringLiteral("ServiceOrderUpdated"));
    QVERIFY(tag >= 0);
    const auto countOf = [tags](const QString &key) {
        for (int row = 0; row < tags->rowCount(); ++row) {
            const QModelIndex index = tags->index(row, 0);
            if (index.data(CheckableListModel::KeyRole).toString() == key)
                return index.data(CheckableListModel::CountRole).value<qsizetype>();
        }
        return qsizetype(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(countOf(QStringLiteral("ServiceOrderUpdated")),
                              m_window->store()->index().countWithTag(tag), Wait);
}

void TestMainWindow::filtersByTagAndText() {
    sendSamples();
    CaptureFilterProxy *proxy = m_window->proxy();
    QVERIFY(checkTag(m_window->filterPane()->tagModel(), QStringLiteral("IntegrationCreated")));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(m_window->windowStatusBar()->countsText(),
             QStringLiteral("1 of %1 captures").arg(samplesCount()));
    QVERIFY(m_window->filterPane()->countsText().startsWith(QLatin1String("1 of")));
    QCOMPARE(m_window->eventPane()->listModel()->rowCount(), 1); // the events follow
    // Live captures that do not match stay hidden; matching ones appear.
    QCOMPARE(post(baseUrl(), TestSupport::readData(QStringLiteral("samples/general-mixed.json"))),
             200);
    QCOMPARE(post(baseUrl(), TestSupport::readData(
                                 QStringLiteral("samples/integration-IntegrationCreated.json"))),
             200);
    QTRY_COMPARE_WITH_TIMEOUT(proxy->totalCount(), qsizetype(samplesCount() + 2), Wait);
    QCOMPARE(proxy->rowCount(), 2);

    m_window->filterPane()->clearFilters();
    QCOMPARE(proxy->rowCount(), samplesCount() + 2);
    QLineEdit *search = m_window->filterPane()->searchEdit();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(search->hasFocus(), Wait);
    QTest::keyClicks(search, QStringLiteral("IntegrationApiKeyCreated"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), 1, Wait);
    const QModelIndex only = proxy->index(0, CaptureTableModel::EventsColumn);
    QCOMPARE(only.data().toString(), QStringLiteral("IntegrationApiKeyCreated"));
    QTest::keyClick(search, Qt::Key_Escape);
    QVERIFY(search->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), samplesCount() + 2, Wait);
}

void TestMainWindow::selectionShowsDetailAndEvents() {
    sendSamples();
    const CaptureStore *store = m_window->store();
    qint64 general = 0;
    for (qsizetype i = 0; i < store->size() && !general; ++i) {
        if (store->row(i).kind == WebhookKind::General && store->row(i).eventCount > 1)
            general = store->row(i).id;
    }
    QVERIFY(general > 0);
    QVERIFY(m_window->captureView()->selectCapture(general));
    QCOMPARE(m_window->captureView()->currentCaptureId(), general);
    DetailPane *detail = m_window->detailPane();
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), general, Wait);
    QVERIFY(detail->tabs()->overview()->text().contains(QLatin1String("General webhook")));
    // Arrow keys move through the rows, and the detail follows.
    m_window->captureView()->setFocus();
    QTest::keyClick(m_window->captureView(), Qt::Key_Down);
    QVERIFY(m_window->captureView()->currentCaptureId() != general);
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), m_window->captureView()->currentCaptureId(),
                              Wait);
    // An event row shows its entity.
    QTableView *events = m_window->eventPane()->listView();
    int eventRow = -1;
    for (int row = 0; row < events->model()->rowCount() && eventRow < 0; ++row) {
        if (events->model()->index(row, 0).data(EventListModel::CaptureIdRole).toLongLong() ==
            general)
            eventRow = row;
    }
    QVERIFY(eventRow >= 0);
    events->setCurrentIndex(events->model()->index(eventRow, EventListModel::EventColumn));
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), general, Wait);
    QCOMPARE(detail->tabs()->currentIndex(), int(DetailTabs::EntityPage));
    // The tree shows the same capture with its events.
    m_window->eventPane()->setFlat(false);
    QVERIFY(m_window->eventPane()->treeView()->isVisible());
    QAbstractItemModelTester tester(m_window->eventPane()->treeView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_window->eventPane()->treeView()->model()->rowCount(), samplesCount());
}

void TestMainWindow::switchingEventsToTheTreeKeepsTheSelection() {
    sendSamples();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    // An event chosen in the list: the list has the focus.
    QTableView *events = m_window->eventPane()->listView();
    const int row = events->model()->rowCount() - 1;
    const qint64 captureId =
        events->model()->index(row, 0).data(EventListModel::CaptureIdRole).toLongLong();
    QVERIFY(captureId > 1);
    events->setFocus(Qt::MouseFocusReason);
    events->setCurrentIndex(events->model()->index(row, EventListModel::EventColumn));
    DetailPane *detail = m_window->detailPane();
    QTRY_COMPARE_WITH_TIMEOUT(detail->captureId(), captureId, Wait);
    QCOMPARE(m_window->captureView()->currentCaptureId(), captureId);
    // Tree: the focus moves to it, and nothing else changes.
    QToolButton *tree = nullptr;
    for (QToolButton *button : m_window->eventPane()->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral("Tree"))
            tree = button;
    }
    QVERIFY(tree);
    QTest::mouseClick(tree, Qt::LeftButton);
    QVERIFY(m_window->eventPane()->treeView()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->eventPane()->treeView()->hasFocus(), Wait);
    QCoreApplication::processEvents();
    QCOMPARE(m_window->captureView()->currentCaptureId(), captureId);
    QCOMPARE(detail->captureId(), captureId);
    QVERIFY(!m_window->eventPane()->treeView()->currentIndex().isValid());
}

void TestMainWindow::ctrlCCopiesTheCell() {
    sendSamples();
    CaptureTableView *table = m_window->captureView();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, CaptureTableModel::MethodColumn));
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("POST"));
    table->setCurrentIndex(table->model()->index(0, CaptureTableModel::NumberColumn));
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), table->model()->index(0, 0).data().toString());
}

void TestMainWindow::tabLeavesTheCaptureTable() {
    // Tab moves on to the next pane; it does not walk the cells into the next capture.
    sendSamples();
    CaptureTableView *table = m_window->captureView();
    const qint64 first = m_window->store()->row(0).id;
    QVERIFY(table->selectCapture(first));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    table->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(table->hasFocus(), Wait);
    QTest::keyClick(table, Qt::Key_Tab);
    QTRY_VERIFY_WITH_TIMEOUT(!table->hasFocus(), Wait);
    QCOMPARE(table->currentCaptureId(), first);
}

void TestMainWindow::listenerUrlMasksTheToken() {
    ListenerConfig config = m_window->listener()->config();
    config.token = QStringLiteral("s3cret-TOKEN-9f2c");
    QString error;
    QVERIFY2(m_window->listener()->apply(config, &error), qPrintable(error));
    ListenerBar *bar = m_window->listenerBar();
    QVERIFY(bar->shownText().contains(QLatin1String("?Token=")));
    QVERIFY(!bar->shownText().contains(config.token));
    bar->copyUrl();
    QCOMPARE(QApplication::clipboard()->text(), baseUrl());
    bar->copyUrlWithToken();
    QCOMPARE(QApplication::clipboard()->text(),
             baseUrl() + QStringLiteral("?Token=") + config.token);
    // Requests without the token are rejected now; the samples carry it.
    QCOMPARE(post(baseUrl(), "{}"), 401);
    QSignalSpy sent(m_window, &MainWindow::samplesSent);
    m_window->listener()->sendSamples();
    QVERIFY(sent.wait(Wait));
    QCOMPARE(sent.at(0).at(1).toInt(), 0);
    // Saved for the next start.
    QCOMPARE(QSettings().value(QStringLiteral("listener/token")).toString(), config.token);
}

void TestMainWindow::revealSecretsStaysInSync() {
    QAction *reveal = m_window->actions().revealSecrets;
    DetailPane *detail = m_window->detailPane();
    reveal->setChecked(true);
    QVERIFY(detail->secretsRevealed());
    QVERIFY(detail->header()->revealButton()->isChecked());
    detail->header()->revealButton()->click();
    QVERIFY(!detail->secretsRevealed());
    QVERIFY(!reveal->isChecked());
}

void TestMainWindow::captureRequestedClearsAHidingFilter() {
    sendSamples();
    m_window->proxy()->setStates({ContractState::InvalidJson});
    QCOMPARE(m_window->proxy()->rowCount(), 1);
    const qint64 hidden = m_window->store()->row(0).id;
    QVERIFY(!m_window->captureView()->selectCapture(hidden));
    Q_EMIT m_window->detailPane()->captureRequested(hidden);
    QCOMPARE(m_window->proxy()->rowCount(), samplesCount());
    QCOMPARE(m_window->captureView()->currentCaptureId(), hidden);
}

void TestMainWindow::followNewestKeepsTheNewestInView() {
    CaptureTableView *table = m_window->captureView();
    table->resize(table->width(), 200); // a few rows high
    m_window->actions().followNewest->setChecked(true);
    sendSamples();
    sendSamples(); // samplesCount() more
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2 * samplesCount(), Wait);
    QTRY_VERIFY_WITH_TIMEOUT(table->rowAt(table->viewport()->height() - 2) ==
                                     table->model()->rowCount() - 1 ||
                                 table->rowAt(table->viewport()->height() - 2) == -1,
                             Wait);
    QVERIFY(table->rowAt(0) > 0);
    // Without follow, rows that arrive do not move the view.
    m_window->actions().followNewest->setChecked(false);
    table->scrollToTop();
    table->setCurrentIndex(table->model()->index(1, 0));
    QCOMPARE(post(baseUrl(), "{}"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2 * samplesCount() + 1, Wait);
    QCOMPARE(table->rowAt(0), 0);
    QCOMPARE(table->currentIndex().row(), 1);
}

// The README's keyboard table, key by key: each must reach an action of the window on
// every platform theme, including plain X11 and offscreen, which bind fewer standard keys.
void TestMainWindow::documentedKeysAreBound_data() {
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("actionText");
    const QList<std::pair<const char *, const char *>> table = {
        {"Ctrl+N", "&New session"},
        {"Ctrl+O", "&Open…"},
        {"Ctrl+S", "&Save"},
        {"Ctrl+Shift+S", "Save &as…"},
        {"Ctrl+Q", "&Quit"},
        {"Ctrl+C", "&Copy"},
        {"Ctrl+Shift+C", ""},
        {"Ctrl+F", ""},
        {"Ctrl+Shift+X", ""},
        {"Ctrl+L", ""},
        {"Ctrl+,", ""},
        {"Ctrl+Shift+Backspace", ""},
        {"Ctrl+End", ""},
        {"Ctrl+Shift+F", ""},
    };
    for (const auto &[keys, text] : table)
        QTest::newRow(keys) << QString::fromUtf8(keys) << QString::fromUtf8(text);
}

void TestMainWindow::documentedKeysAreBound() {
    QFETCH(QString, keys);
    QFETCH(QString, actionText);
    const QKeySequence sequence = QKeySequence::fromString(keys, QKeySequence::PortableText);
    QVERIFY(!sequence.isEmpty());
    QStringList bound;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcuts().contains(sequence))
            bound.append(action->text());
    }
    QCOMPARE(bound.size(), 1); // bound, and to one action only
    if (!actionText.isEmpty())
        QCOMPARE(bound.constFirst(), actionText);
}

void TestMainWindow::eventListShowsTheEventsFilteredFor() {
    sendSamples();
    EventPane *events = m_window->eventPane();
    QVERIFY(checkTag(m_window->filterPane()->tagModel(), QStringLiteral("ServiceOrderUpdated")));
    // The captures that carry a ServiceOrderUpdated carry other events too; the flat list
    // shows only the reservation events, each of them.
    const CaptureIndex &index = m_window->store()->index();
    const QString wanted = QStringLiteral("ServiceOrderUpdated");
    int matching = 0;
    int carried = 0;
    for (int shown = 0; shown < m_window->proxy()->rowCount(); ++shown) {
        const auto position = m_window->proxy()
                                  ->index(shown, 0)
                                  .data(CaptureTableModel::PositionRole)
                                  .value<qsizetype>();
        for (qsizetype ordinal = 0; ordinal < index.events().countOf(position); ++ordinal) {
            ++carried;
            matching += CaptureText::eventName(index, position, quint32(ordinal)) == wanted ? 1 : 0;
        }
    }
    QVERIFY(matching > 0);
    QVERIFY2(carried > matching, "the samples should mix events in one webhook");
    const EventListModel *list = events->listModel();
    QCOMPARE(list->rowCount(), matching);
    for (int r = 0; r < list->rowCount(); ++r)
        QCOMPARE(list->index(r, EventListModel::EventColumn).data().toString(), wanted);
    QCOMPARE(events->title(), QStringLiteral("%1 events").arg(matching));
    // The tree shows those captures whole, and says how many.
    events->setFlat(false);
    QCOMPARE(events->treeModel()->rowCount(), m_window->proxy()->rowCount());
    QCOMPARE(events->title(), QStringLiteral("%1 captures").arg(m_window->proxy()->rowCount()));
    events->setFlat(true);
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestMainWindow>(argc, argv, QStringLiteral("tst_mainwindow"));
}

#include "tst_mainwindow.moc"
