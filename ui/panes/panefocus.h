#pragma once

#include <QObject>

class CaptureTableView;
class DetailPane;
class EventPane;
class FilterPane;
class QAction;
class QWidget;

/**
 * Where the keyboard focus goes between the window's panes. Tab follows the panes as
 * they are read: the toolbar's URL, the search and the filter lists, the capture table,
 * the event list, then the detail pane (the panes were created in another order, and Tab
 * went from the filters to the detail and reached the capture table last).
 *
 * Find (Ctrl+F) shows the filter pane when it is hidden, then goes to its search box;
 * Esc there clears the search, and Esc again goes back to the capture table, as does
 * opening a session: the arrow keys then step through its captures.
 */
class PaneFocus : public QObject {
    Q_OBJECT

public:
    struct Panes {
        QWidget *toolbar; ///< the first stop: the listener bar
        FilterPane *filters;
        CaptureTableView *captures;
        EventPane *events;
        DetailPane *detail;
    };

    /// showFilters: View → Show filters, which shows and hides panes.filters.
    PaneFocus(const Panes &panes, QAction *showFilters, QObject *parent = nullptr);

    /// The search box, with the filter pane shown.
    void find();
    /// The capture table.
    void focusCaptures();

private:
    Panes m_panes;
    QAction *m_showFilters;
};
