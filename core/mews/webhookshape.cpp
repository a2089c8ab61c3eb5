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

QString describeNonObject(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Array:
        return QStringLiteral("a JSON array, not an object");
    case QJsonValue::String:
        return QStringLiteral("a JSON string, not an object");
    case QJsonValue::Double:
        return QStringLiteral("a JSON number, not an object");
    case QJsonValue::Bool:
        return QStringLiteral("a JSON boolean, not an object");
    case QJsonValue::Null:
        return QStringLiteral("JSON null, not an object");
    case QJsonValue::Object:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("no JSON value");
}

} // namespace

WebhookShape WebhookShape::of(const QJsonValue &document) {
    if (!document.isObject())
        return WebhookShape{WebhookKind::OtherJson, describeNonObject(document)};
    const QJsonObject root = document.toObject();
    const bool action = root.contains(QLatin1String("Action"));
    const bool data = root.contains(QLatin1String("Data"));
    if (action && data)
        return WebhookShape{WebhookKind::Integration, QStringLiteral("top-level Action and Data")};

    const bool events = root.contains(QLatin1String("Events"));
    const bool enterprise = root.contains(QLatin1String("EnterpriseId"));
    const bool integration = root.contains(QLatin1String("IntegrationId"));
    if ((events && (enterprise || integration)) || (enterprise && integration)) {
        QStringList present;
        QStringList missing;
        (enterprise ? present : missing).append(QStringLiteral("EnterpriseId"));
        (integration ? present : missing).append(QStringLiteral("IntegrationId"));
        (events ? present : missing).append(QStringLiteral("Events"));
        QString reason = QStringLiteral("top-level ") + joinNames(present);
        if (root.contains(QLatin1String("Entities")))
            reason += QStringLiteral(", with legacy Entities");
        if (!missing.isEmpty())
            reason += QStringLiteral(" (") + joinNames(missing) + QStringLiteral(" missing)");
        return WebhookShape{WebhookKind::General, reason};
    }

    if (action && root.value(QLatin1String("Action")).isString())
        return WebhookShape{WebhookKind::Integration,
                            QStringLiteral("top-level Action (Data missing)")};
    if (data &&
        root.value(QLatin1String("Data")).toObject().contains(QLatin1String("Integration"))) {
        return WebhookShape{WebhookKind::Integration,
                            QStringLiteral("top-level Data with an Integration (Action missing)")};
    }
    return WebhookShape{
        WebhookKind::OtherJson,
        QStringLiteral("a JSON object with neither Action and Data nor EnterpriseId, "
                       "IntegrationId and Events")};
}
