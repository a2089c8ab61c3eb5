#include "positiongroups.h"

#include "sortedpositions.h"

QList<quint32> &PositionGroups::group(quint32 key) {
    auto group = m_positions.find(key);
    if (group == m_positions.end()) {
        // A key stays in the table when its captures leave, so only a new key is listed.
        m_order.append(key);
        group = m_positions.insert(key, QList<quint32>());
    }
    return *group;
}

void PositionGroups::add(quint32 key, quint32 position) {
    SortedPositions::insert(group(key), position);
}

void PositionGroups::addAll(quint32 key, const QList<quint32> &sortedPositions) {
    if (!sortedPositions.isEmpty())
        SortedPositions::insertAll(group(key), sortedPositions);
}

void PositionGroups::removeAll(quint32 key, const QList<quint32> &sortedPositions) {
    const auto found = m_positions.find(key);
    if (found != m_positions.end())
        SortedPositions::removeAll(*found, sortedPositions);
}

qsizetype PositionGroups::approximateBytes() const {
    qsizetype bytes = m_order.capacity() * qsizetype(sizeof(quint32));
    for (const QList<quint32> &positions : m_positions)
        bytes += positions.capacity() * qsizetype(sizeof(quint32));
    return bytes;
}
