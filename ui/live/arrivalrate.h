#pragma once

#include <QtGlobal>

/**
 * Captures per second, smoothed: arrivals are counted in quarter-second buckets and
 * each closed bucket moves an exponential average with a two-second time constant,
 * so the status bar reads steadily at 5,000/s and falls to 0 within seconds when
 * traffic stops. Times are passed in (milliseconds, any monotonic clock) so it can
 * be tested without waiting.
 */
class ArrivalRate {
public:
    static constexpr qint64 BucketMs = 250;
    static constexpr double TimeConstantMs = 2000.0;

    void add(qint64 count, qint64 nowMs);
    /// The smoothed rate at nowMs (closes the buckets that ended before it).
    double perSecond(qint64 nowMs);
    void reset();

private:
    void advance(qint64 nowMs);

    qint64 m_bucketStart = -1;
    qint64 m_bucketCount = 0;
    double m_rate = 0.0;
};
