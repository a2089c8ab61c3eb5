#include "httpsyntax.h"

#include "text/hextext.h"

#include <array>
#include <limits>

namespace HttpSyntax {

namespace {

constexpr std::array<bool, 256> makeTokenTable() {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = true;
    for (const char c :
         {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
        table[static_cast<unsigned char>(c)] = true;
    return table;
}

constexpr std::array<bool, 256> TokenTable = makeTokenTable();

// RFC 3986 character classes, one bit each.
enum UriClass : unsigned char {
    RegName = 1,   // unreserved / sub-delims: reg-name, userinfo, IPvFuture
    TargetByte = 2 // pchar / "/" / "?" without pct-encoded: origin-form and absolute-form
};

constexpr std::array<unsigned char, 256> makeUriTable() {
    std::array<unsigned char, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[size_t(c)] = RegName | TargetByte;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[size_t(c)] = RegName | TargetByte;
    for (int c = 'a'; c <= 'z'; ++c)
        table[size_t(c)] = RegName | TargetByte;
    // unreserved marks and sub-delims
    for (const char c :
         {'-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '='})
        table[static_cast<unsigned char>(c)] = RegName | TargetByte;
    for (const char c : {':', '@', '/', '?'})
        table[static_cast<unsigned char>(c)] = TargetByte;
    return table;
}

constexpr std::array<unsigned char, 256> UriTable = makeUriTable();

bool hasUriClass(char c, UriClass uriClass) {
    return (UriTable[static_cast<unsigned char>(c)] & uriClass) != 0;
}

bool isWhitespace(char c) {
    return c == ' ' || c == '\t';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Returns a reason for the first byte that cannot appear in a field value.
const char *checkFieldValue(QByteArrayView value) {
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f)
            continue;
        if (c == '\t')
            continue;
        if (c == '\r')
            return "bare CR in a header line";
        if (c == '\0')
            return "NUL byte in a header value";
        return "control character in a header value";
    }
    return nullptr;
}

// absolute-form needs "scheme:" with scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool hasScheme(QByteArrayView target) {
    const qsizetype colon = target.indexOf(':');
    if (colon <= 0 || !isAlpha(target.front()))
        return false;
    for (const char c : target.first(colon)) {
        if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.')
            return false;
    }
    return colon + 1 < target.size();
}

// "%" HEXDIG HEXDIG at pos
bool isPctEncoded(QByteArrayView text, qsizetype pos) {
    return pos + 2 < text.size() && text[pos] == '%' && HexText::digit(text[pos + 1]) >= 0 &&
           HexText::digit(text[pos + 2]) >= 0;
}

// *( allowed / pct-encoded )
bool hasOnly(QByteArrayView text, UriClass allowed, char alsoAllowed = '\0') {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (hasUriClass(c, allowed) || (alsoAllowed != '\0' && c == alsoAllowed))
            continue;
        if (!isPctEncoded(text, i))
            return false;
        i += 2;
    }
    return true;
}

// dec-octet of RFC 3986: 0-255 without leading zeros
bool isDecOctet(QByteArrayView text) {
    if (text.isEmpty() || text.size() > 3 || (text.size() > 1 && text.front() == '0'))
        return false;
    int value = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    return value <= 255;
}

bool isIpv4Address(QByteArrayView text) {
    int octets = 0;
    qsizetype start = 0;
    for (;;) {
        const qsizetype dot = text.indexOf('.', start);
        const qsizetype end = dot < 0 ? text.size() : dot;
        if (++octets > 4 || !isDecOctet(text.sliced(start, end - start)))
            return false;
        if (dot < 0)
            return octets == 4;
        start = dot + 1;
    }
}

// Counts the 16-bit pieces of "h16 *( ":" h16 )", the last of which may be an IPv4 address
// (two pieces) when mayEndInIpv4; empty text has none. False when not of that form.
bool countH16(QByteArrayView text, bool mayEndInIpv4, int *pieces) {
    *pieces = 0;
    if (text.isEmpty())
        return true;
    qsizetype start = 0;
    for (;;) {
        const qsizetype colon = text.indexOf(':', start);
        const QByteArrayView piece = text.sliced(start, (colon < 0 ? text.size() : colon) - start);
        if (colon < 0 && mayEndInIpv4 && piece.contains('.')) {
            *pieces += 2;
            return isIpv4Address(piece);
        }
        if (piece.isEmpty() || piece.size() > 4)
            return false;
        for (const char c : piece) {
            if (HexText::digit(c) < 0)
                return false;
        }
        ++*pieces;
        if (colon < 0)
            return true;
        start = colon + 1;
    }
}

// IPv6address of RFC 3986 §3.2.2: eight pieces, or at most seven around one "::"
bool isIpv6Address(QByteArrayView text) {
    const qsizetype gap = text.indexOf("::");
    int before = 0;
    int after = 0;
    if (gap < 0)
        return countH16(text, true, &before) && before == 8;
    if (text.indexOf("::", gap + 1) >= 0)
        return false;
    return countH16(text.first(gap), false, &before) &&
           countH16(text.sliced(gap + 2), true, &after) && before + after <= 7;
}

// IP-literal without its brackets: IPv6address / IPvFuture
bool isIpLiteral(QByteArrayView text) {
    if (!text.isEmpty() && (text.front() == 'v' || text.front() == 'V')) {
        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        const qsizetype dot = text.indexOf('.');
        if (dot < 2 || dot + 1 == text.size())
            return false;
        for (const char c : text.sliced(1, dot - 1)) {
            if (HexText::digit(c) < 0)
                return false;
        }
        for (const char c : text.sliced(dot + 1)) {
            if (!hasUriClass(c, RegName) && c != ':')
                return false;
        }
        return true;
    }
    return isIpv6Address(text);
}

// uri-host [ ":" port ], port = *DIGIT. hasPort tells whether the ":" is there.
bool isHostPort(QByteArrayView text, bool *hasPort, QByteArrayView *port) {
    qsizetype hostEnd = 0;
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0 || !isIpLiteral(text.sliced(1, close - 1)))
            return false;
        hostEnd = close + 1;
    } else {
        // IPv4address is a reg-name too
        hostEnd = text.indexOf(':');
        if (hostEnd < 0)
            hostEnd = text.size();
        if (!hasOnly(text.first(hostEnd), RegName))
            return false;
    }
    *hasPort = hostEnd < text.size();
    if (!*hasPort)
        return true;
    if (text[hostEnd] != ':')
        return false;
    *port = text.sliced(hostEnd + 1);
    for (const char c : *port) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

// authority = [ userinfo "@" ] host [ ":" port ]
bool isAuthority(QByteArrayView text) {
    const qsizetype at = text.indexOf('@');
    if (at >= 0 && !hasOnly(text.first(at), RegName, ':'))
        return false;
    bool hasPort = false;
    QByteArrayView port;
    return isHostPort(text.sliced(at + 1), &hasPort, &port);
}

QByteArray invalidTargetByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7f)
        return QByteArray("invalid character '") + c + "' in the request target";
    return "invalid byte 0x" + QByteArray::number(u, 16).rightJustified(2, '0').toUpper() +
           " in the request target";
}

