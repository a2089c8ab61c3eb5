#include "captureindex.h"

#include "entityhistory.h"
#include "entitykey.h"
#include "indexbuilder.h"
#include "indexreanalysis.h"
#include "utf8arena.h"

#include <QHash>

#include <algorithm>
#include <cstring>

namespace {

quint32 saturate32(qint64 value) {
    return quint32(std::clamp<qint64>(value, 0, 0xffffffffLL));
}

quint16 saturate16(qint64 value) {
    return quint16(std::clamp<qint64>(value, 0, 0xffff));
}

/// Bytes a Utf8Arena needs for eventsOf(analysis).
qsizetype eventsCapacity(const MewsAnalysis &analysis) {
    qsizetype bytes = 0;
    for (const WebhookEvent &event : analysis.events)
        bytes += Utf8Arena::capacityFor(event.discriminator) +
                 Utf8Arena::capacityFor(event.entityId) + Utf8Arena::capacityFor(event.collection);
    return bytes;
}

/// The events of an analysis as EventEntry views into `arena`.
QList<CaptureIndex::EventEntry> eventsOf(const MewsAnalysis &analysis, Utf8Arena &arena) {
    QList<CaptureIndex::EventEntry> entries;
    entries.reserve(analysis.events.size());
    for (const WebhookEvent &event : analysis.events)
        entries.append({arena.add(event.discriminator), arena.add(event.entityId),
                        arena.add(event.collection), event.entityIncluded()});
    return entries;
}

/// The action and the events' discriminators, distinct, in order: the capture's tags.
QList<QByteArrayView> tagsOf(QByteArrayView action, const QList<CaptureIndex::EventEntry> &events) {
    QList<QByteArrayView> tags;
    if (!action.isEmpty())
        tags.append(action);
    for (const CaptureIndex::EventEntry &event : events) {
        if (!event.discriminator.isEmpty() && !tags.contains(event.discriminator))
            tags.append(event.discriminator);
    }
    return tags;
}

} // namespace

QString CaptureIndex::entityId(const EventIndexRow &event) const {
    return event.entityIsGuid ? EntityKey::guidText(event) : text(EntityKey::string(event));
}

void CaptureIndex::reserve(qsizetype rows) {
    m_rows.reserve(rows);
    m_deliveries.reserve(rows);
}

qsizetype CaptureIndex::positionOf(qint64 id) const {
    if (m_rows.isEmpty())
        return -1;
    if (m_dense) {
        const qint64 position = id - m_rows.constFirst().id;
        return position >= 0 && position < m_rows.size() ? qsizetype(position) : -1;
    }
    const auto found =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                         [](const CaptureIndexRow &row, qint64 value) { return row.id < value; });
    return found != m_rows.cend() && found->id == id ? qsizetype(found - m_rows.cbegin()) : -1;
}

bool CaptureIndex::append(const Entry &entry, const QList<QByteArrayView> &tags) {
    return append(entry, tags, {});
}

bool CaptureIndex::append(const Entry &entry, const QList<QByteArrayView> &tags,
                          const QList<EventEntry> &events) {
    const qint64 appended = appendRow(entry);
    if (appended < 0)
        return false;
    const auto position = quint32(appended);
    for (QByteArrayView tag : tags) {
        if (!tag.isEmpty())
            addTag(position, m_strings.internUtf8(tag));
    }
    m_events.addCapture();
    if (entry.analysed && entry.kind == WebhookKind::Integration)
        m_events.addEvent(eventRow(position, {entry.action, {}, {}, false}));
    else
        for (const EventEntry &event : events)
            m_events.addEvent(eventRow(position, event));
    count(m_rows.constLast(), +1);
    return true;
}

