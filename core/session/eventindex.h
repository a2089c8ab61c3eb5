#pragma once

#include <QList>
#include <QtGlobal>

#include <array>

/// One event of a General webhook, or the action of an Integration webhook (which
/// counts as one event named by its action): 28 bytes, texts as StringPool indexes
/// except the entity id. Entity ids are GUIDs, nearly all different: interning them
/// would cost ~200 bytes each, so a GUID is kept as its 16 bytes here (see
/// CaptureIndex::entityId()) and only other ids go to the StringPool.
struct EventIndexRow {
    quint32 capture = 0;             ///< position of its capture in the CaptureIndex
    quint32 name = 0;                ///< the discriminator as sent, or the Integration action
    quint32 collection : 29 = 0;     ///< legacy Entities key of the discriminator, if any
    quint32 entityIncluded : 1 = 0;  ///< the older form embedded the entity in Entities
    quint32 entityIsGuid : 1 = 0;    ///< entity holds a GUID, else a StringPool index
    quint32 entityUpperCase : 1 = 0; ///< the GUID was sent in upper case
    /// Value.Id: the GUID's bytes in text order, or a StringPool index in the first four
    /// bytes (0: no id, as for actions).
    std::array<quint8, 16> entity{};
};
static_assert(sizeof(EventIndexRow) == 28, "keep the event index row at 28 bytes");

/**
 * The events of every capture of a CaptureIndex, so the event views never read a
 * body: per capture a contiguous range of EventIndexRow, addressed by (capture
 * position, ordinal). A capture analysed again gets its range replaced; ranges that
 * grow move to the end and the space they leave is reclaimed once it is more than
 * half of the rows, so callers must keep (position, ordinal), never raw row numbers.
 */
class EventIndex {
public:
    /// Starts the next capture (position == captureCount()), with no events yet.
    void addCapture();
    /// Adds an event to the capture added last.
    void addEvent(const EventIndexRow &event);
    /// Replaces the events of an existing capture.
    void replace(qsizetype capture, const QList<EventIndexRow> &events);
    void reserve(qsizetype captures, qsizetype events);

    qsizetype captureCount() const { return m_ranges.size(); }
    /// Number of events of the capture at this position (0 for a position out of range).
    qsizetype countOf(qsizetype capture) const {
        return capture >= 0 && capture < m_ranges.size() ? qsizetype(m_ranges.at(capture).count)
                                                         : 0;
    }
    /// The ordinal-th event of a capture; ordinal < countOf(capture).
    const EventIndexRow &at(qsizetype capture, qsizetype ordinal) const {
        return m_rows.at(qsizetype(m_ranges.at(capture).first) + ordinal);
    }
    /// Events of all captures.
    qsizetype eventCount() const { return m_live; }

    /// Heap bytes held.
    qsizetype approximateBytes() const;

private:
    struct Range {
        quint32 first = 0;
        quint32 count = 0;
    };
    void compact();

    QList<EventIndexRow> m_rows;
    QList<Range> m_ranges; ///< per capture position
    qsizetype m_live = 0;  ///< rows in use (the rest were left behind by replace())
};
