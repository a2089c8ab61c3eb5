#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

/**
 * Writes the compact JSON the session file packs small lists into (events, entities,
 * headers, findings), and the exports' JSON through JsonWriter. By hand, through a
 * pointer into room reserved for the worst case, because the journal writes it for
 * every capture on the listener's thread; JsonRows reads it back.
 */
namespace PackedJson {

/// Most bytes writeString() writes for text of this many UTF-16 units (\u00XX is 6).
constexpr qsizetype maxStringSize(qsizetype units) {
    return 2 + 6 * units;
}
/// Most bytes writeUtf8() writes for this many bytes.
constexpr qsizetype maxUtf8Size(qsizetype bytes) {
    return 2 + 6 * bytes;
}
inline constexpr qsizetype MaxIntSize = 20;

/// Writes text as a JSON string: quoted; `"`, `\` and control characters escaped as
/// QJsonDocument escapes them; U+FEFF as \ufeff (QJsonDocument's reader drops it raw);
/// the rest as UTF-8. Lone surrogates become U+FFFD, as QString::toUtf8() makes them.
/// Returns the end.
char *writeString(char *p, QStringView text);
/// The same for text that is already valid UTF-8.
char *writeUtf8(char *p, QByteArrayView utf8);
char *writeInt(char *p, qint64 value);
inline char *writeRaw(char *p, QByteArrayView bytes) {
    for (char c : bytes)
        *p++ = c;
    return p;
}
/// Writes one code point as UTF-8 (1 to 4 bytes).
char *writeCodePoint(char *p, char32_t code);

/// Room at the end of out for at most bound bytes; the destructor cuts out back to
/// what was written through p.
class Appender {
public:
    Appender(QByteArray &out, qsizetype bound)
        : m_out(out) {
        const qsizetype start = out.size();
        out.resize(start + bound);
        p = out.data() + start;
    }
    ~Appender() { m_out.truncate(p - m_out.constData()); }
    Appender(const Appender &) = delete;
    Appender &operator=(const Appender &) = delete;

    char *p;

private:
    QByteArray &m_out;
};

/// Writes items as a compact JSON array of what writeItem(p, item) writes (it returns
/// the new end), where maxItemSize(item) bounds one item. An empty list gives an empty
/// array of bytes, not "[]": the session file stores nothing for it.
template <typename List, typename MaxItemSize, typename WriteItem>
QByteArray writeArray(const List &items, MaxItemSize maxItemSize, WriteItem writeItem) {
    QByteArray out;
    if (items.isEmpty())
        return out;
    qsizetype bound = 2;
    for (const auto &item : items)
        bound += 1 + maxItemSize(item);
    {
        Appender a(out, bound);
        *a.p++ = '[';
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                *a.p++ = ',';
            a.p = writeItem(a.p, items.at(i));
        }
        *a.p++ = ']';
    } // the Appender cuts out to what was written before it is returned
    return out;
}

inline void appendString(QByteArray &out, QStringView text) {
    Appender a(out, maxStringSize(text.size()));
    a.p = writeString(a.p, text);
}

} // namespace PackedJson
