#include "jsontree.h"

#include "jsonnumber.h"
#include "jsonpath.h"
#include "jsontreeparser.h"
#include "textposition.h"

#include <QJsonArray>
#include <QJsonObject>

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

QStringView JsonNode::numberText() const {
    if (type() != Number)
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

namespace {

bool sameName(QStringView key, QLatin1String name) {
    // Names are short: an inline loop beats the general comparison, which most keys
    // fail on their length anyway.
    if (key.size() != name.size())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (key[i].unicode() != uchar(name[i].toLatin1()))
            return false;
    }
    return true;
}

bool sameName(QStringView key, QStringView name) {
    return key.size() == name.size() && key == name;
}

// The first member called name, for either kind of name.
template <typename Name> JsonNode findMember(const JsonNode &object, Name name) {
    if (!object.isObject())
        return JsonNode();
    for (const JsonNode member : object) {
        if (sameName(member.key(), name))
            return member;
    }
    return JsonNode();
}

} // namespace

JsonNode JsonNode::value(QLatin1String name) const {
    return findMember(*this, name);
}

JsonNode JsonNode::value(QStringView name) const {
    return findMember(*this, name);
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

std::optional<JsonTree> JsonTree::parse(QByteArrayView text) {
    JsonTree tree;
    QList<JsonTreeParser::UnpairedSurrogate> unpaired;
    if (!JsonTreeParser(text, tree, unpaired).run())
        return std::nullopt;
    if (!unpaired.isEmpty()) {
        // Rare, so worked out only now: where each one is, and the path of its string.
        QList<qint64> offsets;
        for (const JsonTreeParser::UnpairedSurrogate &escape : std::as_const(unpaired))
            offsets.append(escape.offset);
        const QList<TextPosition> positions = TextPosition::at(text, offsets);
        for (qsizetype i = 0; i < unpaired.size(); ++i) {
            const JsonTreeParser::UnpairedSurrogate &escape = unpaired.at(i);
            tree.m_unpaired.append(JsonUnpairedSurrogate{
                tree.pathOf(escape.item), escape.inName,
                JsonError{escape.offset, positions.at(i).line, positions.at(i).column,
                          QString::fromLatin1(text.sliced(escape.offset, 6))}});
        }
    }
    return tree;
}

// The JSON path of the value at `index`: down from the root, into the member or element
// whose span holds it.
QString JsonTree::pathOf(quint32 index) const {
    QString path = QLatin1String("");
    quint32 at = 0;
    while (at != index) {
        const bool object = m_items[at].type == JsonNode::Object;
        quint32 child = at + 1;
        qsizetype position = 0;
        while (m_items[child].end <= index) {
            child = m_items[child].end;
            ++position;
        }
        const Item &member = m_items[child];
        path = object ? JsonPath::appendKey(path, text(member.keyOffset, member.keyLength))
                      : JsonPath::appendIndex(path, position);
        at = child;
    }
    return path;
}

JsonTree JsonTree::fromValue(const QJsonValue &value, const QHash<QString, QString> &numberTexts) {
    JsonTree tree;
    tree.addValue(value, QStringView(), numberTexts, QLatin1String(""));
    return tree;
}

quint32 JsonTree::appendText(QStringView text) {
    const auto offset = quint32(m_strings.size());
    m_strings.append(text);
    return offset;
}

// `path` is the value's path, worked out only when some number has a text to look up.
void JsonTree::addValue(const QJsonValue &value, QStringView key,
                        const QHash<QString, QString> &numberTexts, const QString &path) {
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
    case QJsonValue::Double: {
        item.type = JsonNode::Number;
        item.number = value.toDouble();
        const auto sent = numberTexts.constFind(path);
        const QString text = sent != numberTexts.cend() ? *sent : JsonNumber::textOf(value);
        item.text = appendText(text);
        item.size = quint32(text.size());
        break;
    }
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
        qsizetype i = 0;
        for (const QJsonValue &element : array) {
            addValue(element, QStringView(), numberTexts,
                     numberTexts.isEmpty() ? QString() : JsonPath::appendIndex(path, i));
            ++i;
        }
        m_items[index].size = quint32(array.size());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            addValue(it.value(), it.key(), numberTexts,
                     numberTexts.isEmpty() ? QString() : JsonPath::appendKey(path, it.key()));
        }
        m_items[index].size = quint32(object.size());
    }
    m_items[index].end = quint32(m_items.size());
}
