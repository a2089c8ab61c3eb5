#pragma once

#include "jsontree.h"

#include <QVarLengthArray>

/**
 * Reads strict JSON text into a JsonTree (JsonTree::parse): iteratively, decoding every
 * string and member name into the tree's one string buffer as it goes.
 */
class JsonTreeParser {
public:
    /// An unpaired surrogate escape, read as U+FFFD.
    struct UnpairedSurrogate {
        quint32 item; ///< the string, or the member whose name holds it
        bool inName;
        qsizetype offset; ///< of the escape's backslash
    };

    /// Appends to `unpaired` the first JsonTree::MaxRecordedSurrogates unpaired surrogate
    /// escapes, and counts them all in the tree.
    JsonTreeParser(QByteArrayView text, JsonTree &tree, QList<UnpairedSurrogate> &unpaired)
        : m_data(reinterpret_cast<const unsigned char *>(text.data()))
        , m_size(text.size())
        , m_tree(tree)
        , m_unpaired(unpaired) {}

    bool run();

private:
    void skipSpace() {
        while (m_at < m_size) {
            const unsigned char c = m_data[m_at];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_at;
        }
    }
    bool literal(const char *word, qsizetype length) {
        if (m_size - m_at < length || std::memcmp(m_data + m_at, word, size_t(length)) != 0)
            return false;
        m_at += length;
        return true;
    }
    bool value(quint32 keyOffset, quint32 keyLength);
    bool string(quint32 *offset, quint32 *length, bool name);
    bool escape(char16_t *out, qsizetype *written, bool name);
    bool number(JsonTree::Item &item);
    bool closeContainer();
    void checkRepeatedNames(quint32 object);

    const unsigned char *m_data;
    qsizetype m_size;
    qsizetype m_at = 0;
    JsonTree &m_tree;
    QList<UnpairedSurrogate> &m_unpaired;
    char16_t *m_out = nullptr;           ///< the next free place in the tree's string buffer
    QVarLengthArray<quint32, 32> m_open; ///< the containers not closed yet
};
