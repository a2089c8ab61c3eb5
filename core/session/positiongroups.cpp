#include "positiongroups.h"

#include "sortedpositions.h"

void PositionGroups::add(quint32 key, quint32 position) {
    auto group = m_positions.find(key);
    if (group == m_positions.end()) {
        // A key stays in the table when its captures leave, so only a new key is listed.
        m_order.append(key);
        group = m_positions.insert(key, QList<quint32>());
    }
    SortedPositions::insert(*group, position);
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