// The first byte a request target cannot hold, brackets aside (they belong to an IP-literal).
QByteArray checkTargetBytes(QByteArrayView target) {
    for (qsizetype i = 0; i < target.size(); ++i) {
        const char c = target[i];
        if (hasUriClass(c, TargetByte) || c == '[' || c == ']')
            continue;
        if (c != '%')
            return invalidTargetByte(c);
        if (!isPctEncoded(target, i))
            return "invalid percent-encoding in the request target";
        i += 2;
    }
    return {};
}

// Brackets outside an authority
QByteArray checkNoBrackets(QByteArrayView part) {
    for (const char c : part) {
        if (c == '[' || c == ']')
            return invalidTargetByte(c);
    }
    return {};
}

QByteArray checkTargetForm(QByteArrayView method, QByteArrayView target) {
    if (QByteArray problem = checkTargetBytes(target); !problem.isNull())
        return problem;
    if (method == "CONNECT") {
        // authority-form = uri-host ":" port; CONNECT has no default port (RFC 9110 §9.3.6)
        bool hasPort = false;
        QByteArrayView port;
        if (target.startsWith(':') || !isHostPort(target, &hasPort, &port) || !hasPort ||
            port.isEmpty())
            return "CONNECT needs a host:port target";
        return {};
    }
    if (target.startsWith('/')) // origin-form = absolute-path [ "?" query ]
        return checkNoBrackets(target);
    if (target == "*")
        return method == "OPTIONS" ? QByteArray() : "the * target is only valid for OPTIONS";
    if (!hasScheme(target))
        return "the request target is neither a path nor an absolute URI";
    // absolute-form: scheme ":" hier-part [ "?" query ]
    QByteArrayView rest = target.sliced(target.indexOf(':') + 1);
    if (rest.startsWith("//")) {
        rest = rest.sliced(2);
        qsizetype authorityEnd = 0;
        while (authorityEnd < rest.size() && rest[authorityEnd] != '/' && rest[authorityEnd] != '?')
            ++authorityEnd;
        if (!isAuthority(rest.first(authorityEnd)))
            return "invalid authority in the request target";
        rest = rest.sliced(authorityEnd);
    }
    return checkNoBrackets(rest);
}

