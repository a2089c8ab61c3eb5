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
 * append per FlushIntervalMs, so the views update at most ~30 times a second (10 under
 * heavy load, see BusyFlushIntervalMs).
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
    /// Under heavy traffic (more than BusyBatch captures in one flush, i.e. thousands a
    /// second) the views update every BusyFlushIntervalMs instead: each update repaints
    /// the visible rows whatever their number, and the GUI thread shares the CPU with the
    /// listener; ten updates a second are as readable as thirty at that rate.
    static constexpr int BusyFlushIntervalMs = 100;
    static constexpr int BusyBatch = 100;
    /// One flush keeps the GUI thread for about this long at most: a backlog is worked off
    /// in slices, with painting and input handled in between, so the window never freezes
    /// (the number per slice follows the measured cost per capture).
    static constexpr int SliceMs = 12;
    static constexpr int MinSlice = 64;
    static constexpr int MaxSlice = 20000;

    explicit CaptureFeed(CaptureStore *store, QObject *parent = nullptr);

    /// Queues a batch from CapturePipeline::analysed().
    void add(const QList<AnalysedCapture> &batch);
    /// Writes what is queued into the store now (unless paused): one slice of it, the rest
    /// follows on a zero timer.
    void flush();
    /// Writes everything queued now, in as many slices as it takes (before the session
    /// file is saved or exported, so the rows match the file).
    void flushAll();
    /// Keeps queueing but stops flushing (the store is loading).
    void pause();
    /// Captures the next flush takes at most.
    qsizetype sliceSize() const;
    /// Flushes what was kept and goes on.
    void resume();
    bool isPaused() const { return m_paused; }
    /// The interval the next flush waits (FlushIntervalMs, or BusyFlushIntervalMs under load).
    int flushInterval() const { return m_interval; }
    /// Drops what is queued (it belonged to a session that is no longer shown).
    void discardPending();
    /// Hands over what is queued, oldest first, counting it as consumed (for captures that
    /// are to be recorded again elsewhere, see SessionSwitcher).
    QList<QList<AnalysedCapture>> takePending();
    /// Another session is open and what comes next is its captures: drops what is queued
    /// and ends what forgetUpTo() said, since that session numbers its captures afresh.
    void sessionSwitched();
    qsizetype pendingCount() const { return m_pendingCount; }
    /// The highest capture id received so far.
    qint64 lastReceivedId() const { return m_lastReceivedId; }
    /// Drops captures with ids up to id, queued or still to come (the session was cleared:
    /// their rows are gone from the file).
    void forgetUpTo(qint64 id);
    /// Captures added since construction (for the arrival rate).
    qint64 receivedCount() const { return m_received; }
    /// The longest a flush kept the GUI thread busy (the store and every model following
    /// it, painting excluded), in milliseconds, since construction or resetStatistics().
    qint64 longestFlushMs() const { return m_longestFlushMs; }
    void resetStatistics() { m_longestFlushMs = 0; }

Q_SIGNALS:
    /// Captures arrived from the pipeline (before any coalescing).
    void received(qsizetype count);
    /// One flush went into the store: rows appended and rows updated.
    void flushed(qsizetype appended, qsizetype updated);
    /// Captures received by add() are used (shown or updated) or dropped; bytes is their
    /// CaptureBacklog::weightOf() total. For CapturePipeline::acknowledge().
    void consumed(qsizetype captures, qint64 bytes);

private:
    QPointer<CaptureStore> m_store;
    /// The batches as they came (shared with the pipeline's, not copied capture by
    /// capture), oldest first; m_pendingCount captures in all.
    QList<QList<AnalysedCapture>> m_pending;
    qsizetype m_pendingCount = 0;
    QTimer m_timer;
    int m_interval = FlushIntervalMs;
    qint64 m_received = 0;
    qint64 m_lastReceivedId = 0;
    qint64 m_longestFlushMs = 0;
    double m_costPerCaptureUs = 0; ///< smoothed; 0 before the first flush
    qint64 m_forgottenUpTo = 0;
    bool m_paused = false;
    bool m_backlog = false; ///< the last flush left captures for the next slice
};
