#include "embeddedentities.h"

#include <algorithm>

namespace {

/// The first entity of the capture at position or after it.
template <typename Iterator> Iterator firstAt(Iterator begin, Iterator end, quint32 position) {
    return std::lower_bound(begin, end, position, [](const EmbeddedEntity &e, quint32 p) {
        return e.entity.capture < p;
    });
}

} // namespace

void EmbeddedEntities::replace(quint32 position, const QList<EmbeddedEntity> &entities) {
    const auto first = firstAt(m_entities.begin(), m_entities.end(), position);
    auto last = first;
    while (last != m_entities.end() && last->entity.capture == position)
        ++last;
    qsizetype at = m_entities.erase(first, last) - m_entities.begin();
    for (const EmbeddedEntity &entity : entities)
        m_entities.insert(at++, entity);
}

std::span<const EmbeddedEntity> EmbeddedEntities::of(quint32 position) const {
    const auto first = firstAt(m_entities.cbegin(), m_entities.cend(), position);
    auto last = first;
    while (last != m_entities.cend() && last->entity.capture == position)
        ++last;
    return {first, last};
}
