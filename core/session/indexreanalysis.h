#pragma once

#include "captureindex.h"

#include <QHash>
#include <QList>

/**
 * Replaces the analyses of many rows of a CaptureIndex at once
 * (CaptureIndex::updateAnalyses()). A session opened after the decoder changed is
 * analysed again in batches of hundreds of captures. Rows leave and join sorted lists
 * of positions (tags, enterprise and integration groups, embedded entities), and one
 * row at a time each change moved the rest of every list: a session of 1,000,000
 * captures would have taken hours, with the window busy throughout. Here each list is
 * rewritten once per batch.
 */
class IndexReanalysis {
public:
    explicit IndexReanalysis(CaptureIndex &index)
        : m_index(index) {}

    /// Applies updates (rows of the index in any order; a position given twice takes
    /// the last). Updates with no analysis or a position out of range are ignored.
    void apply(const QList<CaptureIndex::Reanalysis> &updates);

private:
    /// Positions per key, with the keys in the order first seen.
    template <typename Key> struct Groups {
        QList<Key> keys;
        QHash<Key, QList<quint32>> positions;
        void add(Key key, quint32 position) {
            auto found = positions.find(key);
            if (found == positions.end()) {
                keys.append(key);
                found = positions.insert(key, {});
            }
            found->append(position);
        }
    };
    /// Positions per enterprise and per integration (0 is none).
    struct RowGroups {
        Groups<quint32> enterprises;
        Groups<quint32> integrations;
        /// Calls change(groups, key, positions) with the index's enterprise groups,
        /// then with its integration groups, for each key gathered here.
        template <typename Change> void applyTo(CaptureIndex &index, Change change) const {
            for (const quint32 key : enterprises.keys)
                change(index.m_enterprises, key, enterprises.positions.value(key));
            for (const quint32 key : integrations.keys)
                change(index.m_integrations, key, integrations.positions.value(key));
        }
    };
    /// What a row belonged to before its new analysis.
    struct Memberships {
        quint64 tagMask;
        quint32 enterpriseId;
        quint32 integrationId;
    };

    /// The updates by position, one per position.
    QList<CaptureIndex::Reanalysis> sorted(const QList<CaptureIndex::Reanalysis> &updates) const;
    /// Gathers a row that moves from one group to another (0 is none).
    static void moveGroup(Groups<quint32> &left, Groups<quint32> &joined, quint32 from, quint32 to,
                          quint32 position);

    CaptureIndex &m_index;
};
