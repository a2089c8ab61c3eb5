#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>

/**
 * Reads one JSON scalar token (string, number, true, false or null) for LenientJson.
 *
 * Numbers and literals follow RFC 8259 exactly. A number written as an integer that fits
 * in 64 bits reads as one, any other as the nearest double (±infinity beyond the range of
 * a double); the text of the token says what was sent. Strings are read leniently: invalid
 * UTF-8 (U+FFFD), raw control characters (kept), invalid escapes (the backslash
 * dropped) and malformed \u escapes (kept as written) are repaired and reported to the
 * RepairSink with their byte offset. Unpaired surrogate escapes (\ud800) are valid JSON
 * and no repair: they read as U+FFFD and the token lists them.
 */
class JsonScalarReader {
public:
    using RepairSink = std::function<void(qsizetype offset, const QString &message)>;

    struct Token {
        QJsonValue value;           ///< the value read (a string for readString)
        qsizetype end = 0;          ///< offset just after the token
        qsizetype errorOffset = -1; ///< where the token is broken, when it is
        QString error;
        /// A string's unpaired surrogate escapes (read as U+FFFD), by offset.
        QList<qsizetype> unpairedSurrogates;

        bool ok() const { return errorOffset < 0; }
    };

    JsonScalarReader(QByteArrayView text, RepairSink repair);

    /// The string whose opening quote is at `open`.
    Token readString(qsizetype open) const;
    /// The number starting at `start` ('-' or a digit).
    Token readNumber(qsizetype start) const;
    /// true, false or null at `start`.
    Token readLiteral(qsizetype start) const;

    /// "0x0A"
    static QString hexByte(unsigned char byte);
    /// "'x'" for printable ASCII, "byte 0x0A" otherwise.
    static QString describeByte(unsigned char byte);

private:
    QString decodeEscapes(qsizetype from, qsizetype to, QList<qsizetype> *unpaired) const;

    QByteArrayView m_text;
    const char *m_data;
    qsizetype m_size;
    RepairSink m_repair;
};
