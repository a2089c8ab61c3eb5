#include "capturefeed.h"

#include "session/capturestore.h"

CaptureFeed::CaptureFeed(CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(FlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CaptureFeed::flush);
}

void CaptureFeed::add(const QList<AnalysedCapture> &batch) {
    if (batch.isEmpty())
        return;
    m_lastReceivedId = qMax(m_lastReceivedId, batch.constLast().capture.id);
    m_received += batch.size();
    if (batch.constFirst().capture.id <= m_forgottenUpTo) {
        for (const AnalysedCapture &capture : batch) {
            if (capture.capture.id > m_forgottenUpTo)
                m_pending.append(capture);
        }
    } else {
        m_pending.append(batch);
    }
    Q_EMIT received(batch.size());
    if (!m_paused && !m_timer.isActive())
        m_timer.start();
}

void CaptureFeed::flush() {
    m_timer.stop();
    if (m_paused || m_pending.isEmpty() || !m_store)
        return;
    const QList<AnalysedCapture> pending = std::exchange(m_pending, {});
    const qint64 lastId = m_store->size() > 0 ? m_store->row(m_store->size() - 1).id : 0;
    QList<AnalysedCapture> appended;
    QList<AnalysedCapture> known;
    appended.reserve(pending.size());
    for (const AnalysedCapture &capture : pending) {
        if (capture.capture.id > lastId)
            appended.append(capture);
        else if (m_store->positionOf(capture.capture.id) >= 0)
            known.append(capture);
        // else: a capture of a session cleared meanwhile; the file no longer has it.
    }
    if (!known.isEmpty())
        m_store->updateAnalyses(known);
    if (!appended.isEmpty())
        m_store->append(appended);
    Q_EMIT flushed(appended.size(), known.size());
}

void CaptureFeed::pause() {
    m_paused = true;
    m_timer.stop();
}

void CaptureFeed::resume() {
    m_paused = false;
    flush();
}

void CaptureFeed::forgetUpTo(qint64 id) {
    m_forgottenUpTo = qMax(m_forgottenUpTo, id);
    m_pending.removeIf([id](const AnalysedCapture &capture) { return capture.capture.id <= id; });
}

void CaptureFeed::discardPending() {
    m_pending.clear();
    m_timer.stop();
}
