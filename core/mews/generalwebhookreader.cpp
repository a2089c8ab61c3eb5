#include "generalwebhookreader.h"

#include "jsonpath.h"

#include <QHash>
#include <QMap>
#include <QVarLengthArray>

#include <algorithm>

namespace {

const QString &eventsKey() {
    static const QString key = QStringLiteral("Events");
    return key;
}

const QString &entitiesKey() {
    static const QString key = QStringLiteral("Entities");
    return key;
}

QString eventPath(qsizetype index) {
    return JsonPath::appendIndex(eventsKey(), index);
}

QString idPath(const QString &path) {
    return JsonPath::appendKey(path, u"Id");
}

QString eventIdPath(qsizetype index) {
    return idPath(JsonPath::appendKey(eventPath(index), u"Value"));
}

QString shownId(const QString &id) {
    return id.size() > 60 ? id.left(57) + QStringLiteral("…") : id;
}

QString linkKey(const QString &collection, const QString &id) {
    return collection + u'\n' + id;
}

} // namespace

GeneralWebhookReader::GeneralWebhookReader(const ContractSchema &schema)
    : m_schema(schema) {
}

void GeneralWebhookReader::read(const JsonNode &root, MewsAnalysis &analysis) const {
    analysis.enterpriseId = root.value(QLatin1String("EnterpriseId")).toString();
    analysis.integrationId = root.value(QLatin1String("IntegrationId")).toString();
    readEvents(root, analysis);
    const JsonNode entities = root.value(QStringView(entitiesKey()));
    if (entities.isObject()) {
        readEntities(entities, analysis);
        linkEntities(entities, analysis);
    }
    findRepeatedEvents(analysis);
}

void GeneralWebhookReader::readEvents(const JsonNode &root, MewsAnalysis &analysis) const {
    const JsonNode events = root.value(QStringView(eventsKey()));
    const EnumDescriptor *discriminators = m_schema.events();
    analysis.events.reserve(events.size());
    for (const JsonNode object : events) {
        // Every element becomes an event, malformed or not, so Events[i] is events[i].
        WebhookEvent event;
        const QStringView discriminator = object.value(QLatin1String("Discriminator")).stringView();
        event.entityId = object.value(QLatin1String("Value")).value(QLatin1String("Id")).toString();
        if (const EnumValue *info =
                discriminators ? discriminators->find(discriminator) : nullptr) {
            event.known = true;
            // The schema's copy of the same text: the capture outlives this thread's
            // work, and a shared string costs its later owners no free.
            event.discriminator = info->value;
            event.collection = info->collection;
        } else {
            event.discriminator = discriminator.toString();
        }
        analysis.events.append(std::move(event));
    }
}

void GeneralWebhookReader::readEntities(const JsonNode &entities, MewsAnalysis &analysis) const {
    for (const JsonNode list : entities) {
        if (!list.isArray())
            continue; // the contract check reports it
        const QString collection = list.key().toString();
        const bool known = !m_schema.typeOfCollection(collection).isEmpty();
        const QString collectionPath = JsonPath::appendKey(entitiesKey(), collection);
        int i = 0;
        for (const JsonNode element : list) {
            WebhookEntity entity;
            entity.collection = collection;
            entity.knownCollection = known;
            entity.indexInCollection = i;
            entity.id = element.value(QLatin1String("Id")).toString();
            entity.path = JsonPath::appendIndex(collectionPath, i++);
            analysis.entities.append(entity);
        }
    }
}

void GeneralWebhookReader::linkEntities(const JsonNode &entities, MewsAnalysis &analysis) const {
    QHash<QString, int> byCollectionAndId;
    QHash<QString, int> unknownById;          // entities of lists this version does not know
    QList<std::pair<qsizetype, int>> repeats; // entity, the earlier entity with its Id
    for (qsizetype i = 0; i < analysis.entities.size(); ++i) {
        const WebhookEntity &entity = analysis.entities.at(i);
        if (entity.id.isEmpty())
            continue;
        const QString key = linkKey(entity.collection, entity.id);
        const auto earlier = byCollectionAndId.constFind(key);
        if (earlier != byCollectionAndId.cend()) {
            analysis.findings.append(
                ContractFinding{idPath(entity.path), FindingSeverity::Warning,
                                entity.path + QStringLiteral(" repeats the Id of ") +
                                    analysis.entities.at(*earlier).path + QStringLiteral(" (") +
                                    shownId(entity.id) + QStringLiteral(").")});
            repeats.append({i, *earlier});
            continue;
        }
        byCollectionAndId.insert(key, int(i));
        if (!entity.knownCollection)
            unknownById.insert(entity.id, int(i));
    }

    QMap<QString, QList<qsizetype>> withoutList; // collection -> events, in name order
    for (qsizetype i = 0; i < analysis.events.size(); ++i) {
        WebhookEvent &event = analysis.events[i];
        if (event.entityId.isEmpty())
            continue;
        int found = -1;
        if (!event.known) {
            found = unknownById.value(event.entityId, -1);
        } else if (!event.collection.isEmpty()) {
            const JsonNode list = entities.value(QStringView(event.collection));
            if (!list.isArray()) {
                if (list.isUndefined())
                    withoutList[event.collection].append(i);
                continue;
            }
            found = byCollectionAndId.value(linkKey(event.collection, event.entityId), -1);
            if (found < 0) {
                analysis.findings.append(
                    ContractFinding{eventIdPath(i), FindingSeverity::Warning,
                                    eventPath(i) + QStringLiteral(" (") + event.discriminator +
                                        QStringLiteral(") names ") + shownId(event.entityId) +
                                        QStringLiteral(", but Entities.") + event.collection +
                                        QStringLiteral(" does not include it.")});
            }
        }
        if (found >= 0) {
            event.entityIndex = found;
            WebhookEntity &entity = analysis.entities[found];
            if (entity.eventIndex < 0)
                entity.eventIndex = int(i);
        }
    }

    // A repeated entity is named by the same event as the first with its Id.
    for (const auto &[repeat, earlier] : std::as_const(repeats))
        analysis.entities[repeat].eventIndex = analysis.entities.at(earlier).eventIndex;

    for (const WebhookEntity &entity : std::as_const(analysis.entities)) {
        if (entity.eventIndex >= 0 || !entity.knownCollection)
            continue;
        const QStringList discriminators = m_schema.discriminatorsOfCollection(entity.collection);
        const QString which =
            entity.id.isEmpty() ? QString() : QStringLiteral(" (") + shownId(entity.id) + u')';
        analysis.findings.append(ContractFinding{
            entity.id.isEmpty() ? entity.path : idPath(entity.path), FindingSeverity::Warning,
            entity.path + which + QStringLiteral(" is not named by any ") +
                discriminators.join(QStringLiteral(" or ")) + QStringLiteral(" event.")});
    }

    for (auto it = withoutList.cbegin(); it != withoutList.cend(); ++it) {
        const qsizetype count = it.value().size();
        const QString discriminator = analysis.events.at(it.value().constFirst()).discriminator;
        const EnumValue *info = m_schema.event(discriminator);
        analysis.findings.append(ContractFinding{
            entitiesKey(), FindingSeverity::Note,
            QStringLiteral("Entities has no %1 list, so %2 carr%3 only the Id; fetch with %4.")
                .arg(it.key(),
                     count == 1 ? eventPath(it.value().constFirst())
                                : QString::number(count) + QStringLiteral(" events"),
                     count == 1 ? QStringLiteral("ies") : QStringLiteral("y"),
                     info ? info->fetch : QStringLiteral("the matching Get all operation"))});
    }
}

