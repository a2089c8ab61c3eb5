#include "indexreanalysis.h"

#include <algorithm>
#include <vector>

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

void IndexReanalysis::apply(const QList<CaptureIndex::Reanalysis> &updates) {
    const QList<CaptureIndex::Reanalysis> rows = sorted(updates);
    if (rows.isEmpty())
        return;
    QList<quint32> positions;
    positions.reserve(rows.size());
    std::vector<Memberships> before;
    before.reserve(size_t(rows.size()));
    for (const CaptureIndex::Reanalysis &update : rows) {
        const CaptureIndexRow &row = m_index.m_rows.at(update.position);
        m_index.count(row, -1);
        before.push_back({row.tagMask, row.enterpriseId, row.integrationId});
        positions.append(quint32(update.position));
    }

    // The new analyses. Only the rows whose tags, enterprise or integration changed
    // leave and join those lists, each list's changes gathered in position order: a new
    // decoder mostly finds the same, and every list rewritten costs its whole length.
    QList<quint32> retagged;
    Groups<int> tagged;
    RowGroups left;
    RowGroups joined;
    QList<EmbeddedEntity> embedded;
    QList<int> tags;
    QList<DeliveryIndex::Digest> digests;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const quint32 position = positions.at(i);
        tags.clear();
        const AnalysedCapture &analysed = *rows.at(i).analysed;
        m_index.setAnalysis(position, analysed.analysis, tags, embedded);
        // Read again from the file, so the body is there: a digest the file lacked is known now.
        digests.append({position, analysed.bodyDigest});
        CaptureIndexRow &row = m_index.m_rows[position];
        const Memberships &was = before[size_t(i)];
        quint64 mask = 0;
        for (const int tag : std::as_const(tags))
            mask |= TagIndex::bit(tag);
        // Tags past the masked ones share a bit, so a mask with it says too little.
        if (mask != was.tagMask || (mask & TagIndex::bit(TagIndex::MaskedTags)) != 0) {
            retagged.append(position);
            row.tagMask = 0;
            for (const int tag : std::as_const(tags))
                tagged.add(tag, position);
        }
        moveGroup(left.enterprises, joined.enterprises, was.enterpriseId, row.enterpriseId,
                  position);
        moveGroup(left.integrations, joined.integrations, was.integrationId, row.integrationId,
                  position);
    }
    if (!retagged.isEmpty())
        m_index.m_tags.removeEverywhere(retagged);
    for (const int tag : std::as_const(tagged.keys)) {
        const QList<quint32> carriers = tagged.positions.value(tag);
        const quint64 bit = m_index.m_tags.addAll(tag, carriers);
        for (const quint32 position : carriers)
            m_index.m_rows[position].tagMask |= bit;
    }
    left.applyTo(m_index, [](PositionGroups &lists, quint32 key, const QList<quint32> &rows) {
        lists.removeAll(key, rows);
    });
    joined.applyTo(m_index, [](PositionGroups &lists, quint32 key, const QList<quint32> &rows) {
        lists.addAll(key, rows);
    });
    m_index.m_embedded.replace(positions, embedded);
    m_index.m_deliveries.update(m_index.m_rows, digests);
    for (const quint32 position : std::as_const(positions))
        m_index.count(m_index.m_rows.at(position), +1);
}

void IndexReanalysis::moveGroup(Groups<quint32> &left, Groups<quint32> &joined, quint32 from,
                                quint32 to, quint32 position) {
    if (from == to)
        return;
    if (from != 0)
        left.add(from, position);
    if (to != 0)
        joined.add(to, position);
}
