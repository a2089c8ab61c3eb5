#pragma once

#include "eventref.h"

#include <QString>
#include <QtGlobal>

#include <span>

class CaptureIndex;

/**
 * The order of event rows by one EventListModel column, from the raw index rows: the
 * capture number and time as numbers, names and ids compared case-insensitively,
 * "entity included" as no < yes < not applicable (actions), the contract state in enum
 * order after captures without analysis (the order of the model's SortRole values). Ties keep
 * arrival order in both directions. lessThan() and sort() agree exactly.
 */
class EventOrder {
public:
    /// column -1 (or the capture column ascending) is arrival order.
    EventOrder(const CaptureIndex &index, int column, Qt::SortOrder order);

    bool isArrivalOrder() const { return m_column < 0 || (m_captureColumn && !m_descending); }
    bool lessThan(const EventRef &a, const EventRef &b) const;
    void sort(std::span<EventRef> rows) const;

private:
    bool isTextColumn() const;
    quint32 textOf(const EventRef &ref) const;
    QString comparedText(quint32 string) const;
    quint64 numericKey(const EventRef &ref) const;
    int compare(const EventRef &a, const EventRef &b) const;
    int compareEntities(const EventRef &a, const EventRef &b) const;
    void sortByEntity(std::span<EventRef> rows) const;

    const CaptureIndex &m_index;
    int m_column;
    bool m_descending;
    bool m_captureColumn;
};
