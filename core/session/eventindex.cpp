#include "eventindex.h"

#include <algorithm>

void EventIndex::addCapture() {
    m_ranges.append(Range{quint32(m_rows.size()), 0});
}

void EventIndex::addEvent(const EventIndexRow &event) {
    if (m_ranges.isEmpty())
        return;
    Range &range = m_ranges.last();
    if (qsizetype(range.first) + range.count != m_rows.size()) {
        // Another capture's range was moved behind this one: move this one to the end.
        const auto first = quint32(m_rows.size());
        for (quint32 i = 0; i < range.count; ++i) {
            const EventIndexRow moved = m_rows.at(qsizetype(range.first) + i);
            m_rows.append(moved);
        }
        range.first = first;
    }
    m_rows.append(event);
    ++range.count;
    ++m_live;
}

void EventIndex::replace(qsizetype capture, const QList<EventIndexRow> &events) {
    if (capture < 0 || capture >= m_ranges.size())
        return;
    Range &range = m_ranges[capture];
    m_live += events.size() - qsizetype(range.count);
    if (events.size() <= qsizetype(range.count)) {
        std::copy(events.cbegin(), events.cend(), m_rows.begin() + range.first);
    } else {
        range.first = quint32(m_rows.size());
        m_rows.append(events);
    }
    range.count = quint32(events.size());
    if (m_rows.size() > 1024 && m_live < m_rows.size() / 2)
        compact();
}

void EventIndex::reserve(qsizetype captures, qsizetype events) {
    m_ranges.reserve(captures);
    m_rows.reserve(events);
}

qsizetype EventIndex::approximateBytes() const {
    return m_rows.capacity() * qsizetype(sizeof(EventIndexRow)) +
           m_ranges.capacity() * qsizetype(sizeof(Range));
}

void EventIndex::compact() {
    QList<EventIndexRow> rows;
    rows.reserve(m_live);
    for (Range &range : m_ranges) {
        const auto first = quint32(rows.size());
        for (quint32 i = 0; i < range.count; ++i)
            rows.append(m_rows.at(qsizetype(range.first) + i));
        range.first = first;
    }
    m_rows = std::move(rows);
}