quint32 CaptureIndex::internField(Field field, QByteArrayView text) {
    LastText &last = m_last[field];
    // An empty view may have no data pointer, which memcmp must not be given.
    if (last.text.size() == text.size() &&
        (text.isEmpty() ||
         std::memcmp(last.text.constData(), text.data(), size_t(text.size())) == 0)) {
        return last.index;
    }
    last.index = m_strings.internUtf8(text);
    last.text.resize(text.size());
    if (!text.isEmpty())
        std::memcpy(last.text.data(), text.data(), size_t(text.size()));
    return last.index;
}

qint64 CaptureIndex::appendRow(const Entry &entry) {
    if (!m_rows.isEmpty()) {
        const qint64 last = m_rows.constLast().id;
        if (entry.id <= last)
            return -1;
        m_dense = m_dense && entry.id == last + 1;
    }
    const auto position = quint32(m_rows.size());
    CaptureIndexRow row;
    row.id = entry.id;
    row.receivedUtcMs = entry.receivedUtcMs;
    row.method = internField(MethodField, entry.method);
    row.path = internField(PathField, entry.path);
    row.remoteAddress = internField(RemoteField, entry.remoteAddress);
    row.remotePort = entry.remotePort;
    row.status = saturate16(entry.status);
    row.bodySize = saturate32(entry.bodySize);
    row.flags = (entry.analysed ? CaptureIndexRow::Analysed : 0) |
                (entry.rejected ? CaptureIndexRow::Rejected : 0) |
                (entry.harImported ? CaptureIndexRow::HarImported : 0);
    if (entry.rejected) {
        row.state = ContractState::Rejected;
        LastText &last = m_last[RejectionField];
        if (QByteArrayView(last.text) != entry.rejection || last.index == 0) {
            last.text = entry.rejection.toByteArray();
            last.index =
                m_strings.intern(QStringLiteral("Rejected: ") + QString::fromUtf8(entry.rejection));
        }
        row.summary = last.index;
    } else {
        row.state = entry.state;
        row.summary = internField(SummaryField, entry.summary);
    }
    row.kind = entry.kind;
    row.enterpriseId = internField(EnterpriseField, entry.enterpriseId);
    row.integrationId = internField(IntegrationField, entry.integrationId);
    row.eventCount = saturate16(entry.eventCount);
    m_rows.append(row);
    m_deliveries.append(m_rows, entry.bodyDigest);

    linkGroups(position, entry.enterpriseName, entry.integrationName);
    return position;
}

bool CaptureIndex::append(const AnalysedCapture &analysed) {
    const Capture &c = analysed.capture;
    const MewsAnalysis &a = analysed.analysis;
    const QByteArray path = c.path();
    const QString summaryText = analysed.analysed ? a.summary() : QString();
    const QStringView texts[] = {c.remoteAddress,  summaryText,     a.enterpriseId,
                                 a.enterpriseName, a.integrationId, a.integrationName,
                                 a.action,         c.rejection};
    qsizetype capacity = analysed.analysed ? eventsCapacity(a) : 0;
    for (const QStringView text : texts)
        capacity += Utf8Arena::capacityFor(text);
    Utf8Arena arena(capacity);
    const QByteArrayView remote = arena.add(c.remoteAddress);
    const QByteArrayView summary = arena.add(summaryText);
    const QByteArrayView enterpriseId = arena.add(a.enterpriseId);
    const QByteArrayView enterpriseName = arena.add(a.enterpriseName);
    const QByteArrayView integrationId = arena.add(a.integrationId);
    const QByteArrayView integrationName = arena.add(a.integrationName);
    const QByteArrayView action = arena.add(a.action);
    const QByteArrayView rejection = arena.add(c.rejection);
    Entry entry;
    entry.id = c.id;
    entry.receivedUtcMs = c.firstByteUtcMs;
    entry.method = c.method;
    entry.path = path;
    entry.remoteAddress = remote;
    entry.remotePort = c.remotePort;
    entry.status = c.response.status;
    entry.bodySize = c.body.size();
    entry.rejected = c.isRejected();
    entry.rejection = rejection;
    entry.harImported = c.origin == CaptureOrigin::HarImport;
    entry.analysed = analysed.analysed;
    entry.kind = a.kind;
    entry.state = a.contractState();
    entry.summary = summary;
    entry.enterpriseId = enterpriseId;
    entry.enterpriseName = enterpriseName;
    entry.integrationId = integrationId;
    entry.integrationName = integrationName;
    entry.eventCount = a.events.size();
    entry.action = action;
    entry.bodyDigest = analysed.bodyDigest;
    const QList<EventEntry> events = analysed.analysed ? eventsOf(a, arena) : QList<EventEntry>();
    const QList<QByteArrayView> tags =
        analysed.analysed ? tagsOf(action, events) : QList<QByteArrayView>();
    if (!append(entry, tags, events))
        return false;
    if (analysed.analysed)
        m_embedded.replace(quint32(m_rows.size() - 1),
                           embeddedRows(quint32(m_rows.size() - 1), a.entities));
    return true;
}

