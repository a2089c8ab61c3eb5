#include "panes/livetableview.h"

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

namespace {

constexpr int Wait = 5000;

/// Counts paints of the viewport and the arrivals the view reports.
class ProbedView : public LiveTableView {
public:
    using LiveTableView::LiveTableView;
    int paints = 0;
    QList<std::pair<int, int>> arrivals;
    bool follow = false;
    bool keep = false; ///< what the base class does with arrivals (keepInPlace)

protected:
    bool viewportEvent(QEvent *event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return LiveTableView::viewportEvent(event);
    }
    void rowsArrived(int first, int last) override {
        arrivals.append({first, last});
        if (keep)
            LiveTableView::rowsArrived(first, last);
    }
    bool followsArrivals() const override { return follow; }
};

void appendRows(QStandardItemModel &model, int count) {
    for (int i = 0; i < count; ++i) {
        const int n = model.rowCount() + 1;
        model.appendRow({new QStandardItem(QString::number(n)),
                         new QStandardItem(QStringLiteral("row %1").arg(n))});
    }
}

/// Lets pending layouts and paints run (bounded).
void settle() {
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

} // namespace

class TestLiveTableView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsBelowTheScreenOnlyGrowTheScrollBar();
    void rowsOnScreenAreRepainted();
    void rowsInTheMiddleAreRepainted();
    void followingRepaintsEveryArrival();
    void anotherModelIsFollowed();
    void uniformRowsFindTheRowsOnScreen_data();
    void uniformRowsFindTheRowsOnScreen();
    void scrollByRows_data();
    void scrollByRows();
    void rowsAboveTheCurrentRowKeepItInPlace();
    void focusMakesNoRowCurrent_data();
    void focusMakesNoRowCurrent();
    void homeAndEndGoToTheFirstAndLastRow_data();
    void homeAndEndGoToTheFirstAndLastRow();
    void atItsMinimumItShowsWholeRows_data();
    void shrinkingKeepsTheCurrentRowInView_data();
    void shrinkingKeepsTheCurrentRowInView();
    void shrinkingLeavesACurrentRowScrolledAway();
    void atItsMinimumItShowsWholeRows();

private:
    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<ProbedView> m_view;
};

void TestLiveTableView::init() {
    m_model = std::make_unique<QStandardItemModel>(0, 2);
    m_view = std::make_unique<ProbedView>();
    m_view->setModel(m_model.get());
    m_view->resize(400, 200);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestLiveTableView::cleanup() {
    m_view.reset();
    m_model.reset();
}

void TestLiveTableView::rowsBelowTheScreenOnlyGrowTheScrollBar() {
    appendRows(*m_model, 40);
    settle();
    QVERIFY(m_view->rowAt(m_view->viewport()->height() - 1) >= 0); // the screen is full
    const int maximum = m_view->verticalScrollBar()->maximum();
    m_view->paints = 0;
    m_view->arrivals.clear();
    appendRows(*m_model, 3);
    settle();
    QCOMPARE(m_view->paints, 0);
    QCOMPARE(m_view->verticalScrollBar()->maximum(), maximum + 3);
    QCOMPARE(m_view->arrivals.size(), 3); // one row per appendRow
    QCOMPARE(m_view->arrivals.last(), std::make_pair(42, 42));
}

void TestLiveTableView::rowsOnScreenAreRepainted() {
    appendRows(*m_model, 2);
    settle();
    m_view->paints = 0;
    appendRows(*m_model, 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->paints > 0, Wait);
    QVERIFY(m_view->visualRect(m_model->index(2, 0)).intersects(m_view->viewport()->rect()));
}

void TestLiveTableView::rowsInTheMiddleAreRepainted() {
    appendRows(*m_model, 40);
    settle();
    m_view->paints = 0;
    m_model->insertRow(1, {new QStandardItem(QStringLiteral("new")),
                           new QStandardItem(QStringLiteral("in the middle"))});
    QTRY_VERIFY_WITH_TIMEOUT(m_view->paints > 0, Wait);
    QCOMPARE(m_view->arrivals.last(), std::make_pair(1, 1));
}

void TestLiveTableView::followingRepaintsEveryArrival() {
    appendRows(*m_model, 40);
    settle();
    m_view->follow = true;
    m_view->paints = 0;
    appendRows(*m_model, 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->paints > 0, Wait);
}

void TestLiveTableView::anotherModelIsFollowed() {
    QStandardItemModel other(0, 2);
    m_view->setModel(&other);
    m_view->arrivals.clear();
    appendRows(*m_model, 1); // the old model: no longer reported
    appendRows(other, 2);
    QCOMPARE(m_view->arrivals.size(), 2);
    QCOMPARE(m_view->arrivals.first(), std::make_pair(0, 0));
    m_view->setModel(m_model.get());
}

void TestLiveTableView::uniformRowsFindTheRowsOnScreen_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("scrollTo");
    QTest::addColumn<int>("viewHeight");
    QTest::newRow("empty") << 0 << 0 << 200;
    QTest::newRow("screen not full") << 3 << 0 << 200;
    QTest::newRow("screen full, at the top") << 40 << 0 << 200;
    QTest::newRow("scrolled") << 40 << 17 << 200;
    QTest::newRow("at the bottom") << 40 << 39 << 200;
    QTest::newRow("partial row at the bottom") << 40 << 5 << 211;
    QTest::newRow("many rows") << 5000 << 4321 << 300;
}

