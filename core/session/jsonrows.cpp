#include "jsonrows.h"

#include "packedjson.h"
#include "text/bytescan.h"
#include "text/hextext.h"

#include <limits>

JsonRows::JsonRows(QByteArrayView json)
    : m_json(json) {
    skipSpace();
    m_done = m_at >= m_json.size(); // an empty column: no rows
}

bool JsonRows::finish() {
    m_done = true;
    if (m_at != m_json.size())
        fail(); // bytes after the closing bracket
    return false;
}

bool JsonRows::fail() {
    m_failed = true;
    m_done = true;
    m_values.clear();
    return false;
}

void JsonRows::skipSpace() {
    while (m_at < m_json.size()) {
        const char c = m_json[m_at];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++m_at;
    }
}

bool JsonRows::next() {
    m_values.clear();
    m_unescaped.clear();
    if (m_done)
        return false;
    if (!m_started) {
        if (m_json[m_at] != '[')
            return fail();
        ++m_at;
        m_started = true;
        skipSpace();
        if (m_at < m_json.size() && m_json[m_at] == ']') {
            ++m_at;
            skipSpace();
            return finish();
        }
    } else {
        // After a row: ',' and the next row, or ']' and the end.
        skipSpace();
        if (m_at >= m_json.size())
            return fail();
        if (m_json[m_at] == ']') {
            ++m_at;
            skipSpace();
            return finish();
        }
        if (m_json[m_at] != ',')
            return fail();
        ++m_at;
        skipSpace();
    }
    if (m_at >= m_json.size() || m_json[m_at] != '[')
        return fail();
    ++m_at;
    skipSpace();
    if (m_at < m_json.size() && m_json[m_at] == ']') {
        ++m_at;
        return true;
    }
    for (;;) {
        Value value;
        if (!readValue(&value))
            return fail();
        m_values.append(value);
        skipSpace();
        if (m_at >= m_json.size())
            return fail();
        const char c = m_json[m_at++];
        if (c == ']')
            return true;
        if (c != ',')
            return fail();
        skipSpace();
    }
}

bool JsonRows::readValue(Value *value) {
    if (m_at >= m_json.size())
        return false;
    const char c = m_json[m_at];
    if (c == '"')
        return readString(value);
    if (c == '-' || (c >= '0' && c <= '9'))
        return readNumber(value);
    const auto literal = [&](QByteArrayView word) {
        if (m_json.sliced(m_at).startsWith(word)) {
            m_at += word.size();
            return true;
        }
        return false;
    };
    if (literal("null")) {
        value->type = Type::Null;
        return true;
    }
    if (literal("true")) {
        value->type = Type::Number;
        value->number = 1;
        return true;
    }
    if (literal("false")) {
        value->type = Type::Number;
        value->number = 0;
        return true;
    }
    return false;
}

bool JsonRows::readString(Value *value) {
    const qsizetype begin = ++m_at;
    bool escaped = false;
    const auto *data = reinterpret_cast<const uchar *>(m_json.data());
    const qsizetype size = m_json.size();
    while (m_at < size) {
        // Most of a string is plain: skip it 8 bytes at a time, then without the checks below.
        while (size - m_at >= 8 &&
               ByteScan::jsonStringStop(ByteScan::load(m_json.data() + m_at)) == 0)
            m_at += 8;
        while (m_at < size && data[m_at] >= 0x20 && data[m_at] != '"' && data[m_at] != '\\')
            ++m_at;
        if (m_at >= size)
            break;
        const uchar c = data[m_at];
        if (c == '"') {
            value->type = Type::String;
            const qsizetype end = m_at++;
            if (escaped)
                return unescape(begin, end, value);
            value->begin = begin;
            value->size = end - begin;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            escaped = true;
            ++m_at; // the escaped character; checked by unescape()
        }
        ++m_at;
    }
    return false;
}

bool JsonRows::unescape(qsizetype begin, qsizetype end, Value *value) {
    value->unescaped = true;
    value->begin = m_unescaped.size();
    for (qsizetype i = begin; i < end; ++i) {
        const char c = m_json[i];
        if (c != '\\') {
            m_unescaped.append(c);
            continue;
        }
        if (++i >= end)
            return false;
        switch (m_json[i]) {
        case '"':
        case '\\':
        case '/':
            m_unescaped.append(m_json[i]);
            break;
        case 'b':
            m_unescaped.append('\b');
            break;
        case 'f':
            m_unescaped.append('\f');
            break;
        case 'n':
            m_unescaped.append('\n');
            break;
        case 'r':
            m_unescaped.append('\r');
            break;
        case 't':
            m_unescaped.append('\t');
            break;
        case 'u': {
            const auto hex4 = [&](qsizetype at) {
                return HexText::fourDigits(m_json.first(end).sliced(qMin(at, end)));
            };
            const int unit = hex4(i + 1);
            if (unit < 0)
                return false;
            i += 4;
            char32_t code = char32_t(unit);
            if (QChar::isHighSurrogate(code) && i + 6 < end && m_json[i + 1] == '\\' &&
                m_json[i + 2] == 'u') {
                const int low = hex4(i + 3);
                if (low >= 0 && QChar::isLowSurrogate(char32_t(low))) {
                    code = QChar::surrogateToUcs4(char16_t(code), char16_t(low));
                    i += 6;
                }
            }
            if (QChar::isSurrogate(code))
                code = 0xfffd;
            char bytes[4];
            m_unescaped.append(bytes, PackedJson::writeCodePoint(bytes, code) - bytes);
            break;
        }
        default:
            return false;
        }
    }
    value->size = m_unescaped.size() - value->begin;
    return true;
}

bool JsonRows::readNumber(Value *value) {
    bool negative = false;
    if (m_json[m_at] == '-') {
        negative = true;
        ++m_at;
    }
    const qsizetype digitsBegin = m_at;
    quint64 magnitude = 0;
    while (m_at < m_json.size() && m_json[m_at] >= '0' && m_json[m_at] <= '9') {
        const quint64 digit = quint64(m_json[m_at] - '0');
        if (magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
        ++m_at;
    }
    if (m_at == digitsBegin)
        return false;
    // Only integers are written; a fraction or exponent means a damaged column.
    if (m_at < m_json.size() && (m_json[m_at] == '.' || m_json[m_at] == 'e' || m_json[m_at] == 'E'))
        return false;
    if (magnitude > quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0))
        return false;
    value->type = Type::Number;
    value->number = negative ? qint64(quint64(0) - magnitude) : qint64(magnitude);
    return true;
}

bool JsonRows::isNull(int i) const {
    return i >= m_values.size() || m_values[i].type == Type::Null;
}

bool JsonRows::isString(int i) const {
    return i < m_values.size() && m_values[i].type == Type::String;
}

QByteArrayView JsonRows::text(int i) const {
    if (i >= m_values.size() || m_values[i].type != Type::String)
        return {};
    const Value &value = m_values[i];
    const QByteArrayView source = value.unescaped ? QByteArrayView(m_unescaped) : m_json;
    return source.sliced(value.begin, value.size);
}

qint64 JsonRows::integer(int i, qint64 fallback) const {
    if (i >= m_values.size() || m_values[i].type != Type::Number)
        return fallback;
    return m_values[i].number;
}
