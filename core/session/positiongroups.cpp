#include "positiongroups.h"

#include "sortedpositions.h"

void PositionGroups::add(quint32 key, quint32 position) {
    QList<quint32> &list = m_positions[key];
    if (list.isEmpty() && !m_order.contains(key))
        m_order.append(key);
    SortedPositions::insert(list, position);
}

void PositionGroups::remove(quint32 key, quint32 position) {
    const auto found = m_positions.find(key);
    if (found != m_positions.end())
        SortedPositions::remove(*found, position);
}

qsizetype PositionGroups::approximateBytes() const {
    qsizetype bytes = m_order.capacity() * qsizetype(sizeof(quint32));
    for (const QList<quint32> &positions : m_positions)
        bytes += positions.capacity() * qsizetype(sizeof(quint32));
    return bytes;
}
