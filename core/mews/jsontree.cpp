#include "jsontree.h"

#include "jsontreeparser.h"

#include <QJsonArray>
#include <QJsonObject>

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

namespace {

// The first member called name, for either kind of name.
template <typename Name> JsonNode findMember(const JsonNode &object, Name name) {
    if (!object.isObject())
        return JsonNode();
    for (const JsonNode member : object) {
        if (member.key().compare(name) == 0)
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
