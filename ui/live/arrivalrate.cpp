#include "arrivalrate.h"

#include <cmath>

void ArrivalRate::add(qint64 count, qint64 nowMs) {
    advance(nowMs);
    m_bucketCount += count;
}

double ArrivalRate::perSecond(qint64 nowMs) {
    advance(nowMs);
    return m_rate;
}

void ArrivalRate::reset() {
    m_bucketStart = -1;
    m_bucketCount = 0;
    m_rate = 0.0;
}

void ArrivalRate::advance(qint64 nowMs) {
    if (m_bucketStart < 0) {
        m_bucketStart = nowMs;
        return;
    }
    if (nowMs < m_bucketStart + BucketMs)
        return;
    const double alpha = 1.0 - std::exp(-double(BucketMs) / TimeConstantMs);
    // The bucket that just closed, then one empty bucket per quarter second of silence
    // (in closed form, so an idle hour costs nothing).
    m_rate += alpha * (double(m_bucketCount) * 1000.0 / double(BucketMs) - m_rate);
    const qint64 idle = (nowMs - m_bucketStart) / BucketMs - 1;
    if (idle > 0)
        m_rate *= std::pow(1.0 - alpha, double(idle));
    if (m_rate < 0.05)
        m_rate = 0.0;
    m_bucketStart += (idle + 1) * BucketMs;
    m_bucketCount = 0;
}
