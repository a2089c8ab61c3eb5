#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

/**
 * Interned strings addressed by 32-bit indexes, so a million index rows that name
 * the same few paths, methods, enterprises and summaries store each text once.
 * Index 0 is always the empty string.
 */
class StringPool {
public:
    StringPool();

    quint32 intern(const QString &text);
    /// Interns UTF-8 bytes; looks up without allocating when the text is known.
    quint32 internUtf8(QByteArrayView utf8);
    /// The index of a known text, or -1.
    qint64 find(const QString &text) const;

    const QString &at(quint32 index) const { return m_strings.at(index); }
    qsizetype size() const { return m_strings.size(); }

private:
    QList<QString> m_strings;
    QHash<QByteArray, quint32> m_byUtf8;
};
