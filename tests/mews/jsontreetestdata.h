#pragma once

// Shared by the JsonTree tests (tst_jsontree, tst_jsontreenodes).

#include "mews/jsontree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace JsonTreeTestData {

// The tree read back as a QJsonValue, to compare with what other readers make of the text.
inline QJsonValue toValue(const JsonNode &node) {
    switch (node.type()) {
    case JsonNode::Null:
        return QJsonValue(QJsonValue::Null);
    case JsonNode::Bool:
        return node.toBool();
    case JsonNode::Number:
        return node.toDouble();
    case JsonNode::String:
        return node.toString();
    case JsonNode::Array: {
        QJsonArray array;
        for (const JsonNode element : node)
            array.append(toValue(element));
        return array;
    }
    case JsonNode::Object: {
        QJsonObject object;
        for (const JsonNode member : node)
            object.insert(member.key().toString(), toValue(member));
        return object;
    }
    case JsonNode::Undefined:
        break;
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace JsonTreeTestData
