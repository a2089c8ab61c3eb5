#include "livetableview.h"

#include "currentinview.h"
#include "focuskeepscurrent.h"

#include <QHeaderView>
#include <QScrollBar>

LiveTableView::LiveTableView(QWidget *parent)
    : QTableView(parent) {
    setTabKeyNavigation(false);
}

void LiveTableView::setModel(QAbstractItemModel *model) {
    disconnect(m_inserted);
    QTableView::setModel(model);
    // Connected after the base class, so the headers know the new rows before
    // onRowsInserted lays them out.
    if (model) {
        m_inserted =
            connect(model, &QAbstractItemModel::rowsInserted, this, &LiveTableView::onRowsInserted);
    }
}

void LiveTableView::doItemsLayout() {
    if (m_appendedOffScreen) {
        // The rows on screen did not move: lay out the scroll bar and headers only.
        updateGeometries();
        return;
    }
    QTableView::doItemsLayout();
}

QSize LiveTableView::minimumSizeHint() const {
    const int frame = 2 * frameWidth();
    const int header = horizontalHeader()->isHidden() ? 0 : horizontalHeader()->sizeHint().height();
    const int scrollBar = horizontalScrollBarPolicy() == Qt::ScrollBarAlwaysOff
                              ? 0
                              : horizontalScrollBar()->sizeHint().height();
    const int rows = MinimumRows * verticalHeader()->defaultSectionSize();
    const int numbers = verticalHeader()->isHidden() ? 0 : verticalHeader()->sizeHint().width();
    const int across = numbers + fontMetrics().averageCharWidth() * MinimumChars +
                       verticalScrollBar()->sizeHint().width();
    return QSize(across + frame, header + rows + scrollBar + frame)
        .expandedTo(QTableView::minimumSizeHint());
}

void LiveTableView::setUniformRowHeight(int height) {
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(qMin(rows->minimumSectionSize(), height));
    rows->setDefaultSectionSize(height);
    // Per item, QTableView::updateGeometries() moves the header to the scroll bar's row
    // with setOffsetToSectionPosition(), and after an insert that recomputes where every
    // row starts: O(rows) for each batch, a fifth of the window's time at 300,000
    // captures (their 2.7 million events). Per pixel it sets the offset directly, and
    // with rows of one height a wheel step is still about a row.
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_uniformRows = true;
}

int LiveTableView::firstRowOnScreen() const {
    const QHeaderView *rows = verticalHeader();
    if (!m_uniformRows || rows->hiddenSectionCount() > 0 || !model())
        return rowAt(0);
    const int row = rows->offset() / rows->defaultSectionSize();
    return row < model()->rowCount() ? row : -1;
}

int LiveTableView::lastRowOnScreen() const {
    const QHeaderView *rows = verticalHeader();
    if (!m_uniformRows || rows->hiddenSectionCount() > 0 || !model())
        return rowAt(viewport()->height() - 1);
    const int row = (rows->offset() + viewport()->height() - 1) / rows->defaultSectionSize();
    return row < model()->rowCount() ? row : -1;
}

void LiveTableView::scrollByRows(int rows) {
    QScrollBar *bar = verticalScrollBar();
    const int step = verticalScrollMode() == QAbstractItemView::ScrollPerItem
                         ? 1
                         : verticalHeader()->defaultSectionSize();
    bar->setValue(bar->value() + rows * step);
}

void LiveTableView::scrollToRow(const QModelIndex &index, ScrollHint hint) {
    executeDelayedItemsLayout();
    CurrentInView::scrollToRow(this, index, hint);
}

void LiveTableView::resizeEvent(QResizeEvent *event) {
    CurrentInView::resizeKeepingCurrent(this, event,
                                        [this, event] { QTableView::resizeEvent(event); });
}

void LiveTableView::rowsArrived(int first, int last) {
    keepInPlace(first, last);
}

void LiveTableView::keepInPlace(int first, int last) {
    // Rows inserted above the first visible one would push what the user reads down:
    // scroll by as many rows. At the very top that is only wanted while a row is
    // selected; otherwise the newest rows simply show. Sorted by a column, rows also land
    // between the top and the selected row, which they would push down and off the
    // screen: scroll too while it was on screen, so it stays where it was.
    const int count = last - first + 1;
    const int top = firstRowOnScreen();
    const int current = currentIndex().isValid() ? currentIndex().row() : -1;
    const int bottom = lastRowOnScreen(); // -1: the rows end above the bottom edge
    const int currentBefore = current - count;
    const bool selectedPushed = top >= 0 && current > last && currentBefore >= top &&
                                (bottom < 0 || currentBefore <= bottom);
    if ((top >= 0 && first <= top &&
         (verticalScrollBar()->value() > 0 || (first == 0 && currentIndex().isValid()))) ||
        selectedPushed)
        scrollByRows(count);
}

void LiveTableView::focusInEvent(QFocusEvent *event) {
    focusInKeepingCurrent(this, [this, event] { QTableView::focusInEvent(event); });
}

QModelIndex LiveTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) {
    if ((cursorAction != MoveHome && cursorAction != MoveEnd) || !model())
        return QTableView::moveCursor(cursorAction, modifiers);
    const QHeaderView *rows = verticalHeader();
    const int count = rows->count();
    const bool fromTop = cursorAction == MoveHome;
    for (int i = 0; i < count; ++i) {
        const int row = rows->logicalIndex(fromTop ? i : count - 1 - i);
        if (isRowHidden(row))
            continue;
        const int column = currentIndex().isValid() ? currentIndex().column()
                                                    : horizontalHeader()->logicalIndexAt(0);
        return model()->index(row, qMax(column, 0), rootIndex());
    }
    return {};
}

void LiveTableView::onRowsInserted(const QModelIndex &parent, int first, int last) {
    if (parent.isValid())
        return;
    const int lastShown = lastRowOnScreen();
    m_appendedOffScreen = !followsArrivals() && lastShown >= 0 && first > lastShown;
    // The view lays out rows lazily; the scroll bar must know the new rows now.
    executeDelayedItemsLayout();
    m_appendedOffScreen = false;
    rowsArrived(first, last);
}
