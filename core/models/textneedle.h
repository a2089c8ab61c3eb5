#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>

/**
 * What a free-text search looks for, compiled once and used on raw bytes.
 *
 * ASCII letters match regardless of case, byte for byte (Horspool's algorithm on the
 * UTF-8 bytes, so a body is scanned without decoding it). A text with non-ASCII
 * characters is matched on the decoded text, case-insensitively in full Unicode.
 * Immutable: one needle may be used from any thread.
 */
class TextNeedle {
public:
    explicit TextNeedle(const QString &text);

    bool isEmpty() const { return m_text.isEmpty(); }
    const QString &text() const { return m_text; }
    bool foundIn(QByteArrayView haystack) const;

private:
    QString m_text;
    QByteArray m_folded; ///< lower-case UTF-8 (ASCII needles)
    bool m_ascii = true;
    std::array<qsizetype, 256> m_skip{};
};