void TestLiveTableView::uniformRowsFindTheRowsOnScreen() {
    QFETCH(int, rows);
    QFETCH(int, scrollTo);
    QFETCH(int, viewHeight);
    m_view->setUniformRowHeight(23);
    m_view->resize(400, viewHeight);
    appendRows(*m_model, rows);
    settle();
    if (rows > 0)
        m_view->scrollTo(m_model->index(scrollTo, 0), QAbstractItemView::PositionAtTop);
    settle();
    // The arithmetic agrees with the header's own answer, wherever the view is scrolled.
    QCOMPARE(m_view->firstRowOnScreen(), m_view->rowAt(0));
    if (rows > 0)
        QVERIFY(m_view->firstRowOnScreen() <= scrollTo); // the last rows cannot reach the top
    const int expected = m_view->rowAt(m_view->viewport()->height() - 1);
    QCOMPARE(m_view->lastRowOnScreen(), expected);
    if (rows > 0 && scrollTo == 0 && rows * 23 < m_view->viewport()->height())
        QCOMPARE(expected, -1); // the case the data set means to cover
    else if (rows > 0)
        QVERIFY(expected >= scrollTo);
}

void TestLiveTableView::scrollByRows_data() {
    QTest::addColumn<bool>("uniform");
    QTest::newRow("rows of one height: per pixel") << true;
    QTest::newRow("rows as the header sizes them: per item") << false;
}

void TestLiveTableView::scrollByRows() {
    QFETCH(bool, uniform);
    if (uniform)
        m_view->setUniformRowHeight(23);
    QCOMPARE(m_view->verticalScrollMode(),
             uniform ? QAbstractItemView::ScrollPerPixel : QAbstractItemView::ScrollPerItem);
    m_view->resize(400, 200);
    appendRows(*m_model, 100);
    settle();
    m_view->scrollByRows(30);
    QCOMPARE(m_view->rowAt(0), 30);
    m_view->scrollByRows(-12);
    QCOMPARE(m_view->rowAt(0), 18);
    QCOMPARE(m_view->firstRowOnScreen(), 18);
}

