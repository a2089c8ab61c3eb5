#include "webhookshape.h"

#include <QJsonObject>
#include <QStringList>

namespace {

QString joinNames(const QStringList &names) {
    if (names.size() <= 1)
        return names.join(QString());
    return names.first(names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") +
           names.last();
}

// The same questions of a QJsonValue (the GUI's documents) and of a JsonNode (the
// decoder's tree), so both read the shape by one set of rules.
QString kindText(JsonNode::Type type) {
    switch (type) {
    case JsonNode::Array:
        return QStringLiteral("a JSON array, not an object");
    case JsonNode::String:
        return QStringLiteral("a JSON string, not an object");
    case JsonNode::Number:
        return QStringLiteral("a JSON number, not an object");
    case JsonNode::Bool:
        return QStringLiteral("a JSON boolean, not an object");
    case JsonNode::Null:
        return QStringLiteral("JSON null, not an object");
    case JsonNode::Object:
    case JsonNode::Undefined:
        break;
    }
    return QStringLiteral("no JSON value");
}

JsonNode::Type typeOf(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return JsonNode::Null;
    case QJsonValue::Bool:
        return JsonNode::Bool;
    case QJsonValue::Double:
        return JsonNode::Number;
    case QJsonValue::String:
        return JsonNode::String;
    case QJsonValue::Array:
        return JsonNode::Array;
    case QJsonValue::Object:
        return JsonNode::Object;
    case QJsonValue::Undefined:
        break;
    }
    return JsonNode::Undefined;
}

JsonNode::Type typeOf(const JsonNode &value) {
    return value.type();
}

QJsonValue member(const QJsonValue &object, QLatin1String name) {
    return object.toObject().value(name);
}

JsonNode member(const JsonNode &object, QLatin1String name) {
    return object.value(name);
}

template <typename Value> bool has(const Value &object, QLatin1String name) {
    return typeOf(member(object, name)) != JsonNode::Undefined;
}

template <typename Value> WebhookShape shapeOf(const Value &root) {
    if (typeOf(root) != JsonNode::Object)
        return WebhookShape{WebhookKind::OtherJson, kindText(typeOf(root))};
    const bool action = has(root, QLatin1String("Action"));
    const bool data = has(root, QLatin1String("Data"));
    if (action && data)
        return WebhookShape{WebhookKind::Integration, QStringLiteral("top-level Action and Data")};

    const bool events = has(root, QLatin1String("Events"));
    const bool enterprise = has(root, QLatin1String("EnterpriseId"));
    const bool integration = has(root, QLatin1String("IntegrationId"));
    if ((events && (enterprise || integration)) || (enterprise && integration)) {
        QStringList present;
        QStringList missing;
        (enterprise ? present : missing).append(QStringLiteral("EnterpriseId"));
        (integration ? present : missing).append(QStringLiteral("IntegrationId"));
        (events ? present : missing).append(QStringLiteral("Events"));
        QString reason = QStringLiteral("top-level ") + joinNames(present);
        if (has(root, QLatin1String("Entities")))
            reason += QStringLiteral(", with legacy Entities");
        if (!missing.isEmpty())
            reason += QStringLiteral(" (") + joinNames(missing) + QStringLiteral(" missing)");
        return WebhookShape{WebhookKind::General, reason};
    }

    if (action && typeOf(member(root, QLatin1String("Action"))) == JsonNode::String)
        return WebhookShape{WebhookKind::Integration,
                            QStringLiteral("top-level Action (Data missing)")};
    if (data && has(member(root, QLatin1String("Data")), QLatin1String("Integration"))) {
        return WebhookShape{WebhookKind::Integration,
                            QStringLiteral("top-level Data with an Integration (Action missing)")};
    }
    return WebhookShape{
        WebhookKind::OtherJson,
        QStringLiteral("a JSON object with neither Action and Data nor EnterpriseId, "
                       "IntegrationId and Events")};
}

} // namespace

WebhookShape WebhookShape::of(const QJsonValue &document) {
    return shapeOf(document);
}

WebhookShape WebhookShape::of(const JsonNode &document) {
    return shapeOf(document);
}
