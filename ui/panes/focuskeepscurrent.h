#pragma once

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QSignalBlocker>

/**
 * Runs an item view's own focusInEvent() (base) without letting it make a row current.
 *
 * Without a current row, QAbstractItemView makes the first row current, unselected, when
 * the view gets focus: by Tab, by the window being activated again, or because the widget
 * that had the focus was hidden (the filter pane, the other event view). The panes that
 * follow the current row then showed a capture or event no row marked, and a selection
 * hidden by a filter was forgotten. The arrow keys still start at the first row.
 */
template <typename Base> void focusInKeepingCurrent(QAbstractItemView *view, Base &&base) {
    QItemSelectionModel *selection = view->selectionModel();
    if (!selection || view->currentIndex().isValid()) {
        base();
        return;
    }
    const QSignalBlocker quiet(selection);
    base();
    selection->clearCurrentIndex();
}
