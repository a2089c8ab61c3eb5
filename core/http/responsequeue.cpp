#include "responsequeue.h"

void ResponseQueue::reserve(quint32 sequence, bool close) {
    Place place;
    place.sequence = sequence;
    place.close = close;
    m_places.push_back(place);
}

void ResponseQueue::addInterim(const QByteArray &wire) {
    Place place;
    place.wire = wire;
    place.ready = true;
    m_places.push_back(place);
}

void ResponseQueue::decide(quint32 sequence, const QByteArray &wire, bool close, qint64 dueMs) {
    for (Place &place : m_places) {
        if (place.sequence != sequence || place.ready)
            continue;
        place.wire = wire;
        place.ready = true;
        place.close = place.close || close;
        place.dueMs = dueMs;
        return;
    }
}

std::optional<ResponseQueue::Due> ResponseQueue::takeDue(qint64 nowMs) {
    if (m_places.empty() || !m_places.front().ready || m_places.front().dueMs > nowMs)
        return std::nullopt;
    Due due{std::move(m_places.front().wire), m_places.front().close};
    m_places.pop_front();
    if (due.close)
        m_places.clear();
    return due;
}

qint64 ResponseQueue::nextDueMs() const {
    return m_places.empty() ? 0 : m_places.front().dueMs; // 0 while undecided
}
