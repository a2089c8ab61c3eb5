#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <vector>

class CaptureIndex;

/**
 * The order of captures by one CaptureTableModel column, computed from the raw index
 * rows (never from display strings), in the order of the model's SortRole values:
 * times and sizes as numbers, texts compared case-insensitively, kinds and contract
 * states in enum order after the captures that have no analysis yet, the action/events
 * column by the first action or discriminator, the enterprise by its name where known,
 * else its id. Ties keep arrival order, ascending and descending alike, so sorting is
 * stable and the same rows always come out in the same order.
 *
 * lessThan() and sort() agree exactly; sort() ranks the texts once and sorts 64-bit
 * keys, so a million rows sort in well under a second.
 */
class CaptureOrder {
public:
    /// column -1 (or NumberColumn ascending) is arrival order.
    CaptureOrder(const CaptureIndex &index, int column, Qt::SortOrder order);

    /// Arrival order: positions ascending.
    bool isArrivalOrder() const { return m_column < 0 || (m_numberColumn && !m_descending); }
    int column() const { return m_column; }
    Qt::SortOrder order() const { return m_descending ? Qt::DescendingOrder : Qt::AscendingOrder; }

    /// Whether the capture at position a comes before the one at b (a != b).
    bool lessThan(quint32 a, quint32 b) const;
    /// Sorts positions (distinct, any order) into this order.
    void sort(std::vector<quint32> &positions) const;
    /// True when the order depends on the analysis of a capture (kind, events, ...).
    bool dependsOnAnalysis() const;

private:
    int compare(quint32 a, quint32 b) const;
    quint64 numericKey(quint32 position) const;
    quint32 textOf(quint32 position) const;
    QString comparedText(quint32 string) const;
    bool isTextColumn() const;

    const CaptureIndex &m_index;
    int m_column;
    bool m_descending;
    bool m_numberColumn;
};
