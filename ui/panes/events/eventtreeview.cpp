#include "eventtreeview.h"

#include "panes/currentinview.h"
#include "panes/focuskeepscurrent.h"

void EventTreeView::focusInEvent(QFocusEvent *event) {
    focusInKeepingCurrent(this, [this, event] { QTreeView::focusInEvent(event); });
}

void EventTreeView::resizeEvent(QResizeEvent *event) {
    CurrentInView::resizeKeepingCurrent(this, event,
                                        [this, event] { QTreeView::resizeEvent(event); });
}