void GeneralWebhookReader::findRepeatedEvents(MewsAnalysis &analysis) const {
    // Each event with an Id is linked to the previous event with the same Id: a stable
    // sort of the positions by Id puts every Id's events next to each other, in order.
    // No hash and no allocation per event; this runs for every capture.
    const QList<WebhookEvent> &events = analysis.events;
    QVarLengthArray<qsizetype, 64> byId;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!events.at(i).entityId.isEmpty())
            byId.append(i);
    }
    std::stable_sort(byId.begin(), byId.end(), [&events](qsizetype a, qsizetype b) {
        return events.at(a).entityId < events.at(b).entityId;
    });
    QVarLengthArray<qsizetype, 64> previous(events.size(), -1);
    bool anyShared = false;
    for (qsizetype j = 1; j < byId.size(); ++j) {
        if (events.at(byId[j]).entityId == events.at(byId[j - 1]).entityId) {
            previous[byId[j]] = byId[j - 1];
            anyShared = true;
        }
    }
    if (!anyShared)
        return; // the usual case: every event names its own entity

    for (qsizetype i = 0; i < events.size(); ++i) {
        const WebhookEvent &event = events.at(i);
        if (previous[i] < 0)
            continue;
        const EnumValue *info = m_schema.event(event.discriminator);
        qsizetype repeated = -1;
        qsizetype otherKind = -1;
        qsizetype sameEntity = -1;
        // Walks back from the nearest earlier event, so the last one kept is the first.
        for (qsizetype k = previous[i]; k >= 0; k = previous[k]) {
            const WebhookEvent &before = events.at(k);
            const EnumValue *beforeInfo = m_schema.event(before.discriminator);
            if (before.discriminator == event.discriminator)
                repeated = k;
            else if (info && beforeInfo && info->entity != beforeInfo->entity)
                otherKind = k;
            else
                sameEntity = k;
        }
        if (repeated < 0 && otherKind < 0 && sameEntity < 0)
            continue; // the usual case: nothing to say, so build no text
        const QString self = eventPath(i) + QStringLiteral(" (") + event.discriminator + u')';
        if (repeated >= 0) {
            analysis.findings.append(
                ContractFinding{eventIdPath(i), FindingSeverity::Warning,
                                self + QStringLiteral(" repeats ") + eventPath(repeated) +
                                    QStringLiteral(" for ") + shownId(event.entityId) + u'.'});
        } else if (otherKind >= 0) {
            const WebhookEvent &before = analysis.events.at(otherKind);
            analysis.findings.append(ContractFinding{
                eventIdPath(i), FindingSeverity::Warning,
                self + QStringLiteral(" and ") + eventPath(otherKind) + QStringLiteral(" (") +
                    before.discriminator + QStringLiteral(") give one Id, ") +
                    shownId(event.entityId) + QStringLiteral(", to two kinds of entity.")});
        } else if (sameEntity >= 0) {
            const WebhookEvent &before = analysis.events.at(sameEntity);
            const bool documented = info && m_schema.event(before.discriminator);
            const QString pair = self + QStringLiteral(" names the same ") +
                                 (documented ? info->entity : QStringLiteral("Id")) +
                                 QStringLiteral(" as ") + eventPath(sameEntity) +
                                 QStringLiteral(" (") + before.discriminator + u')';
            analysis.findings.append(ContractFinding{
                eventIdPath(i), FindingSeverity::Note,
                pair + (documented ? QStringLiteral("; an Added event is also an Updated one, so "
                                                    "fetch it once.")
                                   : QStringLiteral("."))});
        }
    }
}
