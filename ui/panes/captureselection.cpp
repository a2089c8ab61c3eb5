#include "captureselection.h"

#include "panes/captures/capturetableview.h"
#include "panes/detail/detailpane.h"
#include "panes/events/eventpane.h"

CaptureSelection::CaptureSelection(CaptureTableView *table, EventPane *events, DetailPane *detail,
                                   QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_events(events)
    , m_detail(detail) {
    connect(m_table, &CaptureTableView::captureSelected, this, &CaptureSelection::captureSelected);
    connect(m_events, &EventPane::captureActivated, this, [this](qint64 captureId) {
        m_detail->showCapture(captureId);
        followInTable(captureId);
    });
    connect(m_events, &EventPane::eventActivated, this, [this](qint64 captureId, int event) {
        m_detail->showEvent(captureId, event);
        followInTable(captureId);
    });
    connect(m_events, &EventPane::entityActivated, this, [this](qint64 captureId, int entity) {
        m_detail->showEntity(captureId, entity);
        followInTable(captureId);
    });
}

bool CaptureSelection::followInTable(qint64 captureId) {
    const bool wasFollowing = m_following;
    m_following = true;
    const bool shown = m_table->selectCapture(captureId);
    if (!shown) {
        // A row left highlighted would be what a click cannot select again.
        m_table->clearCurrent();
    }
    m_following = wasFollowing;
    return shown;
}

void CaptureSelection::captureSelected(qint64 captureId) {
    if (m_following)
        return;
    m_events->clearSelection();
    if (captureId > 0)
        m_detail->showCapture(captureId);
    else
        m_detail->clear();
}
