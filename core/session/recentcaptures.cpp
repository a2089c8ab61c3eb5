#include "recentcaptures.h"

#include <algorithm>

RecentCaptures::RecentCaptures(qsizetype capacity)
    : m_capacity(qMax(qsizetype(1), capacity)) {
}

void RecentCaptures::add(QList<AnalysedCapture> batch) {
    QList<QList<AnalysedCapture>> batches;
    batches.append(std::move(batch));
    add(std::move(batches));
}

void RecentCaptures::add(QList<QList<AnalysedCapture>> batches) {
    QList<QList<AnalysedCapture>> retired;
    for (QList<AnalysedCapture> &batch : batches) {
        if (batch.isEmpty())
            continue;
        if (batch.size() > m_capacity) {
            // A backlog slice of thousands: keep its newest, so memory stays bounded.
            QList<AnalysedCapture> newest = batch.sliced(batch.size() - m_capacity);
            retired.append(std::move(batch));
            batch = std::move(newest);
        }
        m_size += batch.size();
        m_batches.append(std::move(batch));
        while (m_size - m_batches.constFirst().size() >= m_capacity) {
            m_size -= m_batches.constFirst().size();
            retired.append(m_batches.takeFirst());
        }
    }
    if (!retired.isEmpty() && m_retire)
        m_retire(std::move(retired));
}

std::pair<qsizetype, qsizetype> RecentCaptures::locate(qint64 id) const {
    for (qsizetype b = m_batches.size() - 1; b >= 0; --b) {
        const QList<AnalysedCapture> &batch = m_batches.at(b);
        if (id < batch.constFirst().capture.id)
            continue;
        if (id > batch.constLast().capture.id)
            break; // the batches are in id order: no older one has it either
        const auto at = std::lower_bound(batch.cbegin(), batch.cend(), id,
                                         [](const AnalysedCapture &capture, qint64 value) {
                                             return capture.capture.id < value;
                                         });
        if (at != batch.cend() && at->capture.id == id)
            return {b, at - batch.cbegin()};
        break;
    }
    return {-1, -1};
}

const AnalysedCapture *RecentCaptures::find(qint64 id) const {
    const auto [b, i] = locate(id);
    return b < 0 ? nullptr : &m_batches.at(b).at(i);
}

bool RecentCaptures::setAnalysis(qint64 id, const MewsAnalysis &analysis) {
    const auto [b, i] = locate(id);
    if (b < 0)
        return false;
    m_batches[b][i].analysis = analysis;
    return true;
}

void RecentCaptures::clear() {
    m_batches.clear();
    m_size = 0;
}
