#include "capturefeed.h"

#include "session/capturebacklog.h"
#include "session/capturestore.h"

#include <QElapsedTimer>

#include <algorithm>
#include <utility>

CaptureFeed::CaptureFeed(CaptureStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(FlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CaptureFeed::flush);
}

namespace {

qint64 weightOf(const QList<AnalysedCapture> &captures) {
    qint64 bytes = 0;
    for (const AnalysedCapture &capture : captures)
        bytes += CaptureBacklog::weightOf(capture.capture);
    return bytes;
}

qint64 weightOf(const QList<QList<AnalysedCapture>> &batches) {
    qint64 bytes = 0;
    for (const QList<AnalysedCapture> &batch : batches)
        bytes += weightOf(batch);
    return bytes;
}

} // namespace

void CaptureFeed::add(const QList<AnalysedCapture> &batch) {
    if (batch.isEmpty())
        return;
    m_lastReceivedId = qMax(m_lastReceivedId, batch.constLast().capture.id);
    m_received += batch.size();
    if (batch.constFirst().capture.id <= m_forgottenUpTo) {
        QList<AnalysedCapture> kept;
        qsizetype dropped = 0;
        qint64 droppedBytes = 0;
        for (const AnalysedCapture &capture : batch) {
            if (capture.capture.id > m_forgottenUpTo) {
                kept.append(capture);
            } else {
                ++dropped;
                droppedBytes += CaptureBacklog::weightOf(capture.capture);
            }
        }
        if (dropped > 0)
            Q_EMIT consumed(dropped, droppedBytes);
        if (!kept.isEmpty()) {
            m_pendingCount += kept.size();
            m_pending.append(std::move(kept));
        }
    } else {
        m_pendingCount += batch.size();
        m_pending.append(batch); // shared, not copied capture by capture
    }
    Q_EMIT received(batch.size());
    if (!m_paused && !m_timer.isActive())
        m_timer.start(m_interval);
}

void CaptureFeed::flush() {
    m_timer.stop();
    if (m_paused || m_pending.isEmpty() || !m_store)
        return;
    QElapsedTimer clock;
    clock.start();
    if (!m_backlog) // what arrived in one interval, not what is left of a backlog
        m_interval = m_pendingCount > BusyBatch ? BusyFlushIntervalMs : FlushIntervalMs;
    // As many as fit in one slice at the cost measured so far; the rest after the event
    // loop has painted and handled input. Whole batches go as they are; only a batch cut
    // by the slice's end is copied in part.
    const qsizetype take = qMin(m_pendingCount, sliceSize());
    QList<QList<AnalysedCapture>> pending;
    for (qsizetype taken = 0; taken < take;) {
        QList<AnalysedCapture> &oldest = m_pending.first();
        const qsizetype wanted = take - taken;
        if (oldest.size() <= wanted) {
            taken += oldest.size();
            pending.append(m_pending.takeFirst());
        } else {
            pending.append(oldest.first(wanted));
            oldest.remove(0, wanted);
            taken += wanted;
        }
    }
    m_pendingCount -= take;
    const qint64 takenBytes = weightOf(pending);
    const qint64 lastId = m_store->size() > 0 ? m_store->row(m_store->size() - 1).id : 0;
    qsizetype appendedCount = 0;
    qsizetype updatedCount = 0;
    const auto live = [lastId](const QList<AnalysedCapture> &batch) {
        return std::all_of(batch.cbegin(), batch.cend(),
                           [lastId](const AnalysedCapture &c) { return c.capture.id > lastId; });
    };
    if (std::all_of(pending.cbegin(), pending.cend(), live)) {
        // Live captures: the batches go to the store as they are (each copy of a capture
        // costs an atomic increment per member, and the store keeps the newest anyway).
        appendedCount = take;
        m_store->append(std::exchange(pending, {}));
    } else {
        QList<AnalysedCapture> appended;
        QList<AnalysedCapture> known;
        appended.reserve(take);
        for (const QList<AnalysedCapture> &batch : std::as_const(pending)) {
            for (const AnalysedCapture &capture : batch) {
                if (capture.capture.id > lastId)
                    appended.append(capture);
                else if (m_store->positionOf(capture.capture.id) >= 0)
                    known.append(capture);
                // else: a capture of a session cleared meanwhile; the file no longer has it.
            }
        }
        appendedCount = appended.size();
        updatedCount = known.size();
        if (!known.isEmpty())
            m_store->updateAnalyses(known);
        if (!appended.isEmpty())
            m_store->append(std::move(appended));
    }
    // Freeing the captures the store does not keep is part of the cost; count it.
    pending = {};
    const qint64 elapsedUs = clock.nsecsElapsed() / 1000;
    m_longestFlushMs = qMax(m_longestFlushMs, elapsedUs / 1000);
    // Cost per capture, smoothed, to size the next slice.
    const double cost = double(elapsedUs) / double(take);
    m_costPerCaptureUs = m_costPerCaptureUs <= 0 ? cost : 0.7 * m_costPerCaptureUs + 0.3 * cost;
    m_backlog = !m_pending.isEmpty();
    if (m_backlog)
        m_timer.start(0);
    Q_EMIT consumed(take, takenBytes);
    Q_EMIT flushed(appendedCount, updatedCount);
}

void CaptureFeed::flushAll() {
    while (!m_paused && !m_pending.isEmpty() && m_store)
        flush();
    m_timer.stop();
}

qsizetype CaptureFeed::sliceSize() const {
    if (m_costPerCaptureUs <= 0)
        return MinSlice;
    return qBound(qsizetype(MinSlice), qsizetype(SliceMs * 1000.0 / m_costPerCaptureUs),
                  qsizetype(MaxSlice));
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
    qsizetype dropped = 0;
    qint64 droppedBytes = 0;
    for (QList<AnalysedCapture> &batch : m_pending) {
        if (batch.constFirst().capture.id > id)
            break; // batches are in id order
        batch.removeIf([id, &dropped, &droppedBytes](const AnalysedCapture &capture) {
            if (capture.capture.id > id)
                return false;
            ++dropped;
            droppedBytes += CaptureBacklog::weightOf(capture.capture);
            return true;
        });
    }
    m_pending.removeIf([](const QList<AnalysedCapture> &batch) { return batch.isEmpty(); });
    m_pendingCount -= dropped;
    if (dropped > 0)
        Q_EMIT consumed(dropped, droppedBytes);
}

void CaptureFeed::sessionSwitched() {
    discardPending();
    m_forgottenUpTo = 0;
}

void CaptureFeed::discardPending() {
    takePending();
}

QList<QList<AnalysedCapture>> CaptureFeed::takePending() {
    QList<QList<AnalysedCapture>> taken = std::exchange(m_pending, {});
    const qsizetype count = std::exchange(m_pendingCount, 0);
    if (count > 0)
        Q_EMIT consumed(count, weightOf(taken));
    m_backlog = false;
    m_timer.stop();
    return taken;
}