void CaptureIndex::updateAnalysis(qsizetype position, const AnalysedCapture &analysed) {
    updateAnalyses({{position, &analysed}});
}

void CaptureIndex::updateAnalyses(const QList<Reanalysis> &updates) {
    IndexReanalysis(*this).apply(updates);
}

void CaptureIndex::setAnalysis(quint32 position, const MewsAnalysis &a, QList<int> &tags,
                               QList<EmbeddedEntity> &embedded) {
    CaptureIndexRow &row = m_rows[position];
    row.flags |= CaptureIndexRow::Analysed;
    row.kind = a.kind;
    row.eventCount = saturate16(a.events.size());
    if (!row.has(CaptureIndexRow::Rejected)) {
        row.state = a.contractState();
        row.summary = m_strings.intern(a.summary());
    }
    row.enterpriseId = m_strings.intern(a.enterpriseId);
    row.integrationId = m_strings.intern(a.integrationId);
    nameGroups(row, a.enterpriseName.toUtf8(), a.integrationName.toUtf8());
    Utf8Arena arena(Utf8Arena::capacityFor(a.action) + eventsCapacity(a));
    const QByteArrayView action = arena.add(a.action);
    const QList<EventEntry> entries = eventsOf(a, arena);
    for (const QByteArrayView tag : tagsOf(action, entries))
        tags.append(m_tags.tagFor(m_strings.internUtf8(tag)));
    QList<EventIndexRow> events;
    if (a.kind == WebhookKind::Integration) {
        events.append(eventRow(position, {action, {}, {}, false}));
    } else {
        for (const EventEntry &event : entries)
            events.append(eventRow(position, event));
    }
    m_events.replace(position, events);
    embedded.append(embeddedRows(position, a.entities));
}

void CaptureIndex::append(const CaptureIndex &other) {
    IndexBuilder(*this).append(other);
}

int CaptureIndex::tagOf(const QString &name) const {
    const qint64 index = m_strings.find(name);
    return index <= 0 ? -1 : m_tags.find(quint32(index));
}

bool CaptureIndex::hasTag(qsizetype position, int tag) const {
    if (tag < 0 || tag >= tagCount())
        return false;
    const quint64 bit = tagBit(tag);
    if ((m_rows.at(position).tagMask & bit) == 0)
        return false;
    if (tag < MaskedTags)
        return true;
    return m_tags.contains(tag, quint32(position));
}

QList<quint32> CaptureIndex::positionsForEnterprise(const QString &enterpriseId) const {
    const qint64 index = m_strings.find(enterpriseId);
    return index <= 0 ? QList<quint32>() : m_enterprises.positions(quint32(index));
}

QList<quint32> CaptureIndex::positionsForIntegration(const QString &integrationId) const {
    const qint64 index = m_strings.find(integrationId);
    return index <= 0 ? QList<quint32>() : m_integrations.positions(quint32(index));
}

