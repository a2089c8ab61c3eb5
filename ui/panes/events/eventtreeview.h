#pragma once

#include <QTreeView>

/**
 * The event pane's tree (capture → events → embedded entity). Getting the focus makes no
 * node current (see focusInKeepingCurrent()): switching the pane from List to Tree, which
 * hands it the focus, selected the first capture in the window. The current node on
 * screen stays on screen when the pane shrinks (CurrentInView::resizeKeepingCurrent()).
 */
class EventTreeView : public QTreeView {
    Q_OBJECT

public:
    using QTreeView::QTreeView;

protected:
    void focusInEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
};
