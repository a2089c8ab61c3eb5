#pragma once

#include "analysedcapture.h"

#include <QList>

#include <functional>

/**
 * The most recently appended live captures, kept whole so that the detail view of a
 * capture that just arrived never waits for the disk (nor for its analysis row, which
 * the journal writes a little later).
 *
 * Keeps the batches as they arrive, shared rather than copied capture by capture: under
 * load a copy into a hash and the erase of the oldest took a third of the GUI thread's
 * time (perf, 16 connections). The captures it stops keeping go to retire(), which may
 * free them on another thread; without one they are freed here. One add() retires with
 * one call, however many batches it lets go: the window's retire posts an event to
 * another thread, and one per small batch cost a sixth of the window's throughput.
 */
class RecentCaptures {
public:
    /// Batches no longer kept, oldest first.
    using Retire = std::function<void(QList<QList<AnalysedCapture>> &&)>;

    /// Keeps at least the last `capacity` captures (whole batches, so up to one batch more).
    explicit RecentCaptures(qsizetype capacity);

    void setRetire(Retire retire) { m_retire = std::move(retire); }
    /// Captures in ascending id order, above those already kept.
    void add(QList<AnalysedCapture> batch);
    /// The same for several batches, in order; retire() is called at most once.
    void add(QList<QList<AnalysedCapture>> batches);
    /// The kept capture with this id, or nullptr; valid until the next non-const call.
    const AnalysedCapture *find(qint64 id) const;
    /// Replaces the analysis of a kept capture; false when it is not kept.
    bool setAnalysis(qint64 id, const MewsAnalysis &analysis);
    /// Forgets everything (freed here: the session they belonged to is gone).
    void clear();
    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }

private:
    /// The batch and position of id, or {-1, -1}.
    std::pair<qsizetype, qsizetype> locate(qint64 id) const;

    qsizetype m_capacity;
    qsizetype m_size = 0;
    QList<QList<AnalysedCapture>> m_batches; ///< oldest first
    Retire m_retire;
};
