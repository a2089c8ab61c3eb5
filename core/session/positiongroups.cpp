#include "positiongroups.h"

#include <algorithm>

void PositionGroups::add(quint32 key, quint32 position) {
    QList<quint32> &list = m_positions[key];
    if (list.isEmpty() && !m_order.contains(key))
        m_order.append(key);
    if (list.isEmpty() || list.constLast() < position) {
        list.append(position);
        return;
    }
    const auto at = std::lower_bound(list.begin(), list.end(), position);
    if (at == list.end() || *at != position)
        list.insert(at - list.begin(), position);
}

void PositionGroups::remove(quint32 key, quint32 position) {
    const auto found = m_positions.find(key);
    if (found != m_positions.end())
        found->removeOne(position);
}

qsizetype PositionGroups::approximateBytes() const {
    qsizetype bytes = m_order.capacity() * qsizetype(sizeof(quint32));
    for (const QList<quint32> &positions : m_positions)
        bytes += positions.capacity() * qsizetype(sizeof(quint32));
    return bytes;
}
