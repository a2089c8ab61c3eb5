#pragma once

#include "captureindex.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <vector>

/**
 * A run of a session's index rows, copied out of SQLite by SessionLoader's reading
 * thread for its building thread: the scalars of each row's CaptureIndex::Entry plus
 * its texts (and the packed events and entities columns) in one shared buffer.
 *
 * SQLite's column pointers are valid only until the next step, so the texts are
 * copied; entry() and text() give views into this chunk, valid while it lives.
 */
class IndexRowChunk {
public:
    enum Text {
        Method,
        Path,
        RemoteAddress,
        Rejection,
        Summary,
        Action,
        EnterpriseId,
        EnterpriseName,
        IntegrationId,
        IntegrationName,
        Events,
        Entities,
        TextCount
    };

    explicit IndexRowChunk(qsizetype rows = 0, qsizetype textBytes = 0);

    /// Starts a row from entry's scalars (its views are ignored); returns its index.
    qsizetype append(const CaptureIndex::Entry &entry, bool needsAnalysis);
    /// Sets one text of the last row appended. A null view stays null.
    void setText(Text which, QByteArrayView text);

    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    qsizetype textBytes() const { return m_text.size(); }

    /// Row i's entry with every view set (Events and Entities are not part of it).
    CaptureIndex::Entry entry(qsizetype i) const;
    QByteArrayView text(qsizetype i, Text which) const;
    bool needsAnalysis(qsizetype i) const { return m_rows[size_t(i)].needsAnalysis; }

private:
    struct Span {
        qint32 offset = 0;
        qint32 size = -1; ///< -1: NULL
    };
    struct Row {
        CaptureIndex::Entry entry;
        std::array<Span, TextCount> texts;
        bool needsAnalysis = false;
    };

    std::vector<Row> m_rows;
    QByteArray m_text;
};