QHash<qint64, DeliveryTracker::Delivery>
CaptureIndex::deliveriesOf(const QList<qint64> &ids) const {
    QList<qsizetype> positions;
    positions.reserve(ids.size());
    for (const qint64 id : ids) {
        const qsizetype position = positionOf(id);
        if (position >= 0)
            positions.append(position);
    }
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    const QList<DeliveryIndex::Numbered> numbered = m_deliveries.numbered(m_rows, positions);
    QHash<qint64, DeliveryTracker::Delivery> deliveries;
    deliveries.reserve(positions.size());
    for (qsizetype i = 0; i < positions.size(); ++i) {
        const DeliveryIndex::Numbered &delivery = numbered.at(i);
        deliveries.insert(
            m_rows.at(positions.at(i)).id,
            {delivery.number, delivery.previous >= 0 ? m_rows.at(delivery.previous).id : 0});
    }
    return deliveries;
}

qsizetype CaptureIndex::approximateBytes() const {
    qsizetype bytes = m_rows.capacity() * qsizetype(sizeof(CaptureIndexRow)) +
                      m_deliveries.approximateBytes() + m_strings.approximateBytes();
    bytes += m_tags.approximateBytes();
    bytes += m_enterprises.approximateBytes() + m_integrations.approximateBytes();
    return bytes + m_events.approximateBytes() + m_embedded.approximateBytes();
}

void CaptureIndex::count(const CaptureIndexRow &row, int direction) {
    if (row.has(CaptureIndexRow::Analysed))
        m_kindCounts[size_t(row.kind)] += direction;
    else
        m_unanalysed += direction;
    if (row.has(CaptureIndexRow::Analysed) || row.has(CaptureIndexRow::Rejected))
        m_stateCounts[size_t(row.state)] += direction;
}

void CaptureIndex::linkGroups(quint32 position, QByteArrayView enterpriseName,
                              QByteArrayView integrationName) {
    const CaptureIndexRow &row = m_rows.at(position);
    if (row.enterpriseId)
        m_enterprises.add(row.enterpriseId, position);
    if (row.integrationId)
        m_integrations.add(row.integrationId, position);
    nameGroups(row, enterpriseName, integrationName);
}

void CaptureIndex::nameGroups(const CaptureIndexRow &row, QByteArrayView enterpriseName,
                              QByteArrayView integrationName) {
    if (row.enterpriseId && !enterpriseName.isEmpty())
        m_enterprises.setName(row.enterpriseId, m_strings.internUtf8(enterpriseName));
    if (row.integrationId && !integrationName.isEmpty())
        m_integrations.setName(row.integrationId, m_strings.internUtf8(integrationName));
}

EventIndexRow CaptureIndex::eventRow(quint32 position, const EventEntry &event) {
    EventIndexRow row;
    row.capture = position;
    row.name = m_strings.internUtf8(event.discriminator);
    setEntity(row, event.entityId);
    row.collection = m_strings.internUtf8(event.collection) & 0x1fffffffU;
    row.entityIncluded = event.entityIncluded ? 1 : 0;
    return row;
}

void CaptureIndex::setEntity(EventIndexRow &row, QByteArrayView id) {
    if (!EntityKey::packGuid(id, row))
        EntityKey::setString(row, m_strings.internUtf8(id));
}

QList<EmbeddedEntity> CaptureIndex::embeddedRows(quint32 position,
                                                 const QList<WebhookEntity> &entities) {
    QList<EmbeddedEntity> rows;
    rows.reserve(entities.size());
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const WebhookEntity &entity = entities.at(i);
        EmbeddedEntity embedded;
        embedded.entity =
            eventRow(position, {{}, entity.id.toUtf8(), entity.collection.toUtf8(), true});
        embedded.ordinal = quint32(i);
        embedded.path = m_strings.intern(entity.path);
        embedded.eventIndex = entity.eventIndex;
        rows.append(embedded);
    }
    return rows;
}

QList<EntityVersion> CaptureIndex::entityHistory(const QString &entityId) const {
    return EntityHistory(*this, entityId).versions();
}