const char *skipQuotedString(QByteArrayView line, qsizetype *pos) {
    qsizetype i = *pos + 1; // after the opening quote
    while (i < line.size()) {
        const char c = line[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"') {
            *pos = i + 1;
            return nullptr;
        }
        if (c == '\\') {
            if (i + 1 >= line.size())
                break;
            const auto next = static_cast<unsigned char>(line[i + 1]);
            if (next != '\t' && (next < 0x20 || next == 0x7f))
                return "invalid quoted-pair in a chunk extension";
            i += 2;
            continue;
        }
        if (c != '\t' && (u < 0x20 || u == 0x7f))
            return "control character in a chunk extension";
        ++i;
    }
    return "unterminated quoted string in a chunk extension";
}

qsizetype skipWhitespace(QByteArrayView line, qsizetype pos) {
    while (pos < line.size() && isWhitespace(line[pos]))
        ++pos;
    return pos;
}

qsizetype skipToken(QByteArrayView line, qsizetype pos) {
    while (pos < line.size() && isTokenChar(line[pos]))
        ++pos;
    return pos;
}

} // namespace

bool isTokenChar(char c) {
    return TokenTable[static_cast<unsigned char>(c)];
}

bool isToken(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView text) {
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isWhitespace(text[begin]))
        ++begin;
    while (end > begin && isWhitespace(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin);
}

QList<QByteArrayView> listElements(QByteArrayView value) {
    QList<QByteArrayView> elements;
    qsizetype start = 0;
    for (;;) {
        const qsizetype comma = value.indexOf(',', start);
        const qsizetype end = comma < 0 ? value.size() : comma;
        elements.append(trimmed(value.sliced(start, end - start)));
        if (comma < 0)
            return elements;
        start = comma + 1;
    }
}

bool listContains(QByteArrayView value, QByteArrayView token) {
    qsizetype start = 0;
    for (;;) {
        const qsizetype comma = value.indexOf(',', start);
        const qsizetype end = comma < 0 ? value.size() : comma;
        if (trimmed(value.sliced(start, end - start)).compare(token, Qt::CaseInsensitive) == 0)
            return true;
        if (comma < 0)
            return false;
        start = comma + 1;
    }
}

bool isHostValue(QByteArrayView value) {
    bool hasPort = false;
    QByteArrayView port;
    return isHostPort(value, &hasPort, &port);
}

