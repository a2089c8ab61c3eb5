#include "generalwebhookreader.h"

#include "fieldformat.h"
#include "jsonpath.h"

#include <QHash>
#include <QMap>
#include <QVarLengthArray>

#include <algorithm>
#include <span>

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

// The Id an event and an entity are matched by. GUIDs compare without regard to case,
// so one written in capitals still finds its entity; other Ids must match exactly.
QString linkId(const QString &id) {
    // The usual case, an Id in lower case, costs one scan and no copy.
    const bool capitals =
        std::any_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'A' && c <= u'F'; });
    return capitals && FieldFormat::isGuid(id) ? id.toLower() : id;
}

QString linkKey(const QString &collection, const QString &id) {
    return collection + u'\n' + linkId(id);
}

// The earliest position seen under one key, and the earliest seen under any other key:
// enough to answer "the first earlier one whose key differs from mine" in constant time.
template <typename Key> class EarliestTwo {
public:
    void add(const Key &key, qsizetype position) {
        if (m_first < 0) {
            m_firstKey = key;
            m_first = position;
        } else if (m_other < 0 && key != m_firstKey) {
            m_other = position;
        }
    }
    qsizetype firstOtherThan(const Key &key) const {
        return m_first >= 0 && key != m_firstKey ? m_first : m_other;
    }

private:
    Key m_firstKey{};
    qsizetype m_first = -1;
    qsizetype m_other = -1;
};

qsizetype earlier(qsizetype a, qsizetype b) {
    if (a < 0)
        return b;
    return b < 0 ? a : std::min(a, b);
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
    if (!events.isArray())
        return; // the contract check reports it; an object's members are not events
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
    QHash<QString, int> anyById; // the first entity with each Id, for unknown discriminators
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
    }
    // Only events of a kind this version does not know look entities up by Id alone.
    const bool anyUnknown = std::any_of(analysis.events.cbegin(), analysis.events.cend(),
                                        [](const WebhookEvent &event) { return !event.known; });
    for (qsizetype i = anyUnknown ? analysis.entities.size() - 1 : -1; i >= 0; --i) {
        // From the end, so each Id keeps its first entity in body order.
        const WebhookEntity &entity = analysis.entities.at(i);
        if (!entity.id.isEmpty())
            anyById.insert(linkId(entity.id), int(i));
    }

    QMap<QString, QList<qsizetype>> withoutList; // collection -> events, in name order
    for (qsizetype i = 0; i < analysis.events.size(); ++i) {
        WebhookEvent &event = analysis.events[i];
        if (event.entityId.isEmpty())
            continue;
        int found = -1;
        if (!event.known) {
            // A discriminator this version does not know may still name an entity of a
            // list it knows (a new event about reservations): link it by Id alone.
            found = anyById.value(linkId(event.entityId), -1);
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
    // A stable sort of the positions by Id puts every Id's events next to each other, in
    // body order. No hash and no allocation per event in the usual case, where every
    // event names its own entity; this runs for every capture.
    const QList<WebhookEvent> &events = analysis.events;
    QVarLengthArray<QString, 64> ids; // shared copies: lower case only when a GUID is not
    ids.reserve(events.size());
    QVarLengthArray<qsizetype, 64> byId;
    for (qsizetype i = 0; i < events.size(); ++i) {
        ids.append(linkId(events.at(i).entityId));
        if (!ids.back().isEmpty())
            byId.append(i);
    }
    std::stable_sort(byId.begin(), byId.end(),
                     [&ids](qsizetype a, qsizetype b) { return ids.at(a) < ids.at(b); });
    QList<Clash> clashes;
    for (qsizetype first = 0; first < byId.size();) {
        qsizetype end = first + 1;
        while (end < byId.size() && ids.at(byId[end]) == ids.at(byId[first]))
            ++end;
        if (end - first > 1) {
            if (clashes.isEmpty())
                clashes.resize(events.size());
            findClashes(events, std::span(byId.data() + first, size_t(end - first)), clashes);
        }
        first = end;
    }

    for (qsizetype i = 0; i < clashes.size(); ++i) {
        const auto [repeated, otherKind, sameEntity] = clashes.at(i);
        if (repeated < 0 && otherKind < 0 && sameEntity < 0)
            continue; // the usual case: nothing to say, so build no text
        const WebhookEvent &event = events.at(i);
        const EnumValue *info = m_schema.event(event.discriminator);
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

void GeneralWebhookReader::findClashes(const QList<WebhookEvent> &events,
                                       std::span<const qsizetype> group,
                                       QList<Clash> &clashes) const {
    // The events of one Id in body order. For each, the first earlier event it clashes
    // with, in one pass: linear however many events repeat the Id (a hostile body can
    // hold hundreds of thousands), where walking back over all earlier ones was quadratic.
    QHash<QStringView, qsizetype> firstByDiscriminator;
    EarliestTwo<QStringView> anyDiscriminator;             // every event
    EarliestTwo<QStringView> knownEntity;                  // known events, by entity
    QHash<QStringView, EarliestTwo<QStringView>> byEntity; // known events' discriminators
    qsizetype firstUnknown = -1;
    for (const qsizetype i : group) {
        const WebhookEvent &event = events.at(i);
        const QStringView discriminator = event.discriminator;
        const EnumValue *info = m_schema.event(discriminator);
        Clash &clash = clashes[i];
        clash.repeated = firstByDiscriminator.value(discriminator, -1);
        if (info) {
            // Another kind of entity under the same Id; or the same entity by another
            // event, or by one this version does not know.
            clash.otherKind = knownEntity.firstOtherThan(info->entity);
            clash.sameEntity =
                earlier(firstUnknown, byEntity.value(info->entity).firstOtherThan(discriminator));
        } else {
            clash.sameEntity = anyDiscriminator.firstOtherThan(discriminator);
        }

        if (!firstByDiscriminator.contains(discriminator))
            firstByDiscriminator.insert(discriminator, i);
        anyDiscriminator.add(discriminator, i);
        if (info) {
            knownEntity.add(info->entity, i);
            byEntity[info->entity].add(discriminator, i);
        } else if (firstUnknown < 0) {
            firstUnknown = i;
        }
    }
}
