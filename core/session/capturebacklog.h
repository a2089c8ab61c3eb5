#pragma once

#include "capture/capture.h"

#include <QtGlobal>

#include <condition_variable>
#include <mutex>

/**
 * Flow control for the live pipeline: how many captures (and body bytes) the listener
 * has handed on that the owner has not received yet.
 *
 * Every capture is in the session file before it is answered, so nothing is at risk
 * while it waits for analysis. But a listener that accepts faster than the analyser or
 * the owner can follow would queue without limit and the process would grow until it
 * died. Instead, the listener thread waits in admit() while the backlog is over its
 * limits, which slows every connection down (TCP pushes back on the senders) instead
 * of growing memory. Each wait is bounded, so a stuck consumer slows the listener but
 * never stops it, and release() ends every wait for shutdown.
 */
class CaptureBacklog {
public:
    struct Limits {
        qsizetype captures = 8192;
        qint64 bytes = qint64(64) << 20;
        int maxWaitMs = 1000; ///< the longest one admit() waits
    };

    CaptureBacklog();
    explicit CaptureBacklog(const Limits &limits);

    /// The bytes one capture counts for: its head and body.
    static qint64 weightOf(const Capture &capture) {
        return capture.body.size() + capture.rawHead.size();
    }

    /// Listener thread: counts a batch as handed on, then waits while the backlog is
    /// over a limit (at most maxWaitMs). Returns how long it waited, in ms.
    int admit(qsizetype captures, qint64 bytes);
    /// Owner thread: a batch has reached its consumer.
    void done(qsizetype captures, qint64 bytes);
    /// Ends every wait, now and later (shutdown).
    void release();

    qsizetype captures() const;
    qint64 bytes() const;
    /// The longest admit() wait so far, in ms (for benchmarks and diagnostics).
    int longestWaitMs() const;

private:
    bool overLimit() const { return m_captures > m_limits.captures || m_bytes > m_limits.bytes; }

    const Limits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    qsizetype m_captures = 0;
    qint64 m_bytes = 0;
    int m_longestWaitMs = 0;
    bool m_released = false;
};