bool parseDecimal(QByteArrayView digits, qint64 *value) {
    if (digits.isEmpty())
        return false;
    qint64 result = 0;
    for (const char c : digits) {
        if (!isDigit(c))
            return false;
        const int digit = c - '0';
        if (result > (std::numeric_limits<qint64>::max() - digit) / 10)
            return false;
        result = result * 10 + digit;
    }
    *value = result;
    return true;
}

Verdict parseRequestLine(QByteArrayView line, RequestLine *parts) {
    if (line.contains('\r'))
        return {400, "bare CR in the request line"};
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return {400, "malformed request line"};
    parts->method = line.first(sp1);
    parts->target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    parts->version = line.sliced(sp2 + 1);
    // RFC 9113 §3.4: a client with prior knowledge (curl --http2-prior-knowledge) opens
    // with this line, which an HTTP/1.1 server would otherwise call a bad * target.
    if (line == "PRI * HTTP/2.0")
        return {505, "HTTP/2 connection preface: this listener speaks HTTP/1.1 (and 1.0) only"};

    const QByteArrayView version = parts->version;
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version[5]) ||
        version[6] != '.' || !isDigit(version[7]))
        return {400, "malformed HTTP version"};
    if (!isToken(parts->method))
        return {400, "invalid request method"};
    if (parts->target.isEmpty())
        return {400, "empty request target"};
    if (QByteArray problem = checkTargetForm(parts->method, parts->target); !problem.isNull())
        return {400, std::move(problem)};
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return {505, "HTTP version not supported (only HTTP/1.0 and HTTP/1.1)"};
    return {};
}

const char *parseFieldLine(QByteArrayView line, QByteArrayView *name, QByteArrayView *value) {
    if (isWhitespace(line.front()))
        return "obsolete line folding in the header section";
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return "header line without a colon";
    if (colon == 0)
        return "empty header name";
    const QByteArrayView fieldName = line.first(colon);
    if (isWhitespace(fieldName.back()))
        return "whitespace between a header name and the colon";
    for (const char c : fieldName) {
        if (isTokenChar(c))
            continue;
        if (c == '\r')
            return "bare CR in a header line";
        if (c == '\0')
            return "NUL byte in a header name";
        return "invalid character in a header name";
    }
    const QByteArrayView fieldValue = trimmed(line.sliced(colon + 1));
    if (const char *problem = checkFieldValue(fieldValue))
        return problem;
    *name = fieldName;
    *value = fieldValue;
    return nullptr;
}

const char *parseChunkLine(QByteArrayView line, qint64 cap, qint64 *size) {
    constexpr qint64 Largest = std::numeric_limits<qint64>::max();
    cap = qBound<qint64>(0, cap, Largest - 1);
    qsizetype pos = 0;
    qint64 result = 0;
    while (pos < line.size()) {
        const int digit = HexText::digit(line[pos]);
        if (digit < 0)
            break;
        if (result <= cap)
            result = result > (Largest - digit) / 16 ? Largest : result * 16 + digit;
        ++pos;
    }
    if (pos == 0)
        return "invalid chunk size";
    *size = result > cap ? cap + 1 : result;

    // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )
    while (pos < line.size()) {
        pos = skipWhitespace(line, pos);
        if (pos >= line.size() || line[pos] != ';')
            return line.contains('\r') ? "bare CR in a chunk size line" : "invalid chunk size line";
        pos = skipWhitespace(line, pos + 1);
        const qsizetype nameEnd = skipToken(line, pos);
        if (nameEnd == pos)
            return "invalid chunk extension";
        pos = skipWhitespace(line, nameEnd);
        if (pos < line.size() && line[pos] == '=') {
            pos = skipWhitespace(line, pos + 1);
            if (pos < line.size() && line[pos] == '"') {
                if (const char *problem = skipQuotedString(line, &pos))
                    return problem;
            } else {
                const qsizetype valueEnd = skipToken(line, pos);
                if (valueEnd == pos)
                    return "invalid chunk extension value";
                pos = valueEnd;
            }
        }
    }
    return nullptr;
}

} // namespace HttpSyntax
