#include "stringpool.h"

#include "text/guidtext.h"

#include <QHashFunctions>

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

size_t hashOf(QByteArrayView key, bool guid) {
    return qHash(key, size_t(guid ? 0x9e3779b9U : 0));
}

} // namespace

StringPool::StringPool() {
    m_entries.push_back(Entry{});
    rehash(1024);
}

bool StringPool::packGuid(QByteArrayView utf8, char *packed) {
    GuidText::Case letterCase = GuidText::NoLetters;
    return GuidText::unpack(utf8, reinterpret_cast<unsigned char *>(packed), &letterCase) &&
           (letterCase == GuidText::Lower || letterCase == GuidText::NoLetters);
}

QByteArrayView StringPool::stored(const Entry &entry) const {
    return QByteArrayView(m_chunks.at(entry.chunk)).sliced(entry.offset, entry.size & ~GuidFlag);
}

qint64 StringPool::lookup(QByteArrayView key, bool guid, size_t hash, size_t *slot) const {
    const size_t mask = m_table.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint32 value = m_table[i];
        if (value == 0) {
            *slot = i;
            return -1;
        }
        const Entry &entry = m_entries[value - 1];
        if (((entry.size & GuidFlag) != 0) == guid && stored(entry) == key)
            return value - 1;
    }
}

quint32 StringPool::internUtf8(QByteArrayView utf8) {
    if (utf8.isEmpty())
        return 0;
    char packed[16];
    const bool guid = packGuid(utf8, packed);
    const QByteArrayView key = guid ? QByteArrayView(packed, 16) : utf8;
    const size_t hash = hashOf(key, guid);
    size_t slot = 0;
    const qint64 found = lookup(key, guid, hash, &slot);
    if (found >= 0)
        return quint32(found);
    const quint32 index = add(key, guid);
    m_table[slot] = index + 1;
    if (m_entries.size() * 2 > m_table.size())
        rehash(m_table.size() * 2);
    return index;
}

quint32 StringPool::add(QByteArrayView key, bool guid) {
    const qsizetype size = key.size();
    if (m_chunks.isEmpty() ||
        m_chunks.constLast().size() + size > m_chunks.constLast().capacity()) {
        QByteArray chunk;
        chunk.reserve(qMax(ChunkSize, size));
        m_chunks.append(chunk);
    }
    QByteArray &chunk = m_chunks.last();
    Entry entry;
    entry.chunk = quint32(m_chunks.size() - 1);
    entry.offset = quint32(chunk.size());
    entry.size = quint32(size) | (guid ? GuidFlag : 0);
    chunk.append(key.data(), size);
    m_entries.push_back(entry);
    return quint32(m_entries.size() - 1);
}

void StringPool::rehash(size_t slots) {
    m_table.assign(slots, 0);
    const size_t mask = slots - 1;
    for (size_t index = 1; index < m_entries.size(); ++index) {
        const Entry &entry = m_entries[index];
        size_t i = hashOf(stored(entry), (entry.size & GuidFlag) != 0) & mask;
        while (m_table[i] != 0)
            i = (i + 1) & mask;
        m_table[i] = quint32(index + 1);
    }
}

quint32 StringPool::intern(const QString &text) {
    return internUtf8(text.toUtf8());
}

qint64 StringPool::find(const QString &text) const {
    if (text.isEmpty())
        return 0;
    const QByteArray utf8 = text.toUtf8();
    char packed[16];
    const bool guid = packGuid(utf8, packed);
    const QByteArrayView key = guid ? QByteArrayView(packed, 16) : QByteArrayView(utf8);
    size_t slot = 0;
    return lookup(key, guid, hashOf(key, guid), &slot);
}

QByteArray StringPool::utf8(quint32 index) const {
    const Entry &entry = m_entries.at(index);
    const QByteArrayView bytes = stored(entry);
    if ((entry.size & GuidFlag) == 0)
        return bytes.toByteArray();
    QByteArray text(36, Qt::Uninitialized);
    int out = 0;
    for (qsizetype i = 0; i < 16; ++i) {
        if (out == 8 || out == 13 || out == 18 || out == 23)
            text[out++] = '-';
        const auto byte = uchar(bytes[i]);
        text[out++] = HexDigits[byte >> 4];
        text[out++] = HexDigits[byte & 15];
    }
    return text;
}

QString StringPool::at(quint32 index) const {
    if (index == 0)
        return {};
    return QString::fromUtf8(utf8(index));
}

qsizetype StringPool::approximateBytes() const {
    qsizetype bytes = qsizetype(m_entries.capacity() * sizeof(Entry) + m_table.size() * 4);
    for (const QByteArray &chunk : m_chunks)
        bytes += chunk.capacity();
    return bytes;
}
