#pragma once

#include "captureindex.h"
#include "entityversion.h"

#include <QHash>
#include <QList>
#include <QString>

#include <array>

/**
 * Every appearance of one entity id in a CaptureIndex (CaptureIndex::entityHistory()):
 * the events naming it, with the path of the snapshot when one is embedded, and the
 * embedded snapshots no event names (the older General form), in capture order.
 *
 * A GUID is the same entity in any letter case, as the decoder links it: packed GUIDs
 * compare by their bytes, and a mixed-case one, which the index keeps as its text, by
 * unpacking that text (once per distinct text). Any other id matches as sent.
 */
class EntityHistory {
public:
    EntityHistory(const CaptureIndex &index, const QString &entityId);

    /// The versions in capture order; empty for an empty id or one the index never saw.
    QList<EntityVersion> versions() const;

private:
    /// Whether row names the entity asked for.
    bool matches(const EventIndexRow &row) const;
    /// The key of a non-GUID id as the index spells it: false when no such text is known.
    bool keyOf(const QString &id, EventIndexRow *key) const;

    const CaptureIndex &m_index;
    bool m_valid = false;
    bool m_isGuid = false;
    std::array<quint8, 16> m_guid{};
    EventIndexRow m_key;
    mutable QHash<quint32, bool> m_textIsGuid; ///< string index -> whether it spells the GUID
};