void TestLiveTableView::rowsAboveTheCurrentRowKeepItInPlace() {
    // The event list: a plain LiveTableView, whose rows land anywhere when it is sorted.
    m_view->keep = true;
    m_view->setUniformRowHeight(20);
    appendRows(*m_model, 40);
    settle();
    const auto insertAt = [this](int row, int count) {
        for (int i = 0; i < count; ++i)
            m_model->insertRow(row, {new QStandardItem(QStringLiteral("new")),
                                     new QStandardItem(QStringLiteral("arrived"))});
        settle();
    };
    const auto y = [this] {
        return m_view->visualRect(m_view->currentIndex()).y();
    };

    // At the top, newest first: the current row stays where it is.
    m_view->setCurrentIndex(m_model->index(3, 1));
    const int shown = y();
    insertAt(0, 5);
    QCOMPARE(m_view->currentIndex().row(), 8);
    QCOMPARE(y(), shown);
    // Between the top and the current row.
    const int top = m_view->firstRowOnScreen();
    QVERIFY(top > 0);
    insertAt(top + 1, 2);
    QCOMPARE(m_view->currentIndex().row(), 10);
    QCOMPARE(y(), shown);
    QCOMPARE(m_view->firstRowOnScreen(), top + 2);
    // Below it, nothing moves.
    insertAt(12, 3);
    QCOMPARE(y(), shown);
    QCOMPARE(m_view->firstRowOnScreen(), top + 2);
    // Without a current row at the very top, the new rows simply show.
    m_view->selectionModel()->clear();
    m_view->scrollToTop();
    settle();
    insertAt(0, 2);
    QCOMPARE(m_view->firstRowOnScreen(), 0);
    QCOMPARE(m_model->index(0, 1).data().toString(), QStringLiteral("arrived"));
}

void TestLiveTableView::focusMakesNoRowCurrent_data() {
    QTest::addColumn<Qt::FocusReason>("reason");
    QTest::newRow("Tab") << Qt::TabFocusReason;
    QTest::newRow("window activated") << Qt::ActiveWindowFocusReason;
    QTest::newRow("other widget hidden") << Qt::OtherFocusReason;
}

void TestLiveTableView::focusMakesNoRowCurrent() {
    QFETCH(Qt::FocusReason, reason);
    appendRows(*m_model, 5);
    settle();
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get(), Wait));
    m_view->clearFocus();
    m_view->selectionModel()->clear();
    QSignalSpy current(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged);
    m_view->setFocus(reason);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->hasFocus(), Wait);
    settle();
    QVERIFY(!m_view->currentIndex().isValid());
    QVERIFY(current.isEmpty());
    // The keys still start at the first row, and select it.
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->currentIndex().row(), 0);
    QVERIFY(m_view->selectionModel()->isSelected(m_view->currentIndex()));
    QCOMPARE(current.size(), 1);
    // With a current row, focus leaves it as it is.
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    m_view->clearFocus();
    m_view->setFocus(reason);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->hasFocus(), Wait);
    QCOMPARE(m_view->currentIndex().row(), 1);
}

void TestLiveTableView::homeAndEndGoToTheFirstAndLastRow_data() {
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
    QTest::addColumn<int>("row");
    QTest::newRow("Home") << int(Qt::Key_Home) << Qt::KeyboardModifiers() << 0;
    QTest::newRow("End") << int(Qt::Key_End) << Qt::KeyboardModifiers() << 39;
    QTest::newRow("Ctrl+Home") << int(Qt::Key_Home) << Qt::KeyboardModifiers(Qt::ControlModifier)
                               << 0;
    QTest::newRow("Ctrl+End") << int(Qt::Key_End) << Qt::KeyboardModifiers(Qt::ControlModifier)
                              << 39;
}

void TestLiveTableView::homeAndEndGoToTheFirstAndLastRow() {
    // As in Wireshark's packet list: rows, not the first or last column of the row.
    QFETCH(int, key);
    QFETCH(Qt::KeyboardModifiers, modifiers);
    QFETCH(int, row);
    m_view->setUniformRowHeight(20);
    m_model->setColumnCount(12);
    appendRows(*m_model, 40);
    settle();
    QVERIFY(m_view->horizontalScrollBar()->maximum() > 0); // columns beyond the right edge
    m_view->setCurrentIndex(m_model->index(20, 1));
    m_view->setFocus(Qt::OtherFocusReason);
    settle();
    const int across = m_view->horizontalScrollBar()->value();
    QTest::keyClick(m_view.get(), Qt::Key(key), modifiers);
    settle();
    QCOMPARE(m_view->currentIndex().row(), row);
    QCOMPARE(m_view->currentIndex().column(), 1);
    if (!modifiers) // Ctrl moves without selecting, as with the arrow keys
        QVERIFY(m_view->selectionModel()->isSelected(m_view->currentIndex()));
    QCOMPARE(m_view->horizontalScrollBar()->value(), across);
    QVERIFY(m_view->firstRowOnScreen() <= row);
    QVERIFY(m_view->lastRowOnScreen() >= row);
}

