#include "panefocus.h"

#include "captures/capturetableview.h"
#include "detail/detailpane.h"
#include "events/eventpane.h"
#include "filters/filterpane.h"

#include <QAction>

namespace {

/// The widgets of pane that Tab stops at, in the order the window's focus chain has them.
QList<QWidget *> tabStopsOf(QWidget *pane) {
    QList<QWidget *> stops;
    QWidget *window = pane->window();
    for (QWidget *widget = window->nextInFocusChain(); widget != window;
         widget = widget->nextInFocusChain()) {
        if ((widget == pane || pane->isAncestorOf(widget)) &&
            (widget->focusPolicy() & Qt::TabFocus) == Qt::TabFocus)
            stops.append(widget);
    }
    return stops;
}

} // namespace

PaneFocus::PaneFocus(const Panes &panes, QAction *showFilters, QObject *parent)
    : QObject(parent)
    , m_panes(panes)
    , m_showFilters(showFilters) {
    // QWidget::setTabOrder() moves one widget that takes focus, not a pane: chain them all.
    QList<QWidget *> order;
    const QList<QWidget *> inReadingOrder{panes.toolbar, panes.filters, panes.captures,
                                          panes.events, panes.detail};
    for (QWidget *pane : inReadingOrder)
        order += tabStopsOf(pane);
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
    connect(panes.filters, &FilterPane::searchDismissed, this, &PaneFocus::focusCaptures);
}

void PaneFocus::find() {
    // A hidden search box takes no focus: Ctrl+F did nothing with the filters hidden.
    if (!m_showFilters->isChecked())
        m_showFilters->setChecked(true);
    m_panes.filters->focusSearch();
}

void PaneFocus::focusCaptures() {
    m_panes.captures->setFocus(Qt::OtherFocusReason);
}
