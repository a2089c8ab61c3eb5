#pragma once

#include <QObject>

class CaptureTableView;
class DetailPane;
class EventPane;

/**
 * Keeps the capture table, the event pane and the detail pane in step, as Wireshark
 * keeps its packet list and details: what was selected last, in either list, is what
 * the detail pane shows (and what Copy as cURL and the selected-capture exports take).
 *
 * Selecting an event (or a tree node) also makes its capture the table's current row,
 * without showing the capture over the event. Selecting a capture row clears the event
 * pane's selection, so a highlighted event never claims to be what the pane shows and
 * clicking it again shows it again.
 */
class CaptureSelection : public QObject {
    Q_OBJECT

public:
    CaptureSelection(CaptureTableView *table, EventPane *events, DetailPane *detail,
                     QObject *parent = nullptr);

    /// Makes captureId the table's current row without showing it again (the detail
    /// pane shows it already); false when the filter hides it (no row is current then).
    bool followInTable(qint64 captureId);

private:
    void captureSelected(qint64 captureId);

    CaptureTableView *m_table;
    EventPane *m_events;
    DetailPane *m_detail;
    bool m_following = false; ///< the table moves to the event's capture: not a selection
};
