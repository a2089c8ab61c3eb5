#pragma once

#include <QAbstractItemView>
#include <QResizeEvent>
#include <QScrollBar>

namespace CurrentInView {

/// Scrolls view up or down to show index as hint says, never sideways.
inline void scrollToRow(QAbstractItemView *view, const QModelIndex &index,
                        QAbstractItemView::ScrollHint hint) {
    QScrollBar *across = view->horizontalScrollBar();
    const int column = across->value();
    view->scrollTo(index, hint);
    across->setValue(column);
}

/**
 * Runs an item view's resizeEvent() (base; the viewport's new size) and keeps the current
 * row on screen when it was. A view keeps its offset from the top, so when the window or
 * the view's splitter pane shrank, the selected row near the bottom went out of sight;
 * Wireshark keeps the selected packet in view. A current row the user scrolled away
 * from stays away: the rows read instead stay put.
 */
template <typename Base>
void resizeKeepingCurrent(QAbstractItemView *view, QResizeEvent *event, Base &&base) {
    const QModelIndex current = view->currentIndex();
    const QRect shown = current.isValid() ? view->visualRect(current) : QRect();
    const bool wasShown =
        shown.isValid() && shown.bottom() >= 0 && shown.top() < event->oldSize().height();
    base();
    if (wasShown)
        scrollToRow(view, current, QAbstractItemView::EnsureVisible);
}

} // namespace CurrentInView
