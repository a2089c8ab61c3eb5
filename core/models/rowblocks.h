#pragma once

#include <QList>
#include <QtGlobal>

#include <algorithm>
#include <type_traits>
#include <vector>

/**
 * How sorted rows go into, and come out of, a model's sorted row vector in as few
 * contiguous blocks as possible, so a model emits one beginInsertRows() /
 * beginRemoveRows() per block.
 */
namespace RowBlocks {

/// New rows [from, from + count) of a sorted batch go before existing row `at`.
struct Insertion {
    qsizetype at = 0;
    qsizetype from = 0;
    qsizetype count = 0;
};

/// rows and added are both sorted by less, a strict total order; every added row is new.
/// Rows and Added are std::vector or QList.
template <typename Rows, typename Added, typename Less>
QList<Insertion> plan(const Rows &rows, const Added &added, Less less) {
    QList<Insertion> blocks;
    auto low = rows.begin();
    const auto count = qsizetype(added.size());
    for (qsizetype i = 0; i < count;) {
        low = std::upper_bound(low, rows.end(), added[i], less);
        const auto at = qsizetype(low - rows.begin());
        qsizetype j = i + 1;
        while (j < count && (low == rows.end() || less(added[j], *low)))
            ++j;
        blocks.append({at, i, j - i});
        i = j;
    }
    return blocks;
}

/// Applies a plan block by block, in ascending order: begin(first, last) before the
/// rows go in, end() after, with first/last counted in the vector as it is then.
template <typename Rows, typename Added, typename Begin, typename End>
void insert(Rows &rows, const Added &added, const QList<Insertion> &blocks, Begin begin, End end) {
    qsizetype shift = 0;
    for (const Insertion &block : blocks) {
        const qsizetype first = block.at + shift;
        begin(first, first + block.count - 1);
        const auto from = added.begin() + block.from;
        if constexpr (std::is_same_v<Rows, QList<typename Rows::value_type>>) {
            // QList (Qt 6.4) has no range insert: make room, then copy.
            rows.insert(first, block.count, typename Rows::value_type{});
            std::copy(from, from + block.count, rows.begin() + first);
        } else {
            rows.insert(rows.begin() + first, from, from + block.count);
        }
        end();
        shift += block.count;
    }
}

/// A run of consecutive rows [first, first + count).
struct Run {
    qsizetype first = 0;
    qsizetype count = 0;
};

/// The runs of row numbers in [begin, end) for which removeRow(row number) is true, ascending.
template <typename Predicate> QList<Run> runsIn(size_t begin, size_t end, Predicate removeRow) {
    QList<Run> found;
    for (size_t i = begin; i < end; ++i) {
        if (!removeRow(i))
            continue;
        if (!found.isEmpty() && found.last().first + found.last().count == qsizetype(i))
            ++found.last().count;
        else
            found.append({qsizetype(i), 1});
    }
    return found;
}

/// The runs of rows for which remove(row) is true, ascending.
template <typename Rows, typename Predicate> QList<Run> runs(const Rows &rows, Predicate remove) {
    return runsIn(0, size_t(rows.size()),
                  [&rows, &remove](size_t i) { return remove(rows[qsizetype(i)]); });
}

/// Removes runs from the last to the first, so earlier row numbers stay valid.
template <typename Rows, typename Begin, typename End>
void remove(Rows &rows, const QList<Run> &found, Begin begin, End end) {
    for (qsizetype i = found.size() - 1; i >= 0; --i) {
        const Run &run = found.at(i);
        begin(run.first, run.first + run.count - 1);
        rows.erase(rows.begin() + run.first, rows.begin() + run.first + run.count);
        end();
    }
}

} // namespace RowBlocks
