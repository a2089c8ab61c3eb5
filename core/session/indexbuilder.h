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

    /// Appends one capture. events and entities are the analyses columns (empty when
    /// none). False when the id is not above the last one, or when a packed column is
    /// unreadable (damaged() is then true).
    bool append(const CaptureIndex::Entry &entry, QByteArrayView events, QByteArrayView entities);
    /// Appends every capture of other, whose ids must be larger; rows whose id is not are
    /// skipped.
    void append(const CaptureIndex &other);
    bool damaged() const { return m_damaged; }

private:
    struct Name {
        QByteArray text;
        quint32 string = 0;
        int tag = -1; ///< -1 until used as a tag
    };
    /// The cached entry for a discriminator, action or collection.
    Name &lookup(QList<Name> &cache, QByteArrayView text);
    void tag(quint32 position, Name &name);
    bool addEmbedded(quint32 position, QByteArrayView entities);

    CaptureIndex &m_index;
    QList<Name> m_names;
    QList<Name> m_collections;
    qsizetype m_nextVictim = 0;
    bool m_damaged = false;
};
