#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QStringView>

/**
 * Writes compact JSON straight into a byte array, value by value, with no
 * document in between: the JSON Lines and HAR exports write one capture after
 * another this way instead of building a QJsonObject per capture and serialising
 * it (3-4x the work, most of it malloc).
 *
 * Strings are escaped by PackedJson: as QJsonDocument escapes them, plus U+FEFF as
 * \ufeff, so a body's byte order mark survives QJsonDocument's reader.
 * The writer does not check the nesting: begin and end calls must pair up, and in
 * an object every value follows a key().
 */
class JsonWriter {
public:
    explicit JsonWriter(QByteArray &out)
        : m_out(out) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    /// The name of the object member whose value comes next.
    JsonWriter &key(QLatin1StringView name);

    void string(QStringView text);
    void string(QLatin1StringView text);
    /// Bytes that are text: written as they are when they are valid UTF-8, otherwise
    /// as QString::fromUtf8() reads them (each bad sequence becomes U+FFFD).
    void utf8(QByteArrayView bytes);
    void number(qint64 value);
    void boolean(bool value);
    void null();

    /// A string, or null when it is empty.
    void stringOrNull(QStringView text);

private:
    void separate();
    void open(char bracket);
    void close(char bracket);
    void appendUtf8(QByteArrayView utf8);

    QByteArray &m_out;
    bool m_needComma = false; ///< a value was written at this level
    bool m_afterKey = false;  ///< the next value belongs to the key just written
};
