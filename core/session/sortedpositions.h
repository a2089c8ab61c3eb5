#pragma once

#include <QList>

#include <algorithm>

/**
 * Sorted, duplicate-free lists of capture positions, as the index's groups and tags keep
 * them. Positions usually arrive in order, so insert() appends without a search then;
 * removeAll() and insertAll() change many positions in one pass (a session analysed
 * again).
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

/// Removes every position of sortedRemove (sorted, duplicate-free) that is present, in
/// one pass: what follows the first one removed is moved once, not once per position.
inline void removeAll(QList<quint32> &positions, const QList<quint32> &sortedRemove) {
    if (positions.isEmpty() || sortedRemove.isEmpty() ||
        sortedRemove.constFirst() > positions.constLast() ||
        sortedRemove.constLast() < positions.constFirst())
        return;
    const auto end = positions.end();
    auto read = std::lower_bound(positions.begin(), end, sortedRemove.constFirst());
    auto write = read;
    for (const quint32 position : sortedRemove) {
        const auto at = std::lower_bound(read, end, position);
        write = std::move(read, at, write);
        read = at;
        if (read == end)
            break;
        if (*read == position)
            ++read;
    }
    write = std::move(read, end, write);
    positions.erase(write, end);
}

/// Inserts the positions of sortedAdd (sorted, duplicate-free) that are not present yet,
/// in one pass: what follows the last one added is moved once, not once per position.
inline void insertAll(QList<quint32> &positions, const QList<quint32> &sortedAdd) {
    if (sortedAdd.isEmpty())
        return;
    if (positions.isEmpty() || positions.constLast() < sortedAdd.constFirst()) {
        positions.append(sortedAdd);
        return;
    }
    QList<quint32> add;
    add.reserve(sortedAdd.size());
    for (const quint32 position : sortedAdd) {
        if (!std::binary_search(positions.cbegin(), positions.cend(), position))
            add.append(position);
    }
    if (add.isEmpty())
        return;
    const qsizetype oldSize = positions.size();
    positions.resize(oldSize + add.size());
    const auto begin = positions.begin();
    // The positions after the last one added only move up, all at once.
    const auto tail = std::upper_bound(begin, begin + oldSize, add.constLast());
    auto write = std::move_backward(tail, begin + oldSize, positions.end());
    // Then merge from the back until every added position is placed.
    auto read = tail;
    qsizetype next = add.size() - 1;
    while (next >= 0) {
        if (read != begin && *(read - 1) > add.at(next))
            *--write = *--read;
        else
            *--write = add.at(next--);
    }
}

inline bool contains(const QList<quint32> &positions, quint32 position) {
    return std::binary_search(positions.cbegin(), positions.cend(), position);
}

} // namespace SortedPositions
