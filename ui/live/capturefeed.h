#pragma once

#include "session/analysedcapture.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class CaptureStore;

/**
 * Between the live pipeline and the CaptureStore: coalesces the pipeline's batches
 * (one per listener pass, hundreds a second under load) into at most one store
 * append per FlushIntervalMs, so the views update at most ~30 times a second.
 * The first batch queued starts the timer; an idle feed costs nothing.
 *
 * While the store loads a session (open, Save As, an appended session), the feed is
 * paused and keeps what arrives; on resume, captures the store already has (the
 * loaded file held them, perhaps without their analysis yet) update their rows and
 * newer ones are appended, so nothing is shown twice or lost.
 */
class CaptureFeed : public QObject {
    Q_OBJECT

public:
    static constexpr int FlushIntervalMs = 33;

    explicit CaptureFeed(CaptureStore *store, QObject *parent = nullptr);

    /// Queues a batch from CapturePipeline::analysed().
    void add(const QList<AnalysedCapture> &batch);
    /// Writes everything queued into the store now (unless paused).
    void flush();
    /// Keeps queueing but stops flushing (the store is loading).
    void pause();
    /// Flushes what was kept and goes on.
    void resume();
    bool isPaused() const { return m_paused; }
    /// Drops what is queued (it belonged to a session that is no longer shown).
    void discardPending();
    qsizetype pendingCount() const { return m_pending.size(); }
    /// The highest capture id received so far.
    qint64 lastReceivedId() const { return m_lastReceivedId; }
    /// Drops captures with ids up to id, queued or still to come (the session was cleared:
    /// their rows are gone from the file).
    void forgetUpTo(qint64 id);
    /// Captures added since construction (for the arrival rate).
    qint64 receivedCount() const { return m_received; }

Q_SIGNALS:
    /// Captures arrived from the pipeline (before any coalescing).
    void received(qsizetype count);
    /// One flush went into the store: rows appended and rows updated.
    void flushed(qsizetype appended, qsizetype updated);

private:
    QPointer<CaptureStore> m_store;
    QList<AnalysedCapture> m_pending;
    QTimer m_timer;
    qint64 m_received = 0;
    qint64 m_lastReceivedId = 0;
    qint64 m_forgottenUpTo = 0;
    bool m_paused = false;
};
