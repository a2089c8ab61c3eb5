#include "livetableview.h"

#include <QHeaderView>

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

void LiveTableView::setUniformRowHeight(int height) {
    QHeaderView *rows = verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(qMin(rows->minimumSectionSize(), height));
    rows->setDefaultSectionSize(height);
    m_uniformRows = true;
}

int LiveTableView::lastRowOnScreen() const {
    const QHeaderView *rows = verticalHeader();
    if (!m_uniformRows || rows->hiddenSectionCount() > 0 || !model())
        return rowAt(viewport()->height() - 1);
    const int row = (rows->offset() + viewport()->height() - 1) / rows->defaultSectionSize();
    return row < model()->rowCount() ? row : -1;
}

void LiveTableView::rowsArrived(int, int) {
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
