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
    replace(QList<quint32>{position}, entities);
}

void EmbeddedEntities::replace(const QList<quint32> &sortedPositions,
                               const QList<EmbeddedEntity> &entities) {
    if (sortedPositions.isEmpty())
        return;
    // Everything before the first capture replaced stays where it is.
    const qsizetype first = std::lower_bound(m_entities.cbegin(), m_entities.cend(),
                                             sortedPositions.constFirst(), ByCapture()) -
                            m_entities.cbegin();
    QList<EmbeddedEntity> rest;
    rest.reserve(m_entities.size() - first + entities.size());
    qsizetype added = 0;
    const auto addNew = [&](quint32 position) {
        while (added < entities.size() && entities.at(added).entity.capture < position)
            ++added; // not one of the captures replaced: ignored
        while (added < entities.size() && entities.at(added).entity.capture == position)
            rest.append(entities.at(added++));
    };
    qsizetype next = 0;
    for (qsizetype i = first; i < m_entities.size(); ++i) {
        const EmbeddedEntity &old = m_entities.at(i);
        const quint32 capture = old.entity.capture;
        while (next < sortedPositions.size() && sortedPositions.at(next) <= capture)
            addNew(sortedPositions.at(next++));
        const bool replaced = next > 0 && sortedPositions.at(next - 1) == capture;
        if (!replaced)
            rest.append(old);
    }
    while (next < sortedPositions.size())
        addNew(sortedPositions.at(next++));
    m_entities.resize(first);
    m_entities.append(rest);
}

std::span<const EmbeddedEntity> EmbeddedEntities::of(quint32 position) const {
    const auto [first, last] =
        std::equal_range(m_entities.cbegin(), m_entities.cend(), position, ByCapture());
    return {first, last};
}
