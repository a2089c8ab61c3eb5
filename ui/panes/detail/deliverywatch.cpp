#include "deliverywatch.h"

#include "session/capturestore.h"
#include "session/deliveryhistory.h"

DeliveryWatch::DeliveryWatch(CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(RefreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_captureId)
            Q_EMIT arrived(m_captureId);
    });
    if (m_store)
        connect(m_store, &CaptureStore::rowsAppended, this, &DeliveryWatch::rowsAppended);
}

void DeliveryWatch::watch(qint64 captureId) {
    if (captureId != m_captureId)
        m_timer.stop();
    m_captureId = captureId;
}

void DeliveryWatch::rowsAppended(qsizetype first, qsizetype last) {
    // Arrivals while the timer runs are told with it.
    if (!m_captureId || m_timer.isActive())
        return;
    if (DeliveryHistory::arrivedIn(*m_store, m_captureId, first, last))
        m_timer.start();
}
