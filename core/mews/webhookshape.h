#pragma once

#include "jsontree.h"
#include "mewsanalysis.h"

#include <QJsonValue>
#include <QString>

/**
 * Which webhook a parsed JSON document is, from its top-level keys alone.
 *
 * Integration: Action and Data; or, with one of them missing, an Action string or
 * a Data object holding an Integration. General: Events with EnterpriseId or
 * IntegrationId, or both ids without Events. Anything else is OtherJson.
 */
struct WebhookShape {
    WebhookKind kind = WebhookKind::OtherJson;
    QString reason;

    static WebhookShape of(const QJsonValue &document);
    static WebhookShape of(const JsonNode &document);
};
