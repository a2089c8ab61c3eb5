#include "eventloopprobe.h"

#include <QLocale>

EventLoopProbe::EventLoopProbe(QObject *parent)
    : QObject(parent) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start() {
    m_clock.start();
    m_expectedMs = IntervalMs;
    m_timer.start();
}

void EventLoopProbe::stop() {
    m_timer.stop();
}

void EventLoopProbe::reset() {
    m_maxLatenessMs = 0;
    m_stalls = 0;
    m_ticks = 0;
    if (m_timer.isActive()) {
        m_clock.restart();
        m_expectedMs = IntervalMs;
    }
}

void EventLoopProbe::tick() {
    const qint64 now = m_clock.elapsed();
    const qint64 lateness = qMax<qint64>(0, now - m_expectedMs);
    ++m_ticks;
    m_maxLatenessMs = qMax(m_maxLatenessMs, lateness);
    if (lateness > StallMs) {
        ++m_stalls;
        Q_EMIT stalled(lateness);
    }
    // Measured from this tick, so one stall is counted once, not once per missed tick.
    m_expectedMs = now + IntervalMs;
}

QString EventLoopProbe::report() const {
    const QLocale locale = QLocale::c();
    return QStringLiteral("event loop: max stall %1 ms over %2 ticks of %3 ms (%4 over %5 ms)")
        .arg(m_maxLatenessMs)
        .arg(locale.toString(m_ticks))
        .arg(IntervalMs)
        .arg(m_stalls)
        .arg(StallMs);
}
