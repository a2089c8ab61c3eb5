#include "../models/modeltestdata.h"

#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturetableview.h"
#include "session/capturestore.h"

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace ModelTestData;

namespace {

constexpr int Wait = 5000;

/// Counts the paint events a widget gets.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

QList<AnalysedCapture> generals(int count, qint64 firstId) {
    QList<Capture> captures;
    for (int n = 0; n < count; ++n)
        captures.append(webhook(general({{"ReservationUpdated", "a1"}}), int(firstId) + n));
    return analysed(captures, firstId);
}

} // namespace

class TestCaptureTableView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsBelowTheScreenRepaintNothingThroughTheProxy();
    void rowsAboveTheTopKeepTheRowsShownStill();
    void rowsAboveTheSelectedRowKeepItInPlace();
    void followingScrollsToTheNewest();
    void aFilterKeepsTheSelection();
    void aFilterLeavesTheColumnsWhereTheyAre();
    void focusKeepsWhatIsSelected();

private:
    /// Appends count captures and lets the window process what follows (bounded).
    void append(int count);
    /// Appends captures 1 to count: the even ones POST, the odd ones PUT.
    void appendPostsAndPuts(int count = 60);
    /// Lets pending layouts and paints run.
    void settle();

    std::unique_ptr<CaptureStore> m_store;
    std::unique_ptr<CaptureTableModel> m_model;
    std::unique_ptr<CaptureFilterProxy> m_proxy;
    std::unique_ptr<CaptureTableView> m_view;
    PaintCounter m_counter;
    qint64 m_nextId = 1;
};

void TestCaptureTableView::init() {
    m_store = std::make_unique<CaptureStore>();
    m_model = std::make_unique<CaptureTableModel>(m_store.get());
    m_proxy = std::make_unique<CaptureFilterProxy>(m_model.get());
    m_view = std::make_unique<CaptureTableView>(m_proxy.get());
    m_view->resize(900, 320);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->viewport()->installEventFilter(&m_counter);
    m_nextId = 1;
}

void TestCaptureTableView::cleanup() {
    m_view.reset();
    m_proxy.reset();
    m_model.reset();
    m_store.reset();
}

void TestCaptureTableView::append(int count) {
    m_store->append(generals(count, m_nextId));
    m_nextId += count;
    settle();
}

void TestCaptureTableView::appendPostsAndPuts(int count) {
    // Even numbers POST, odd ones PUT: a method filter keeps or hides them.
    QList<Capture> captures;
    for (int n = 1; n <= count; ++n)
        captures.append(webhook(general({{"ReservationUpdated", "a1"}}), n,
                                n % 2 ? QByteArrayLiteral("PUT") : QByteArrayLiteral("POST")));
    m_store->append(analysed(captures, 1));
    settle();
}

