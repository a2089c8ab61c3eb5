#include "indexreanalysis.h"

#include <algorithm>

void IndexReanalysis::RowGroups::add(const CaptureIndexRow &row, quint32 position) {
    if (row.enterpriseId != 0)
        enterprises.add(row.enterpriseId, position);
    if (row.integrationId != 0)
        integrations.add(row.integrationId, position);
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
    RowGroups groups;
    for (const CaptureIndex::Reanalysis &update : updates) {
        CaptureIndexRow &row = m_index.m_rows[update.position];
        m_index.count(row, -1);
        groups.add(row, quint32(update.position));
        row.tagMask = 0;
    }
    m_index.m_tags.removeEverywhere(positions);
    groups.applyTo(m_index, [](PositionGroups &lists, quint32 key, const QList<quint32> &rows) {
        lists.removeAll(key, rows);
    });
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
    Groups<int> tagged;
    RowGroups groups;
    QList<EmbeddedEntity> embedded;
    QList<int> tags;
    for (const CaptureIndex::Reanalysis &update : rows) {
        const auto position = quint32(update.position);
        tags.clear();
        m_index.setAnalysis(position, update.analysed->analysis, tags, embedded);
        for (const int tag : std::as_const(tags))
            tagged.add(tag, position);
        groups.add(m_index.m_rows.at(position), position);
    }
    for (const int tag : std::as_const(tagged.keys)) {
        const QList<quint32> carriers = tagged.positions.value(tag);
        const quint64 bit = m_index.m_tags.addAll(tag, carriers);
        for (const quint32 position : carriers)
            m_index.m_rows[position].tagMask |= bit;
    }
    groups.applyTo(m_index, [](PositionGroups &lists, quint32 key, const QList<quint32> &rows) {
        lists.addAll(key, rows);
    });
    m_index.m_embedded.replace(positions, embedded);
    for (const CaptureIndex::Reanalysis &update : rows)
        m_index.count(m_index.m_rows.at(update.position), +1);
}
