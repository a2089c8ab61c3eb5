#pragma once

#include <QtGlobal>

#include <bit>
#include <vector>

/**
 * Stable sort of rows by a 64-bit key: least-significant-digit radix sort, 11 bits a
 * pass, as many passes as the spread of the keys needs (one for a kind or a state,
 * three for a session's times). O(n), where a comparison sort of a million rows is
 * O(n log n) with a cache miss per comparison; ties keep their input order.
 */
namespace KeySort {

template <typename T> struct Keyed {
    quint64 key = 0;
    T item{};
};

template <typename T> void sort(std::vector<Keyed<T>> &rows, bool descending = false) {
    if (rows.size() < 2)
        return;
    quint64 low = rows.front().key;
    quint64 high = low;
    for (const Keyed<T> &row : rows) {
        low = row.key < low ? row.key : low;
        high = row.key > high ? row.key : high;
    }
    const quint64 spread = high - low;
    if (spread == 0)
        return;
    // Descending: sort high - key ascending, so ties still keep their input order.
    for (Keyed<T> &row : rows)
        row.key = descending ? high - row.key : row.key - low;
    constexpr int Bits = 11; // 2048 buckets: the counts and write heads stay in cache
    constexpr size_t Buckets = size_t(1) << Bits;
    const int passes = (std::bit_width(spread) + Bits - 1) / Bits;
    std::vector<Keyed<T>> buffer(rows.size());
    std::vector<size_t> starts(Buckets + 1);
    for (int pass = 0; pass < passes; ++pass) {
        const int shift = pass * Bits;
        std::fill(starts.begin(), starts.end(), 0);
        for (const Keyed<T> &row : rows)
            ++starts[((row.key >> shift) & (Buckets - 1)) + 1];
        for (size_t bucket = 1; bucket <= Buckets; ++bucket)
            starts[bucket] += starts[bucket - 1];
        for (const Keyed<T> &row : rows)
            buffer[starts[(row.key >> shift) & (Buckets - 1)]++] = row;
        rows.swap(buffer);
    }
}

} // namespace KeySort
