#pragma once

#include <QByteArrayView>
#include <QString>

/**
 * Finds the entries of a HAR document without parsing it whole, so importing a
 * file of hundreds of MiB parses one entry at a time (QJsonDocument needs several
 * times the file's size for the whole).
 *
 * start() first walks the whole text once, checking that its strings, objects and
 * arrays are closed and that nothing follows the top-level object, then finds
 * log.entries; next() hands out the bytes of one element after another. Each entry's
 * own syntax is left to the parser that reads it.
 */
class HarEntryScanner {
public:
    explicit HarEntryScanner(QByteArrayView json)
        : m_json(json) {}

    /// False with a one-line reason when the text is not a JSON object with a "log"
    /// object holding an "entries" array.
    bool start(QString *error);
    /// The bytes of the next element of the entries array and where they start in the
    /// text; false after the last one.
    bool next(QByteArrayView *entry, qsizetype *offset);

private:
    void skipSpace();
    bool at(char c) const { return m_at < m_json.size() && m_json[m_at] == c; }
    /// Past the string starting at m_at; its raw bytes (without quotes) in text.
    bool skipString(QByteArrayView *text = nullptr);
    /// Past the value starting at m_at: a string, an object or array (to its closing
    /// bracket), or a bare word.
    bool skipValue();
    /// Moves to the value of member name of the object starting at m_at.
    bool findMember(QByteArrayView name);
    bool failAt(const QString &what, QString *error) const;

    QByteArrayView m_json;
    qsizetype m_at = 0;
    bool m_first = true; ///< next() has not handed out an entry yet
};
