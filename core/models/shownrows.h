#pragma once

#include "rowblocks.h"

#include <QList>
#include <QtGlobal>

#include <vector>

class CaptureIndex;
class CaptureMatcher;
class CaptureOrder;

/**
 * The rows CaptureFilterProxy shows: store positions in display order (4 bytes a row),
 * and the reverse map from position to row (4 bytes a capture), built on demand and
 * only for orders other than by position. Plain data and the questions the proxy asks
 * of it; the proxy turns the answers into model signals.
 */
class ShownRows {
public:
    const std::vector<quint32> &positions() const { return m_rows; }
    /// For changes in place (RowBlocks::insert() and remove(), sorting); forgets the map.
    std::vector<quint32> &edit() {
        m_rowOf.clear();
        return m_rows;
    }
    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    /// The position shown in row, or -1.
    qsizetype positionAt(int row) const {
        return row >= 0 && size_t(row) < m_rows.size() ? qsizetype(m_rows[size_t(row)]) : -1;
    }
    qsizetype approximateBytes() const {
        return qsizetype((m_rows.capacity() + m_rowOf.capacity()) * sizeof(quint32));
    }

    void clear();
    /// Every position in [0, count) that matcher passes, in order.
    void fill(const CaptureIndex &index, const CaptureMatcher &matcher, const CaptureOrder &order,
              quint32 count);
    /// The row of position (below count, the source's rows), or -1 when it is not shown.
    int rowOf(quint32 position, const CaptureOrder &order, quint32 count) const;

    /// The rows of changed positions [first, last] that must leave: they no longer pass,
    /// or their sort key moved and they are no longer between their neighbours.
    QList<RowBlocks::Run> leaving(quint32 first, quint32 last, const CaptureIndex &index,
                                  const CaptureMatcher &matcher, const CaptureOrder &order) const;

    /// The positions of [first, last] that are shown, and the rows they span.
    struct Present {
        std::vector<quint32> positions; ///< ascending
        int top = -1;
        int bottom = -1;
    };
    Present present(quint32 first, quint32 last, const CaptureOrder &order) const;

    /// The positions of [first, last] (below count) that pass and are not present, ascending.
    static std::vector<quint32> entering(quint32 first, quint32 last, quint32 count,
                                         const Present &present, const CaptureIndex &index,
                                         const CaptureMatcher &matcher);

private:
    /// The rows that may hold positions [first, last]: one run when sorted by position.
    std::pair<size_t, size_t> candidates(quint32 first, quint32 last,
                                         const CaptureOrder &order) const;

    std::vector<quint32> m_rows;
    mutable std::vector<qint32> m_rowOf; ///< position -> row, built on demand
};
