#include "capturebacklog.h"

#include <QElapsedTimer>

#include <algorithm>
#include <chrono>

CaptureBacklog::CaptureBacklog()
    : CaptureBacklog(Limits{}) {
}

CaptureBacklog::CaptureBacklog(const Limits &limits)
    : m_limits(limits) {
}

int CaptureBacklog::admit(qsizetype captures, qint64 bytes) {
    std::unique_lock lock(m_mutex);
    m_captures += captures;
    m_bytes += bytes;
    if (m_released || !overLimit())
        return 0;
    QElapsedTimer waited;
    waited.start();
    m_changed.wait_for(lock, std::chrono::milliseconds(m_limits.maxWaitMs),
                       [this] { return m_released || !overLimit(); });
    const int ms = int(waited.elapsed());
    m_longestWaitMs = std::max(m_longestWaitMs, ms);
    return ms;
}

void CaptureBacklog::done(qsizetype captures, qint64 bytes) {
    {
        const std::lock_guard lock(m_mutex);
        m_captures = std::max<qsizetype>(0, m_captures - captures);
        m_bytes = std::max<qint64>(0, m_bytes - bytes);
    }
    m_changed.notify_all();
}

void CaptureBacklog::release() {
    {
        const std::lock_guard lock(m_mutex);
        m_released = true;
    }
    m_changed.notify_all();
}

qsizetype CaptureBacklog::captures() const {
    const std::lock_guard lock(m_mutex);
    return m_captures;
}

qint64 CaptureBacklog::bytes() const {
    const std::lock_guard lock(m_mutex);
    return m_bytes;
}

int CaptureBacklog::longestWaitMs() const {
    const std::lock_guard lock(m_mutex);
    return m_longestWaitMs;
}
