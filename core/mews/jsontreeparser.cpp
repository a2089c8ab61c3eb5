#include "jsontreeparser.h"

#include "jsonnumber.h"

#include <algorithm>
#include <cstring>
#include <limits>

bool JsonTreeParser::run() {
    if (m_size >= qsizetype(std::numeric_limits<qint32>::max()))
        return false; // offsets are 32 bits; LenientJson reads such a body
    m_tree.m_items.reserve(size_t(m_size / 16 + 4));
    m_tree.m_strings.resize(m_size); // UTF-16 never needs more units than UTF-8 has bytes
    m_out = reinterpret_cast<char16_t *>(m_tree.m_strings.data());

    skipSpace();
    if (!value(0, 0))
        return false;
    for (;;) {
        skipSpace();
        if (m_open.isEmpty())
            break;
        if (m_at >= m_size)
            return false;
        const quint32 container = m_open.last();
        const bool object = m_tree.m_items[container].type == JsonNode::Object;
        const unsigned char c = m_data[m_at++];
        if (c == (object ? '}' : ']')) {
            if (!closeContainer())
                return false;
            continue;
        }
        if (c != ',')
            return false;
        skipSpace();
        quint32 keyOffset = 0;
        quint32 keyLength = 0;
        if (object) {
            if (m_at >= m_size || m_data[m_at] != '"' || !string(&keyOffset, &keyLength, true))
                return false;
            skipSpace();
            if (m_at >= m_size || m_data[m_at++] != ':')
                return false;
            skipSpace();
        }
        if (!value(keyOffset, keyLength))
            return false;
    }
    if (m_at != m_size)
        return false;
    const auto *begin = reinterpret_cast<const char16_t *>(m_tree.m_strings.constData());
    m_tree.m_strings.truncate(m_out - begin);
    return true;
}

// Reads the value at m_at. A container is opened (and its first member or element read
// when it has one); the loop in run() reads the rest.
bool JsonTreeParser::value(quint32 keyOffset, quint32 keyLength) {
    if (m_at >= m_size)
        return false;
    for (;;) {
        const auto index = quint32(m_tree.m_items.size());
        JsonTree::Item item;
        item.keyOffset = keyOffset;
        item.keyLength = keyLength;
        if (!m_open.isEmpty()) {
            ++m_tree.m_items[m_open.last()].size;
        }
        const unsigned char c = m_data[m_at];
        switch (c) {
        case '{':
        case '[': {
            item.type = c == '{' ? JsonNode::Object : JsonNode::Array;
            ++m_at;
            m_tree.m_items.push_back(item);
            if (m_open.size() >= JsonTree::MaxDepth)
                return false;
            m_open.append(index);
            skipSpace();
            if (m_at >= m_size)
                return false;
            if (m_data[m_at] == (c == '{' ? '}' : ']')) {
                ++m_at;
                return closeContainer();
            }
            keyOffset = keyLength = 0;
            if (c == '{') {
                if (m_data[m_at] != '"' || !string(&keyOffset, &keyLength, true))
                    return false;
                skipSpace();
                if (m_at >= m_size || m_data[m_at++] != ':')
                    return false;
                skipSpace();
                if (m_at >= m_size)
                    return false;
            }
            continue; // the first member or element
        }
        case '"':
            item.type = JsonNode::String;
            if (!string(&item.text, &item.size, false))
                return false;
            break;
        case 't':
        case 'f':
            item.type = JsonNode::Bool;
            item.boolean = c == 't';
            if (!(item.boolean ? literal("true", 4) : literal("false", 5)))
                return false;
            break;
        case 'n':
            item.type = JsonNode::Null;
            if (!literal("null", 4))
                return false;
            break;
        default:
            item.type = JsonNode::Number;
            if (!number(item))
                return false;
            break;
        }
        item.end = index + 1;
        m_tree.m_items.push_back(item);
        return true;
    }
}

bool JsonTreeParser::closeContainer() {
    const quint32 container = m_open.last();
    m_open.removeLast();
    JsonTree::Item &item = m_tree.m_items[container];
    item.end = quint32(m_tree.m_items.size());
    if (item.type == JsonNode::Object && item.size > 1)
        checkRepeatedNames(container);
    return true;
}

void JsonTreeParser::checkRepeatedNames(quint32 object) {
    if (m_tree.m_repeatedNames)
        return;
    QVarLengthArray<QStringView, 32> names;
    for (const JsonNode member : JsonNode(&m_tree, object))
        names.append(member.key());
    if (names.size() <= 32) {
        for (qsizetype i = 1; i < names.size(); ++i) {
            for (qsizetype j = 0; j < i; ++j) {
                if (names[i] == names[j]) {
                    m_tree.m_repeatedNames = true;
                    return;
                }
            }
        }
        return;
    }
    std::sort(names.begin(), names.end());
    m_tree.m_repeatedNames = std::adjacent_find(names.begin(), names.end()) != names.end();
}

