#pragma once

#include <QHash>
#include <QList>

/**
 * Captures grouped by one interned key, such as an enterprise or an integration id:
 * the sorted positions of each key's captures, the keys in first-seen order, and the
 * name a webhook gave the key (Integration webhooks name their enterprise). Part of
 * CaptureIndex; keys and names are StringPool indexes, 0 meaning none.
 */
class PositionGroups {
public:
    /// Adds a capture to key's group; positions usually arrive in order.
    void add(quint32 key, quint32 position);
    /// Adds captures (sorted positions) to key's group in one pass.
    void addAll(quint32 key, const QList<quint32> &sortedPositions);
    /// Removes captures (sorted positions) from key's group (their analyses are
    /// replaced); the key stays known.
    void removeAll(quint32 key, const QList<quint32> &sortedPositions);

    /// Sorted positions of key's captures; empty for an unknown key.
    QList<quint32> positions(quint32 key) const { return m_positions.value(key); }
    /// Every key that had a capture, in first-seen order.
    const QList<quint32> &keys() const { return m_order; }

    void setName(quint32 key, quint32 name) { m_names.insert(key, name); }
    /// The name given for key, or 0.
    quint32 name(quint32 key) const { return m_names.value(key); }

    qsizetype approximateBytes() const;

private:
    /// key's positions, made (and the key listed) when new.
    QList<quint32> &group(quint32 key);

    QHash<quint32, QList<quint32>> m_positions;
    QList<quint32> m_order;
    QHash<quint32, quint32> m_names;
};
