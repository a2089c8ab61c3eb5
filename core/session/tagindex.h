#pragma once

#include "sortedpositions.h"

#include <QHash>
#include <QList>

/**
 * The tags of a session's captures, the actions of Integration webhooks and the event
 * discriminators of General webhooks: for each tag its interned name and the sorted
 * positions of the captures that carry it. Part of CaptureIndex; a capture row also
 * keeps a bit mask of its tags (bit()), so most membership tests need no search.
 */
class TagIndex {
public:
    static constexpr int MaskedTags = 63; ///< tags 0..62 own a bit; the rest share bit 63

    static quint64 bit(int tag) {
        return tag < MaskedTags ? quint64(1) << tag : quint64(1) << MaskedTags;
    }

    int size() const { return int(m_names.size()); }
    /// The StringPool index of a tag's name.
    quint32 name(int tag) const { return m_names.at(tag); }
    /// The tag of an interned name, or -1.
    int find(quint32 name) const { return m_byName.value(name, -1); }
    /// The tag of an interned name, made when new.
    int tagFor(quint32 name);

    /// Adds a capture to tag (kept sorted, never twice); returns the bit for its row.
    /// Inline: a session opens with one call per tag of every capture.
    quint64 add(int tag, quint32 position) {
        SortedPositions::insert(m_positions[tag], position);
        return bit(tag);
    }
    /// Adds captures (sorted positions) to tag in one pass; returns the bit for their rows.
    quint64 addAll(int tag, const QList<quint32> &sortedPositions) {
        SortedPositions::insertAll(m_positions[tag], sortedPositions);
        return bit(tag);
    }
    /// Removes captures (sorted positions) from every tag: their analyses are replaced.
    void removeEverywhere(const QList<quint32> &sortedPositions);
    /// Whether the capture carries tag, by search (for tags that share bit 63).
    bool contains(int tag, quint32 position) const;
    /// Sorted positions of the captures that carry tag.
    const QList<quint32> &positions(int tag) const { return m_positions.at(tag); }

    qsizetype approximateBytes() const;

private:
    QList<quint32> m_names;            ///< tag -> string index
    QHash<quint32, int> m_byName;      ///< string index -> tag
    QList<QList<quint32>> m_positions; ///< tag -> sorted positions
};
