#include "tagindex.h"

#include <algorithm>

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

void TagIndex::insertSorted(QList<quint32> &positions, quint32 position) {
    const auto at = std::lower_bound(positions.begin(), positions.end(), position);
    if (at == positions.end() || *at != position)
        positions.insert(at - positions.begin(), position);
}

void TagIndex::removeEverywhere(quint32 position) {
    for (QList<quint32> &positions : m_positions) {
        const auto at = std::lower_bound(positions.begin(), positions.end(), position);
        if (at != positions.end() && *at == position)
            positions.erase(at);
    }
}

bool TagIndex::contains(int tag, quint32 position) const {
    const QList<quint32> &list = m_positions.at(tag);
    return std::binary_search(list.cbegin(), list.cend(), position);
}

qsizetype TagIndex::approximateBytes() const {
    qsizetype bytes = m_names.capacity() * qsizetype(sizeof(quint32));
    for (const QList<quint32> &positions : m_positions)
        bytes += positions.capacity() * qsizetype(sizeof(quint32));
    return bytes;
}
