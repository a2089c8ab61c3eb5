#include "shownrows.h"

#include "capturematcher.h"
#include "captureorder.h"
#include "capturetablemodel.h"

#include <algorithm>

void ShownRows::clear() {
    m_rows.clear();
    m_rowOf.clear();
}

void ShownRows::fill(const CaptureIndex &index, const CaptureMatcher &matcher,
                     const CaptureOrder &order, quint32 count) {
    clear();
    if (matcher.matchesEverything()) {
        m_rows.resize(count);
        for (quint32 position = 0; position < count; ++position)
            m_rows[position] = position;
    } else {
        for (quint32 position = 0; position < count; ++position) {
            if (matcher.matches(index, position))
                m_rows.push_back(position);
        }
        m_rows.shrink_to_fit();
    }
    if (!order.isArrivalOrder())
        order.sort(m_rows);
}

int ShownRows::rowOf(quint32 position, const CaptureOrder &order, quint32 count) const {
    if (position >= count)
        return -1;
    if (order.isArrivalOrder() || order.column() == CaptureTableModel::NumberColumn) {
        // Sorted by position either way: no map needed.
        const auto less = [&order](quint32 a, quint32 b) {
            return order.lessThan(a, b);
        };
        const auto found = std::lower_bound(m_rows.begin(), m_rows.end(), position, less);
        return found != m_rows.end() && *found == position ? int(found - m_rows.begin()) : -1;
    }
    if (m_rowOf.empty() && !m_rows.empty()) {
        m_rowOf.assign(size_t(count), -1);
        for (size_t row = 0; row < m_rows.size(); ++row) {
            if (m_rows[row] < m_rowOf.size())
                m_rowOf[m_rows[row]] = qint32(row);
        }
    }
    return position < m_rowOf.size() ? m_rowOf[position] : -1;
}

std::pair<size_t, size_t> ShownRows::candidates(quint32 first, quint32 last,
                                                const CaptureOrder &order) const {
    // In position order (ascending or newest first) the rows of [first, last] are one run.
    if (order.isArrivalOrder()) {
        const auto begin = std::lower_bound(m_rows.begin(), m_rows.end(), first);
        const auto end = std::upper_bound(begin, m_rows.end(), last);
        return {size_t(begin - m_rows.begin()), size_t(end - m_rows.begin())};
    }
    if (order.column() == CaptureTableModel::NumberColumn) {
        const auto begin =
            std::lower_bound(m_rows.begin(), m_rows.end(), last, std::greater<quint32>());
        const auto end = std::upper_bound(begin, m_rows.end(), first, std::greater<quint32>());
        return {size_t(begin - m_rows.begin()), size_t(end - m_rows.begin())};
    }
    return {0, m_rows.size()};
}

QList<RowBlocks::Run> ShownRows::leaving(quint32 first, quint32 last, const CaptureIndex &index,
                                         const CaptureMatcher &matcher,
                                         const CaptureOrder &order) const {
    const auto [begin, end] = candidates(first, last, order);
    return RowBlocks::runsIn(begin, end, [&](size_t row) {
        const quint32 position = m_rows[row];
        if (position < first || position > last)
            return false;
        bool stays = matcher.matches(index, position);
        if (stays && order.dependsOnAnalysis()) {
            stays = (row == 0 || order.lessThan(m_rows[row - 1], position)) &&
                    (row + 1 == m_rows.size() || order.lessThan(position, m_rows[row + 1]));
        }
        return !stays;
    });
}

ShownRows::Present ShownRows::present(quint32 first, quint32 last,
                                      const CaptureOrder &order) const {
    Present present;
    const auto [begin, end] = candidates(first, last, order);
    for (size_t row = begin; row < end; ++row) {
        if (m_rows[row] < first || m_rows[row] > last)
            continue;
        present.positions.push_back(m_rows[row]);
        present.top = present.top < 0 ? int(row) : present.top;
        present.bottom = int(row);
    }
    std::sort(present.positions.begin(), present.positions.end());
    return present;
}

std::vector<quint32> ShownRows::entering(quint32 first, quint32 last, quint32 count,
                                         const Present &present, const CaptureIndex &index,
                                         const CaptureMatcher &matcher) {
    std::vector<quint32> positions;
    for (quint32 position = first; position <= last && position < count; ++position) {
        if (!std::binary_search(present.positions.begin(), present.positions.end(), position) &&
            matcher.matches(index, position))
            positions.push_back(position);
    }
    return positions;
}
