#include "jsontree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <limits>

JsonNode::Type JsonNode::type() const {
    const JsonTree::Item *item = m_tree ? m_tree->item(m_index) : nullptr;
    return item ? item->type : Undefined;
}

bool JsonNode::toBool() const {
    return type() == Bool && m_tree->m_items[m_index].boolean;
}

double JsonNode::toDouble() const {
    return type() == Number ? m_tree->m_items[m_index].number : 0.0;
}

QStringView JsonNode::stringView() const {
    if (type() != String)
        return QStringView();
    const JsonTree::Item &item = m_tree->m_items[m_index];
    return m_tree->text(item.text, item.size);
}

QStringView JsonNode::key() const {
    if (type() == Undefined)
        return QStringView();
    const JsonTree::Item &item = m_tree->m_items[m_index];
    return m_tree->text(item.keyOffset, item.keyLength);
}

qsizetype JsonNode::size() const {
    const Type kind = type();
    return kind == Array || kind == Object ? qsizetype(m_tree->m_items[m_index].size) : 0;
}

JsonNode JsonNode::value(QLatin1String name) const {
    if (type() != Object)
        return JsonNode();
    for (const JsonNode member : *this) {
        if (member.key().compare(name) == 0)
            return member;
    }
    return JsonNode();
}

JsonNode JsonNode::value(QStringView name) const {
    if (type() != Object)
        return JsonNode();
    for (const JsonNode member : *this) {
        if (member.key() == name)
            return member;
    }
    return JsonNode();
}

JsonNode::Iterator &JsonNode::Iterator::operator++() {
    m_index = m_tree->m_items[m_index].end;
    return *this;
}

JsonNode::Iterator JsonNode::begin() const {
    const Type kind = type();
    if (kind != Array && kind != Object)
        return end();
    return Iterator(m_tree, m_index + 1);
}

JsonNode::Iterator JsonNode::end() const {
    if (type() == Undefined)
        return Iterator(m_tree, m_index);
    return Iterator(m_tree, m_tree->m_items[m_index].end);
}

/// Reads strict JSON text into a JsonTree, iteratively.
class JsonTreeParser {
public:
    JsonTreeParser(QByteArrayView text, JsonTree &tree)
        : m_data(reinterpret_cast<const unsigned char *>(text.data()))
        , m_size(text.size())
        , m_tree(tree) {}

    bool run();

private:
    void skipSpace() {
        while (m_at < m_size) {
            const unsigned char c = m_data[m_at];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_at;
        }
    }
    bool literal(const char *word, qsizetype length) {
        if (m_size - m_at < length || std::memcmp(m_data + m_at, word, size_t(length)) != 0)
            return false;
        m_at += length;
        return true;
    }
    bool value(quint32 keyOffset, quint32 keyLength);
    bool string(quint32 *offset, quint32 *length);
    bool escape(char16_t *out, qsizetype *written);
    bool number(double *number);
    bool closeContainer();
    void checkRepeatedNames(quint32 object);

    const unsigned char *m_data;
    qsizetype m_size;
    qsizetype m_at = 0;
    JsonTree &m_tree;
    char16_t *m_out = nullptr;           ///< the next free place in the tree's string buffer
    QVarLengthArray<quint32, 32> m_open; ///< the containers not closed yet
};

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
            if (m_at >= m_size || m_data[m_at] != '"' || !string(&keyOffset, &keyLength))
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
                if (m_data[m_at] != '"' || !string(&keyOffset, &keyLength))
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
            if (!string(&item.text, &item.size))
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
            if (!number(&item.number))
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

// The string whose opening quote is at m_at, decoded into the tree's string buffer.
bool JsonTreeParser::string(quint32 *offset, quint32 *length) {
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
            if (!escape(out, &written))
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

// The escape at m_at (a backslash); a \u escape of a surrogate must come as a pair.
bool JsonTreeParser::escape(char16_t *out, qsizetype *written) {
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
    if (first < 0 || QChar::isLowSurrogate(char32_t(first)))
        return false;
    if (!QChar::isHighSurrogate(char32_t(first))) {
        *out = char16_t(first);
        *written = 1;
        m_at += 6;
        return true;
    }
    const int second = unit(m_at + 6);
    if (second < 0 || !QChar::isLowSurrogate(char32_t(second)))
        return false;
    out[0] = char16_t(first);
    out[1] = char16_t(second);
    *written = 2;
    m_at += 12;
    return true;
}

// RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool JsonTreeParser::number(double *number) {
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
    const char *first = reinterpret_cast<const char *>(m_data + start);
    const char *last = reinterpret_cast<const char *>(m_data + at);
    const auto [end, error] = std::from_chars(first, last, *number);
    if (error != std::errc() || end != last)
        return false; // beyond the range of a double
    m_at = at;
    return true;
}

std::optional<JsonTree> JsonTree::parse(QByteArrayView text) {
    JsonTree tree;
    if (!JsonTreeParser(text, tree).run())
        return std::nullopt;
    return tree;
}

JsonTree JsonTree::fromValue(const QJsonValue &value) {
    JsonTree tree;
    tree.addValue(value, QStringView());
    return tree;
}

quint32 JsonTree::appendText(QStringView text) {
    const auto offset = quint32(m_strings.size());
    m_strings.append(text);
    return offset;
}

void JsonTree::addValue(const QJsonValue &value, QStringView key) {
    const auto index = quint32(m_items.size());
    Item item;
    item.keyOffset = appendText(key);
    item.keyLength = quint32(key.size());
    switch (value.type()) {
    case QJsonValue::Null:
        item.type = JsonNode::Null;
        break;
    case QJsonValue::Bool:
        item.type = JsonNode::Bool;
        item.boolean = value.toBool();
        break;
    case QJsonValue::Double:
        item.type = JsonNode::Number;
        item.number = value.toDouble();
        break;
    case QJsonValue::String: {
        item.type = JsonNode::String;
        const QString text = value.toString();
        item.text = appendText(text);
        item.size = quint32(text.size());
        break;
    }
    case QJsonValue::Array:
        item.type = JsonNode::Array;
        break;
    case QJsonValue::Object:
        item.type = JsonNode::Object;
        break;
    case QJsonValue::Undefined:
        break;
    }
    m_items.push_back(item);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            addValue(element, QStringView());
        m_items[index].size = quint32(array.size());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addValue(it.value(), it.key());
        m_items[index].size = quint32(object.size());
    }
    m_items[index].end = quint32(m_items.size());
}