void TestCaptureTableView::settle() {
    // Layouts are posted and paints follow as update requests: a few rounds of the event
    // loop (bounded) deliver both.
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

// LiveTableView's own cases are in tst_livetableview; here, the same holds with the
// window's real stack (store, table model, filter proxy), whose inserts arrive in batches.
void TestCaptureTableView::rowsBelowTheScreenRepaintNothingThroughTheProxy() {
    append(60); // more than the 320-pixel viewport shows
    QVERIFY(m_view->rowAt(m_view->viewport()->height() - 1) >= 0);
    const int maximum = m_view->verticalScrollBar()->maximum();
    m_counter.paints = 0;
    append(25);
    QCOMPARE(m_proxy->rowCount(), 85);
    // Laid out (the scroll bar reaches the new rows), but the rows shown did not change.
    QCOMPARE(m_view->verticalScrollBar()->maximum(),
             maximum + 25 * m_view->verticalHeader()->defaultSectionSize());
    QCOMPARE(m_counter.paints, 0);
    QCOMPARE(m_view->rowAt(0), 0);
}

void TestCaptureTableView::rowsAboveTheTopKeepTheRowsShownStill() {
    m_view->sortByColumn(CaptureTableModel::NumberColumn, Qt::DescendingOrder);
    append(60);
    m_view->scrollByRows(10);
    settle();
    QCOMPARE(m_view->firstRowOnScreen(), 10);
    const qint64 topId = m_view->indexAt(QPoint(2, 2)).data(CaptureTableModel::IdRole).toLongLong();
    m_counter.paints = 0;
    append(5); // newest first: inserted above the top row
    QCOMPARE(m_view->indexAt(QPoint(2, 2)).data(CaptureTableModel::IdRole).toLongLong(), topId);
    QCOMPARE(m_view->firstRowOnScreen(), 15);
    QTRY_VERIFY_WITH_TIMEOUT(m_counter.paints > 0, Wait);
}

void TestCaptureTableView::rowsAboveTheSelectedRowKeepItInPlace() {
    // Sorted by method: a POST that arrives lands after the POSTs, above the PUTs.
    const auto arrive = [this](int count, const QByteArray &method) {
        QList<Capture> captures;
        for (int n = 0; n < count; ++n)
            captures.append(
                webhook(general({{"ReservationUpdated", "a1"}}), int(m_nextId) + n, method));
        m_store->append(analysed(captures, m_nextId));
        m_nextId += count;
        settle();
    };
    m_view->sortByColumn(CaptureTableModel::MethodColumn, Qt::AscendingOrder);
    arrive(30, QByteArrayLiteral("POST"));
    arrive(30, QByteArrayLiteral("PUT"));
    QVERIFY(m_view->selectCapture(31)); // the first PUT, row 30
    m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
    settle();
    const int top = m_view->firstRowOnScreen();
    QVERIFY(top > 0 && top < 30);
    const int y = m_view->visualRect(m_view->currentIndex()).y();
    QVERIFY(y > 0 && y < m_view->viewport()->height());

    arrive(4, QByteArrayLiteral("POST")); // rows 30-33: below the top, above the selection
    QCOMPARE(m_view->currentCaptureId(), 31);
    QCOMPARE(m_view->currentIndex().row(), 34);
    QCOMPARE(m_view->visualRect(m_view->currentIndex()).y(), y);
    QCOMPARE(m_view->firstRowOnScreen(), top + 4);

    // Below the selection, nothing moves.
    arrive(3, QByteArrayLiteral("PUT"));
    QCOMPARE(m_view->visualRect(m_view->currentIndex()).y(), y);
    // Nor when the selected row is off the screen: what is shown stays.
    m_view->scrollToTop();
    settle();
    const qint64 topId = m_view->indexAt(QPoint(2, 2)).data(CaptureTableModel::IdRole).toLongLong();
    arrive(2, QByteArrayLiteral("POST"));
    QCOMPARE(m_view->firstRowOnScreen(), 0);
    QCOMPARE(m_view->indexAt(QPoint(2, 2)).data(CaptureTableModel::IdRole).toLongLong(), topId);
    QCOMPARE(m_view->currentCaptureId(), 31);
}

void TestCaptureTableView::followingScrollsToTheNewest() {
    append(60);
    m_view->setFollowNewest(true);
    m_counter.paints = 0;
    append(10);
    const QModelIndex newest = m_view->model()->index(m_view->model()->rowCount() - 1, 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->visualRect(newest).intersects(m_view->viewport()->rect()),
                             Wait);
    QTRY_VERIFY_WITH_TIMEOUT(m_counter.paints > 0, Wait);
}

void TestCaptureTableView::aFilterKeepsTheSelection() {
    appendPostsAndPuts();
    QSignalSpy selected(m_view.get(), &CaptureTableView::captureSelected);
    QSignalSpy hidden(m_view.get(), &CaptureTableView::selectedCaptureHidden);
    QSignalSpy shown(m_view.get(), &CaptureTableView::selectedCaptureShown);
    QVERIFY(m_view->selectCapture(50));
    QCOMPARE(selected.size(), 1);
    selected.clear();
    const auto onScreen = [this] {
        return m_view->visualRect(m_view->currentIndex()).intersects(m_view->viewport()->rect());
    };

    m_proxy->setMethods({QStringLiteral("POST")}); // 30 of 60, 50 among them
    QCOMPARE(m_proxy->rowCount(), 30);
    QCOMPARE(m_view->currentCaptureId(), 50);
    QCOMPARE(m_view->selectedCaptureIds(), QList<qint64>{50});
    QVERIFY(onScreen());
    QVERIFY(selected.isEmpty()); // nothing to show again, and no "nothing selected"
    QVERIFY(shown.isEmpty());    // it was never hidden

    // Hidden: nothing is current, but the pane is not told to clear.
    m_proxy->setMethods({QStringLiteral("PUT")});
    QCOMPARE(m_view->currentCaptureId(), 0);
    QVERIFY(selected.isEmpty());
    QCOMPARE(hidden.size(), 1);
    QCOMPARE(hidden.at(0).at(0).toLongLong(), 50);
    QVERIFY(shown.isEmpty());
    // Shown again: selected again, and said once.
    m_proxy->setMethods({});
    QCOMPARE(m_view->currentCaptureId(), 50);
    QVERIFY(selected.isEmpty());
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(0).toLongLong(), 50);
    m_proxy->setMethods({QStringLiteral("POST")});
    QCOMPARE(shown.size(), 1); // it stayed in view: nothing to say
    m_proxy->setMethods({});

    // A search: every row goes, then the matches come in as rows are inserted. The
    // selection is hidden, then shown again and said so (the window's status bar no
    // longer says it is hidden).
    m_proxy->setTextMatches({});
    QCOMPARE(m_view->currentCaptureId(), 0);
    QCOMPARE(hidden.size(), 2);
    m_proxy->addTextMatches({3, 50});
    QCOMPARE(m_proxy->rowCount(), 2);
    QCOMPARE(m_view->currentCaptureId(), 50);
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown.at(1).at(0).toLongLong(), 50);
    m_proxy->addTextMatches({51});
    QCOMPARE(shown.size(), 2); // said once
    m_proxy->clearTextMatches();

    // Several selected rows stay selected.
    m_view->selectionModel()->select(m_view->model()->index(9, 0),
                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_proxy->setMethods({QStringLiteral("POST")});
    QCOMPARE(m_view->selectedCaptureIds(), (QList<qint64>{10, 50}));
    QCOMPARE(m_view->currentCaptureId(), 50);
    QVERIFY(selected.isEmpty());

    // Another session forgets it.
    m_store->clear();
    QCOMPARE(m_view->currentCaptureId(), 0);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), 0);
}

