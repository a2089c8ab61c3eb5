#include "entitylinks.h"

#include "mews/contractschema.h"
#include "session/capturestore.h"

EntityLinks::EntityLinks(const CaptureStore &store)
    : m_store(store) {
}

bool EntityLinks::isOfType(const EntityVersion &version, const QString &entityType) {
    if (entityType.isEmpty())
        return true;
    const ContractSchema &schema = ContractSchema::instance();
    if (!version.collection.isEmpty() && schema.typeOfCollection(version.collection) == entityType)
        return true;
    const EnumValue *event = schema.event(version.discriminator);
    return event && event->entity == entityType;
}

QSet<QString> EntityLinks::linked(const QList<std::pair<QString, QString>> &references,
                                  qint64 captureId, const QString &path) const {
    QSet<QString> ids;
    for (const auto &[id, type] : references) {
        if (target(id, type, captureId, path))
            ids.insert(id);
    }
    return ids;
}

std::optional<EntityVersion> EntityLinks::target(const QString &entityId, const QString &entityType,
                                                 qint64 captureId, const QString &path) const {
    QString error;
    const QList<EntityVersion> versions = m_store.entityHistory(entityId, &error);
    std::optional<EntityVersion> before;
    std::optional<EntityVersion> after;
    bool beforeEmbedded = false;
    bool afterEmbedded = false;
    for (const EntityVersion &version : versions) {
        if (!isOfType(version, entityType))
            continue;
        if (version.captureId == captureId && (version.path == path || !version.embedded()))
            continue; // what is shown already
        // Prefer a snapshot with data over an Id-only event; then the nearest in time.
        if (version.captureId <= captureId) {
            if (!before || version.embedded() || !beforeEmbedded) {
                before = version;
                beforeEmbedded = version.embedded();
            }
        } else if (!after || (version.embedded() && !afterEmbedded)) {
            after = version;
            afterEmbedded = version.embedded();
        }
    }
    if (before && (beforeEmbedded || !afterEmbedded))
        return before;
    return after ? after : before;
}

QList<EntityVersion> EntityLinks::history(const EntityForm &form, QString *error) const {
    if (form.subject != EntityForm::Subject::IntegrationData)
        return form.entityId.isEmpty() ? QList<EntityVersion>()
                                       : m_store.entityHistory(form.entityId, error);
    QList<EntityVersion> versions;
    if (form.entityId.isEmpty())
        return versions;
    const CaptureIndex &index = m_store.index();
    for (const quint32 position : index.positionsForIntegration(form.entityId)) {
        const CaptureIndexRow &row = index.row(position);
        if (row.kind != WebhookKind::Integration)
            continue;
        EntityVersion version;
        version.captureId = row.id;
        version.receivedUtcMs = row.receivedUtcMs;
        if (index.events().countOf(position) > 0)
            version.discriminator = index.text(index.events().at(position, 0).name);
        version.path = QStringLiteral("Data");
        versions.append(version);
    }
    return versions;
}
