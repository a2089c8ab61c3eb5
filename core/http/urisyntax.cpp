#include "urisyntax.h"

#include "text/hextext.h"

#include <QStringBuilder>

#include <array>

namespace UriSyntax {

namespace {

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

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

} // namespace

bool isHostValue(QByteArrayView value) {
    bool hasPort = false;
    QByteArrayView port;
    return isHostPort(value, &hasPort, &port);
}

QByteArray checkTarget(QByteArrayView method, QByteArrayView target) {
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

} // namespace UriSyntax
