#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

/**
 * Measures how responsive the GUI thread is: a precise 10 ms timer notes how late
 * each of its ticks is. A tick more than StallMs late means the event loop was
 * blocked (by a paint, a model update, a flush) for that long, which a user feels
 * as a stutter. Kept as the maximum lateness, a count of stalls and a count of
 * ticks, for the debug status text, the GUI benchmark and MWI_LATENCY_PROBE.
 */
class EventLoopProbe : public QObject {
    Q_OBJECT

public:
    static constexpr int IntervalMs = 10;
    static constexpr int StallMs = 50;

    explicit EventLoopProbe(QObject *parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    void reset();

    /// The worst lateness of a tick since start() or reset(), in milliseconds.
    qint64 maxLatenessMs() const { return m_maxLatenessMs; }
    /// Ticks that came more than StallMs late.
    qint64 stalls() const { return m_stalls; }
    qint64 ticks() const { return m_ticks; }
    /// "event loop: max stall 12 ms over 3,000 ticks (0 over 50 ms)".
    QString report() const;

Q_SIGNALS:
    /// A tick came more than StallMs late.
    void stalled(qint64 latenessMs);

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_expectedMs = 0;
    qint64 m_maxLatenessMs = 0;
    qint64 m_stalls = 0;
    qint64 m_ticks = 0;
};
