#include "httpsyntax.h"

#include "urisyntax.h"

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

bool isWhitespace(char c) {
    return c == ' ' || c == '\t';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
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
    if (QByteArray problem = UriSyntax::checkTarget(parts->method, parts->target);
        !problem.isNull())
        return {400, std::move(problem)};
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return {505, "HTTP version not supported (only HTTP/1.0 and HTTP/1.1)"};
    return {};
}

QByteArray foreignStart(char first) {
    const auto byte = static_cast<unsigned char>(first);
    if (byte == 0x16) {
        return QByteArrayLiteral(
            "a TLS handshake: this listener speaks plain HTTP, not HTTPS (use an http:// URL)");
    }
    if (first == '\r' || first == '\n' || (byte >= 0x20 && byte < 0x7f))
        return {};
    return "not an HTTP request: it starts with byte 0x" +
           QByteArray::number(byte, 16).rightJustified(2, '0').toUpper();
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
