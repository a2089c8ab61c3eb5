#pragma once

#include <QList>

#include <algorithm>

/**
 * Sorted, duplicate-free lists of capture positions, as the index's groups and tags keep
 * them. Positions usually arrive in order, so insert() appends without a search then.
 */
namespace SortedPositions {

/// Inserts position in order unless it is already there.
inline void insert(QList<quint32> &positions, quint32 position) {
    if (positions.isEmpty() || positions.constLast() < position) {
        positions.append(position);
        return;
    }
    const auto at = std::lower_bound(positions.begin(), positions.end(), position);
    if (at == positions.end() || *at != position)
        positions.insert(at - positions.begin(), position);
}

/// Removes position if present (binary search); returns whether it was.
inline bool remove(QList<quint32> &positions, quint32 position) {
    const auto at = std::lower_bound(positions.begin(), positions.end(), position);
    if (at == positions.end() || *at != position)
        return false;
    positions.erase(at);
    return true;
}

inline bool contains(const QList<quint32> &positions, quint32 position) {
    return std::binary_search(positions.cbegin(), positions.cend(), position);
}

} // namespace SortedPositions
