#include "eventtreeview.h"

#include "panes/focuskeepscurrent.h"

void EventTreeView::focusInEvent(QFocusEvent *event) {
    focusInKeepingCurrent(this, [this, event] { QTreeView::focusInEvent(event); });
}
