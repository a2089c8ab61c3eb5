#pragma once

#include "eventindex.h"

#include <QList>

#include <span>

/// One embedded entity of the older General form (Entities{}), for the entity history.
struct EmbeddedEntity {
    EventIndexRow entity; ///< capture, Id (entity*), collection; name unused
    quint32 ordinal = 0;  ///< its position in the capture's entities
    quint32 path = 0;     ///< "Entities.ServiceOrders[0]"
    qint32 eventIndex = -1;
};

/**
 * The embedded entities of a session's captures, kept in capture position order so
 * one capture's entities are found by binary search. Positions only grow while
 * captures arrive; a capture analysed again has its entities replaced in place.
 */
class EmbeddedEntities {
public:
    /// Adds an entity of the last capture so far (its position is not below any other).
    void append(const EmbeddedEntity &entity) { m_entities.append(entity); }
    /// Replaces the entities of the capture at position (all with that position).
    void replace(quint32 position, const QList<EmbeddedEntity> &entities);
    /// Replaces the entities of the captures at sortedPositions, in one pass: entities
    /// are their new ones, in capture position order.
    void replace(const QList<quint32> &sortedPositions, const QList<EmbeddedEntity> &entities);
    /// The entities of the capture at position, in their order.
    std::span<const EmbeddedEntity> of(quint32 position) const;

    std::span<const EmbeddedEntity> all() const { return {m_entities.cbegin(), m_entities.cend()}; }
    qsizetype approximateBytes() const {
        return m_entities.capacity() * qsizetype(sizeof(EmbeddedEntity));
    }

private:
    QList<EmbeddedEntity> m_entities; ///< sorted by entity.capture
};