void TestLiveTableView::atItsMinimumItShowsWholeRows_data() {
    QTest::addColumn<int>("rowHeight");
    QTest::newRow("default rows") << 0;
    QTest::newRow("uniform rows of 30 px") << 30;
}

void TestLiveTableView::atItsMinimumItShowsWholeRows() {
    QFETCH(int, rowHeight);
    if (rowHeight > 0)
        m_view->setUniformRowHeight(rowHeight);
    appendRows(*m_model, 40);
    m_view->resize(m_view->minimumSizeHint());
    settle();
    const int rows = m_view->verticalHeader()->defaultSectionSize();
    QVERIFY2(m_view->viewport()->height() >= LiveTableView::MinimumRows * rows,
             qPrintable(QString::number(m_view->viewport()->height())));
    QVERIFY(m_view->viewport()->width() >=
            m_view->fontMetrics().averageCharWidth() * LiveTableView::MinimumChars);
}

void TestLiveTableView::shrinkingKeepsTheCurrentRowInView_data() {
    QTest::addColumn<int>("fromBottom"); // the current row, counted from the last on screen
    QTest::addColumn<int>("height");
    QTest::addColumn<bool>("scrolled"); // scrolled down first
    QTest::newRow("last row, to half") << 0 << 100 << false;
    QTest::newRow("third-last row, to a row") << 2 << 50 << false;
    QTest::newRow("last row, scrolled down") << 0 << 100 << true;
    QTest::newRow("cut at the bottom edge") << -1 << 120 << false;
}

void TestLiveTableView::shrinkingKeepsTheCurrentRowInView() {
    QFETCH(int, fromBottom);
    QFETCH(int, height);
    QFETCH(bool, scrolled);
    m_view->setUniformRowHeight(22);
    appendRows(*m_model, 60);
    settle();
    if (scrolled)
        m_view->scrollByRows(20);
    settle();
    const int across = m_view->horizontalScrollBar()->value();
    // -1: the row the bottom edge cuts, partly shown.
    const int row = fromBottom < 0 ? m_view->rowAt(m_view->viewport()->height() - 1)
                                   : m_view->lastRowOnScreen() - fromBottom - 1;
    const QModelIndex current = m_model->index(row, 1);
    m_view->setCurrentIndex(current);
    QVERIFY(m_view->visualRect(current).intersects(m_view->viewport()->rect()));
    m_view->resize(m_view->width(), height);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->viewport()->height() < height, Wait);
    settle();
    const QRect shown = m_view->visualRect(current);
    QVERIFY2(m_view->viewport()->rect().contains(shown),
             qPrintable(QStringLiteral("row %1 at %2..%3 of %4")
                            .arg(row)
                            .arg(shown.top())
                            .arg(shown.bottom())
                            .arg(m_view->viewport()->height())));
    QCOMPARE(m_view->horizontalScrollBar()->value(), across);
}

void TestLiveTableView::shrinkingLeavesACurrentRowScrolledAway() {
    // The user scrolled away from it to read other rows: those stay.
    m_view->setUniformRowHeight(22);
    appendRows(*m_model, 60);
    settle();
    m_view->setCurrentIndex(m_model->index(1, 0));
    m_view->scrollByRows(30);
    settle();
    const int top = m_view->firstRowOnScreen();
    m_view->resize(m_view->width(), 100);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->viewport()->height() < 100, Wait);
    settle();
    QCOMPARE(m_view->firstRowOnScreen(), top);
}

QTEST_MAIN(TestLiveTableView)
#include "tst_livetableview.moc"
