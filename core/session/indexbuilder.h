#pragma once

#include "captureindex.h"

#include <QByteArrayView>
#include <QList>

/**
 * Appends rows read from a session file to a CaptureIndex (SessionLoader): the
 * analysis's packed events and entities columns are parsed straight into the
 * index, and the names that repeat from one capture to the next (discriminators,
 * collections) are looked up once instead of once per event. Also appends another
 * index (a session appended to this one), re-interning its texts.
 */
class IndexBuilder {
public:
    explicit IndexBuilder(CaptureIndex &index);

    enum class Appended {
        Yes,
        /// The analysis's packed columns are unreadable (a damaged file): the capture went
        /// in as not analysed, to be analysed again from its payload.
        WithoutAnalysis,
        No, ///< its id is not above the last one
    };

    /// Appends one capture. events and entities are the analyses columns (empty when
    /// none).
    Appended append(const CaptureIndex::Entry &entry, QByteArrayView events,
                    QByteArrayView entities);
    /// Appends every capture of other, whose ids must be larger; rows whose id is not are
    /// skipped.
    void append(const CaptureIndex &other);

private:
    struct Name {
        QByteArray text;
        quint32 string = 0;
        int tag = -1; ///< -1 until used as a tag
    };
    /// The cached entry for a discriminator, action or collection.
    Name &lookup(QList<Name> &cache, QByteArrayView text);
    /// A tag to add once the capture's columns have all been read.
    struct PendingTag {
        quint32 string = 0;
        qsizetype cacheSlot = 0; ///< where its Name was in m_names
    };
    PendingTag pendingTag(Name &name);
    int tagOf(const PendingTag &pending);
    /// Reads the packed events and entities into the pending lists; false when unreadable.
    bool readPacked(quint32 position, QByteArrayView events, QByteArrayView entities);

    CaptureIndex &m_index;
    QList<Name> m_names;
    QList<Name> m_collections;
    qsizetype m_nextVictim = 0;
    QList<EventIndexRow> m_pendingEvents;
    QList<PendingTag> m_pendingTags;
    QList<EmbeddedEntity> m_pendingEmbedded;
};
