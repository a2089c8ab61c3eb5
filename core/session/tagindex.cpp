#include "tagindex.h"

int TagIndex::tagFor(quint32 name) {
    const auto found = m_byName.constFind(name);
    if (found != m_byName.cend())
        return found.value();
    const int tag = int(m_names.size());
    m_names.append(name);
    m_byName.insert(name, tag);
    m_positions.append(QList<quint32>());
    return tag;
}

void TagIndex::removeEverywhere(const QList<quint32> &sortedPositions) {
    for (QList<quint32> &positions : m_positions)
        SortedPositions::removeAll(positions, sortedPositions);
}

bool TagIndex::contains(int tag, quint32 position) const {
    return SortedPositions::contains(m_positions.at(tag), position);
}

qsizetype TagIndex::approximateBytes() const {
    qsizetype bytes = m_names.capacity() * qsizetype(sizeof(quint32));
    for (const QList<quint32> &positions : m_positions)
        bytes += positions.capacity() * qsizetype(sizeof(quint32));
    return bytes;
}
