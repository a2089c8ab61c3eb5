#pragma once

#include <QObject>

class CaptureTableView;
class DetailPane;
class EventPane;
class FilterPane;
class QWidget;

/**
 * Where the keyboard focus goes between the window's panes. Tab follows the panes as
 * they are read: the toolbar's URL, the search and the filter lists, the capture table,
 * the event list, then the detail pane (the panes were created in another order, and Tab
 * went from the filters to the detail and reached the capture table last).
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

    explicit PaneFocus(const Panes &panes, QObject *parent = nullptr);

private:
    Panes m_panes;
};
