#include "embeddedentities.h"

#include <algorithm>

namespace {

/// Orders entities by capture position, against a position on either side (equal_range).
struct ByCapture {
    bool operator()(const EmbeddedEntity &e, quint32 p) const { return e.entity.capture < p; }
    bool operator()(quint32 p, const EmbeddedEntity &e) const { return p < e.entity.capture; }
};

} // namespace

void EmbeddedEntities::replace(quint32 position, const QList<EmbeddedEntity> &entities) {
    const auto [first, last] =
        std::equal_range(m_entities.begin(), m_entities.end(), position, ByCapture());
    qsizetype at = m_entities.erase(first, last) - m_entities.begin();
    for (const EmbeddedEntity &entity : entities)
        m_entities.insert(at++, entity);
}

std::span<const EmbeddedEntity> EmbeddedEntities::of(quint32 position) const {
    const auto [first, last] =
        std::equal_range(m_entities.cbegin(), m_entities.cend(), position, ByCapture());
    return {first, last};
}
