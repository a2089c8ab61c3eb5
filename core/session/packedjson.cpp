#include "packedjson.h"

#include "text/bytescan.h"

#include <cstring>

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

/// Writes an ASCII character that JSON requires escaped (", \\, control characters).
char *escapeAscii(char *p, char c) {
    *p++ = '\\';
    switch (c) {
    case '"':
    case '\\':
        *p++ = c;
        return p;
    case '\b':
        *p++ = 'b';
        return p;
    case '\f':
        *p++ = 'f';
        return p;
    case '\n':
        *p++ = 'n';
        return p;
    case '\r':
        *p++ = 'r';
        return p;
    case '\t':
        *p++ = 't';
        return p;
    default:
        break;
    }
    *p++ = 'u';
    *p++ = '0';
    *p++ = '0';
    *p++ = HexDigits[uchar(c) >> 4];
    *p++ = HexDigits[uchar(c) & 15];
    return p;
}

/// U+FEFF, which QJsonDocument's reader drops when it comes as UTF-8 (a body's byte
/// order mark would be lost) and keeps when it comes escaped.
char *writeByteOrderMark(char *p) {
    for (char c : {'\\', 'u', 'f', 'e', 'f', 'f'})
        *p++ = c;
    return p;
}

/// What writeUtf8() cannot copy as it is: ", \\, a control character, or 0xEF, the first
/// byte of a UTF-8 byte order mark.
bool isSpecial(char c) {
    return uchar(c) < 0x20 || c == '"' || c == '\\' || uchar(c) == 0xef;
}

/// isSpecial() for any of 8 bytes at once.
bool anySpecial(const char *at) {
    const quint64 v = ByteScan::load(at);
    return (ByteScan::jsonStringStop(v) | ByteScan::byteEquals(v, 0xef)) != 0;
}

} // namespace

namespace PackedJson {

char *writeCodePoint(char *p, char32_t u) {
    if (u < 0x80) {
        *p++ = char(u);
    } else if (u < 0x800) {
        *p++ = char(0xc0 | (u >> 6));
        *p++ = char(0x80 | (u & 0x3f));
    } else if (u < 0x10000) {
        *p++ = char(0xe0 | (u >> 12));
        *p++ = char(0x80 | ((u >> 6) & 0x3f));
        *p++ = char(0x80 | (u & 0x3f));
    } else {
        *p++ = char(0xf0 | (u >> 18));
        *p++ = char(0x80 | ((u >> 12) & 0x3f));
        *p++ = char(0x80 | ((u >> 6) & 0x3f));
        *p++ = char(0x80 | (u & 0x3f));
    }
    return p;
}

char *writeString(char *p, QStringView text) {
    *p++ = '"';
    const char16_t *unit = text.utf16();
    const char16_t *const end = unit + text.size();
    while (unit < end) {
        const char16_t c = *unit++;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            *p++ = char(c);
            continue;
        }
        if (c < 0x80) {
            p = escapeAscii(p, char(c));
            continue;
        }
        if (c == 0xfeff) {
            p = writeByteOrderMark(p);
            continue;
        }
        char32_t code = c;
        if (QChar::isHighSurrogate(c) && unit < end && QChar::isLowSurrogate(*unit))
            code = QChar::surrogateToUcs4(c, *unit++);
        else if (QChar::isSurrogate(c))
            code = 0xfffd;
        p = writeCodePoint(p, code);
    }
    *p++ = '"';
    return p;
}

char *writeUtf8(char *p, QByteArrayView utf8) {
    *p++ = '"';
    const char *at = utf8.data();
    const char *const end = at + utf8.size();
    for (;;) {
        // Copy the run of bytes that need nothing in one go; most strings are one run.
        const char *const run = at;
        while (end - at >= 8 && !anySpecial(at))
            at += 8;
        while (at != end && !isSpecial(*at))
            ++at;
        if (at != run) {
            std::memcpy(p, run, size_t(at - run));
            p += at - run;
        }
        if (at == end)
            break;
        const char c = *at++;
        if (uchar(c) != 0xef) {
            p = escapeAscii(p, c);
        } else if (end - at >= 2 && uchar(at[0]) == 0xbb && uchar(at[1]) == 0xbf) {
            p = writeByteOrderMark(p);
            at += 2;
        } else {
            *p++ = c; // another character from U+F000 to U+FFFF
        }
    }
    *p++ = '"';
    return p;
}

char *writeInt(char *p, qint64 value) {
    char digits[MaxIntSize];
    int at = int(sizeof digits);
    quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    do {
        digits[--at] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        digits[--at] = '-';
    return writeRaw(p, QByteArrayView(digits + at, qsizetype(sizeof digits) - at));
}

} // namespace PackedJson