void TestCaptureTableView::aFilterLeavesTheColumnsWhereTheyAre() {
    // A row selected by a click in the Action / events column of a table narrower than
    // its columns: a filter brings the row back into view, but does not scroll sideways.
    m_view->resize(500, 320);
    appendPostsAndPuts();
    QVERIFY(m_view->horizontalScrollBar()->maximum() > 0);
    QCOMPARE(m_view->horizontalScrollBar()->value(), 0);
    const int column = CaptureTableModel::EventsColumn;
    const QModelIndex cell = m_view->model()->index(49, column);
    m_view->scrollTo(cell);
    settle();
    const int across = m_view->horizontalScrollBar()->value();
    QVERIFY(m_view->visualRect(cell).intersects(m_view->viewport()->rect()));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->visualRect(cell).center());
    QCOMPARE(m_view->currentCaptureId(), 50);
    QCOMPARE(m_view->currentIndex().column(), column);

    m_proxy->setMethods({QStringLiteral("POST")});
    settle();
    QCOMPARE(m_view->currentCaptureId(), 50);
    QCOMPARE(m_view->currentIndex().column(), column);
    QVERIFY(m_view->visualRect(m_view->currentIndex()).intersects(m_view->viewport()->rect()));
    QCOMPARE(m_view->horizontalScrollBar()->value(), across);
    m_proxy->setMethods({});
    settle();
    QCOMPARE(m_view->horizontalScrollBar()->value(), across);
}

void TestCaptureTableView::focusKeepsWhatIsSelected() {
    appendPostsAndPuts(20);
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get(), Wait));
    QSignalSpy selected(m_view.get(), &CaptureTableView::captureSelected);
    const auto focusAgain = [this] {
        m_view->clearFocus();
        m_view->setFocus(Qt::ActiveWindowFocusReason); // the user comes back to the window
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hasFocus(), Wait);
        settle();
    };

    // Nothing selected: the detail pane is not given the first row.
    focusAgain();
    QCOMPARE(m_view->currentCaptureId(), 0);
    QVERIFY(selected.isEmpty());

    // A selection hidden by a filter stays the selection, and comes back with the rows.
    QVERIFY(m_view->selectCapture(10));
    selected.clear();
    m_proxy->setMethods({QStringLiteral("PUT")});
    QCOMPARE(m_view->currentCaptureId(), 0);
    focusAgain();
    QCOMPARE(m_view->currentCaptureId(), 0);
    QVERIFY(selected.isEmpty());
    m_proxy->setMethods({});
    QCOMPARE(m_view->currentCaptureId(), 10);
    QCOMPARE(m_view->selectedCaptureIds(), QList<qint64>{10});
    QVERIFY(selected.isEmpty());
}

QTEST_MAIN(TestCaptureTableView)
#include "tst_capturetableview.moc"