// The string whose opening quote is at m_at, decoded into the tree's string buffer: a
// member name when `name`, else a string value.
bool JsonTreeParser::string(quint32 *offset, quint32 *length, bool name) {
    const auto *begin = reinterpret_cast<const char16_t *>(m_tree.m_strings.constData());
    char16_t *out = m_out;
    *offset = quint32(out - begin);
    ++m_at;
    for (;;) {
        if (m_at >= m_size)
            return false;
        const unsigned char c = m_data[m_at];
        if (c == '"') {
            ++m_at;
            break;
        }
        if (c < 0x20)
            return false;
        if (c == '\\') {
            qsizetype written = 0;
            if (!escape(out, &written, name))
                return false;
            out += written;
            continue;
        }
        if (c < 0x80) {
            *out++ = char16_t(c);
            ++m_at;
            continue;
        }
        // A multi-byte sequence (RFC 3629): no overlong forms, surrogates or values
        // above U+10FFFF.
        const qsizetype need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
        if (need < 0 || c > 0xF4 || m_size - m_at <= need)
            return false;
        char32_t point = c & (0x3F >> need);
        for (qsizetype k = 1; k <= need; ++k) {
            const unsigned char next = m_data[m_at + k];
            if ((next & 0xC0) != 0x80)
                return false;
            point = (point << 6) | (next & 0x3F);
        }
        if ((need == 2 && (point < 0x800 || (point >= 0xD800 && point <= 0xDFFF))) ||
            (need == 3 && (point < 0x10000 || point > 0x10FFFF)))
            return false;
        m_at += need + 1;
        if (point >= 0x10000) {
            *out++ = QChar::highSurrogate(point);
            *out++ = QChar::lowSurrogate(point);
        } else {
            *out++ = char16_t(point);
        }
    }
    *length = quint32(out - begin) - *offset;
    m_out = out;
    return true;
}

namespace {

int hexValue(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

// The escape at m_at (a backslash). A \u escape of a surrogate that does not come as a
// pair is valid JSON too, but no character: it reads as U+FFFD and is noted.
bool JsonTreeParser::escape(char16_t *out, qsizetype *written, bool name) {
    if (m_size - m_at < 2)
        return false;
    const unsigned char kind = m_data[m_at + 1];
    char16_t simple = 0;
    switch (kind) {
    case '"':
    case '\\':
    case '/':
        simple = kind;
        break;
    case 'b':
        simple = u'\b';
        break;
    case 'f':
        simple = u'\f';
        break;
    case 'n':
        simple = u'\n';
        break;
    case 'r':
        simple = u'\r';
        break;
    case 't':
        simple = u'\t';
        break;
    case 'u':
        break;
    default:
        return false;
    }
    if (simple) {
        *out = simple;
        *written = 1;
        m_at += 2;
        return true;
    }
    const auto unit = [this](qsizetype at) {
        if (m_size - at < 6 || m_data[at] != '\\' || m_data[at + 1] != 'u')
            return -1;
        int value = 0;
        for (qsizetype k = at + 2; k < at + 6; ++k) {
            const int digit = hexValue(m_data[k]);
            if (digit < 0)
                return -1;
            value = value * 16 + digit;
        }
        return value;
    };
    const int first = unit(m_at);
    if (first < 0)
        return false;
    if (QChar::isHighSurrogate(char32_t(first))) {
        const int second = unit(m_at + 6);
        if (second >= 0 && QChar::isLowSurrogate(char32_t(second))) {
            out[0] = char16_t(first);
            out[1] = char16_t(second);
            *written = 2;
            m_at += 12;
            return true;
        }
    }
    *out = char16_t(first);
    *written = 1;
    if (QChar::isSurrogate(char32_t(first))) {
        *out = QChar::ReplacementCharacter;
        // Strings are read before the value they belong to is added, so the next item
        // is the string itself or the member whose name this is.
        if (m_tree.m_unpairedCount++ < JsonTree::MaxRecordedSurrogates)
            m_unpaired.append({quint32(m_tree.m_items.size()), name, m_at});
    }
    m_at += 6;
    return true;
}

// RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
// Its text goes to the string buffer as it was written, whatever a double makes of it.
bool JsonTreeParser::number(JsonTree::Item &item) {
    const qsizetype start = m_at;
    qsizetype at = m_at;
    const auto digits = [this, &at] {
        const qsizetype from = at;
        while (at < m_size && m_data[at] >= '0' && m_data[at] <= '9')
            ++at;
        return at - from;
    };
    if (at < m_size && m_data[at] == '-')
        ++at;
    if (at < m_size && m_data[at] == '0')
        ++at;
    else if (digits() == 0)
        return false;
    if (at < m_size && m_data[at] == '.') {
        ++at;
        if (digits() == 0)
            return false;
    }
    if (at < m_size && (m_data[at] == 'e' || m_data[at] == 'E')) {
        ++at;
        if (at < m_size && (m_data[at] == '+' || m_data[at] == '-'))
            ++at;
        if (digits() == 0)
            return false;
    }
    const QByteArrayView text(m_data + start, at - start);
    item.number = JsonNumber::toDouble(text);
    const auto *begin = reinterpret_cast<const char16_t *>(m_tree.m_strings.constData());
    item.text = quint32(m_out - begin);
    item.size = quint32(text.size());
    for (const char c : text)
        *m_out++ = char16_t(c);
    m_at = at;
    return true;
}
