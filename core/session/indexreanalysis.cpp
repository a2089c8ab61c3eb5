#include "indexreanalysis.h"

#include <algorithm>

void IndexReanalysis::Groups::add(quint32 key, quint32 position) {
    if (key == 0)
        return;
    auto found = positions.find(key);
    if (found == positions.end()) {
        keys.append(key);
        found = positions.insert(key, {});
    }
    found->append(position);
}

QList<CaptureIndex::Reanalysis>
IndexReanalysis::sorted(const QList<CaptureIndex::Reanalysis> &updates) const {
    QList<CaptureIndex::Reanalysis> valid;
    valid.reserve(updates.size());
    for (const CaptureIndex::Reanalysis &update : updates) {
        if (update.analysed && update.position >= 0 && update.position < m_index.m_rows.size())
            valid.append(update);
    }
    std::stable_sort(valid.begin(), valid.end(),
                     [](const auto &a, const auto &b) { return a.position < b.position; });
    QList<CaptureIndex::Reanalysis> unique;
    unique.reserve(valid.size());
    for (qsizetype i = 0; i < valid.size(); ++i) {
        if (i + 1 < valid.size() && valid.at(i + 1).position == valid.at(i).position)
            continue; // a later update of the same row wins
        unique.append(valid.at(i));
    }
    return unique;
}

void IndexReanalysis::unlink(const QList<CaptureIndex::Reanalysis> &updates,
                             const QList<quint32> &positions) {
    Groups enterprises;
    Groups integrations;
    for (const CaptureIndex::Reanalysis &update : updates) {
        CaptureIndexRow &row = m_index.m_rows[update.position];
        m_index.count(row, -1);
        enterprises.add(row.enterpriseId, quint32(update.position));
        integrations.add(row.integrationId, quint32(update.position));
        row.tagMask = 0;
    }
    m_index.m_tags.removeEverywhere(positions);
    for (const quint32 key : std::as_const(enterprises.keys))
        m_index.m_enterprises.removeAll(key, enterprises.positions.value(key));
    for (const quint32 key : std::as_const(integrations.keys))
        m_index.m_integrations.removeAll(key, integrations.positions.value(key));
}

void IndexReanalysis::apply(const QList<CaptureIndex::Reanalysis> &updates) {
    const QList<CaptureIndex::Reanalysis> rows = sorted(updates);
    if (rows.isEmpty())
        return;
    QList<quint32> positions;
    positions.reserve(rows.size());
    for (const CaptureIndex::Reanalysis &update : rows)
        positions.append(quint32(update.position));
    unlink(rows, positions);

    // The new analyses, each list's additions gathered in position order.
    QHash<int, QList<quint32>> tagged;
    QList<int> tagOrder;
    Groups enterprises;
    Groups integrations;
    QList<EmbeddedEntity> embedded;
    QList<int> tags;
    for (const CaptureIndex::Reanalysis &update : rows) {
        const auto position = quint32(update.position);
        tags.clear();
        m_index.setAnalysis(position, update.analysed->analysis, tags, embedded);
        for (const int tag : std::as_const(tags)) {
            auto found = tagged.find(tag);
            if (found == tagged.end()) {
                tagOrder.append(tag);
                found = tagged.insert(tag, {});
            }
            found->append(position);
        }
        const CaptureIndexRow &row = m_index.m_rows.at(position);
        enterprises.add(row.enterpriseId, position);
        integrations.add(row.integrationId, position);
    }
    for (const int tag : std::as_const(tagOrder)) {
        const QList<quint32> &carriers = tagged.value(tag);
        const quint64 bit = m_index.m_tags.addAll(tag, carriers);
        for (const quint32 position : carriers)
            m_index.m_rows[position].tagMask |= bit;
    }
    for (const quint32 key : std::as_const(enterprises.keys))
        m_index.m_enterprises.addAll(key, enterprises.positions.value(key));
    for (const quint32 key : std::as_const(integrations.keys))
        m_index.m_integrations.addAll(key, integrations.positions.value(key));
    m_index.m_embedded.replace(positions, embedded);
    for (const CaptureIndex::Reanalysis &update : rows)
        m_index.count(m_index.m_rows.at(update.position), +1);
}
