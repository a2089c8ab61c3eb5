#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <vector>

/**
 * Interned strings addressed by 32-bit indexes, so a million index rows that name
 * the same few paths, methods, enterprises and summaries store each text once.
 * Index 0 is always the empty string.
 *
 * Built for millions of entries: texts live as UTF-8 in 1 MiB arena chunks (no
 * per-string allocation), canonical lower-case GUIDs (entity ids) are packed into
 * 16 bytes, and the lookup table is open addressing over 32-bit slots: about 36
 * bytes per distinct GUID, length + 20 bytes per other text.
 */
class StringPool {
public:
    StringPool();

    quint32 intern(const QString &text);
    /// Interns UTF-8 bytes; looks up without allocating when the text is known.
    quint32 internUtf8(QByteArrayView utf8);
    /// The index of a known text, or -1.
    qint64 find(const QString &text) const;

    QString at(quint32 index) const;
    QByteArray utf8(quint32 index) const;
    qsizetype size() const { return qsizetype(m_entries.size()); }

    /// Heap bytes held.
    qsizetype approximateBytes() const;

private:
    struct Entry {
        quint32 chunk = 0;
        quint32 offset = 0;
        quint32 size = 0; ///< bytes stored; GuidFlag set when packed
    };
    static constexpr quint32 GuidFlag = 0x80000000U;
    static constexpr qsizetype ChunkSize = 1 << 20;

    /// Packs a canonical lower-case GUID into 16 bytes; false for any other text.
    static bool packGuid(QByteArrayView utf8, char *packed);
    QByteArrayView stored(const Entry &entry) const;
    qint64 lookup(QByteArrayView key, bool guid, size_t hash, size_t *slot) const;
    quint32 add(QByteArrayView key, bool guid);
    void rehash(size_t slots);

    std::vector<Entry> m_entries;
    QList<QByteArray> m_chunks;
    std::vector<quint32> m_table; ///< 0 = empty, else entry index + 1
};
