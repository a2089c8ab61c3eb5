#include "indexbuilder.h"

#include "jsonrows.h"
#include "sessioncolumns.h"

#include <cstring>

namespace {

/// Distinct names kept per cache: the documented discriminators and actions fit many
/// times over; a session with more only looks the others up in the string pool.
constexpr qsizetype CacheSize = 64;

} // namespace

IndexBuilder::IndexBuilder(CaptureIndex &index)
    : m_index(index) {
}

IndexBuilder::Name &IndexBuilder::lookup(QList<Name> &cache, QByteArrayView text) {
    for (Name &name : cache) {
        if (name.text.size() == text.size() &&
            (text.isEmpty() ||
             std::memcmp(name.text.constData(), text.data(), size_t(text.size())) == 0)) {
            return name;
        }
    }
    Name name{text.toByteArray(), m_index.m_strings.internUtf8(text), -1};
    if (cache.size() < CacheSize) {
        cache.append(name);
        return cache.last();
    }
    Name &victim = cache[m_nextVictim++ % CacheSize];
    victim = name;
    return victim;
}

int IndexBuilder::tagOf(const PendingTag &pending) {
    // The cache entry may have been replaced since; then the pool's id finds the tag.
    if (pending.cacheSlot < m_names.size() && m_names[pending.cacheSlot].string == pending.string) {
        Name &name = m_names[pending.cacheSlot];
        if (name.tag < 0)
            name.tag = m_index.m_tags.tagFor(name.string);
        return name.tag;
    }
    return m_index.m_tags.tagFor(pending.string);
}

IndexBuilder::PendingTag IndexBuilder::pendingTag(Name &name) {
    return {name.string, qsizetype(&name - m_names.constData())};
}

bool IndexBuilder::readPacked(quint32 position, QByteArrayView events, QByteArrayView entities) {
    m_pendingEvents.clear();
    m_pendingTags.clear();
    m_pendingEmbedded.clear();
    if (!events.isEmpty()) {
        JsonRows rows(events);
        while (rows.next()) {
            EventIndexRow row;
            row.capture = position;
            const QByteArrayView discriminator = rows.text(SessionColumns::EventDiscriminator);
            if (!discriminator.isEmpty()) {
                Name &name = lookup(m_names, discriminator);
                row.name = name.string;
                m_pendingTags.append(pendingTag(name));
            }
            m_index.setEntity(row, rows.text(SessionColumns::EventEntityId));
            const QByteArrayView collection = rows.text(SessionColumns::EventCollection);
            if (!collection.isEmpty())
                row.collection = lookup(m_collections, collection).string & 0x1fffffffU;
            row.entityIncluded = rows.isNull(SessionColumns::EventEntityIndex) ? 0 : 1;
            m_pendingEvents.append(row);
        }
        if (rows.failed())
            return false;
    }
    if (entities.isEmpty())
        return true;
    JsonRows rows(entities);
    quint32 ordinal = 0;
    while (rows.next()) {
        EmbeddedEntity embedded;
        embedded.entity.capture = position;
        m_index.setEntity(embedded.entity, rows.text(SessionColumns::EntityId));
        embedded.entity.collection =
            lookup(m_collections, rows.text(SessionColumns::EntityCollection)).string & 0x1fffffffU;
        embedded.entity.entityIncluded = 1;
        embedded.ordinal = ordinal++;
        embedded.path = m_index.m_strings.internUtf8(rows.text(SessionColumns::EntityPath));
        embedded.eventIndex = qint32(rows.integer(SessionColumns::EntityEventIndex, -1));
        m_pendingEmbedded.append(embedded);
    }
    return !rows.failed();
}

IndexBuilder::Appended IndexBuilder::append(const CaptureIndex::Entry &entry, QByteArrayView events,
                                            QByteArrayView entities) {
    if (!m_index.m_rows.isEmpty() && entry.id <= m_index.m_rows.constLast().id)
        return Appended::No;
    const auto position = quint32(m_index.m_rows.size());
    // The packed columns are read before anything is added, so that unreadable ones
    // leave no half of their events behind: the capture then goes in unanalysed.
    const bool integration = entry.analysed && entry.kind == WebhookKind::Integration;
    const bool readable = integration || readPacked(position, events, entities);
    CaptureIndex::Entry added = entry;
    if (!readable) {
        added = {};
        added.id = entry.id;
        added.receivedUtcMs = entry.receivedUtcMs;
        added.method = entry.method;
        added.path = entry.path;
        added.remoteAddress = entry.remoteAddress;
        added.remotePort = entry.remotePort;
        added.status = entry.status;
        added.bodySize = entry.bodySize;
        added.rejected = entry.rejected;
        added.rejection = entry.rejection;
        added.harImported = entry.harImported;
    }
    if (m_index.appendRow(added) < 0)
        return Appended::No;
    EventIndex &index = m_index.m_events;
    index.addCapture();
    if (!added.action.isEmpty())
        m_index.addTagAt(position, tagOf(pendingTag(lookup(m_names, added.action))));
    if (integration) {
        // An Integration webhook's one event is its action.
        EventIndexRow row;
        row.capture = position;
        row.name = added.action.isEmpty() ? 0 : lookup(m_names, added.action).string;
        index.addEvent(row);
    } else if (readable) {
        for (const EventIndexRow &row : std::as_const(m_pendingEvents))
            index.addEvent(row);
        for (const PendingTag &tag : std::as_const(m_pendingTags))
            m_index.addTagAt(position, tagOf(tag));
        for (const EmbeddedEntity &embedded : std::as_const(m_pendingEmbedded))
            m_index.m_embedded.append(embedded);
    }
    m_index.count(m_index.m_rows.constLast(), +1);
    return readable ? Appended::Yes : Appended::WithoutAnalysis;
}

void IndexBuilder::append(const CaptureIndex &other) {
    m_index.m_rows.reserve(m_index.m_rows.size() + other.size());
    m_index.m_deliveries.reserve(m_index.m_rows.size());
    for (qsizetype i = 0; i < other.size(); ++i) {
        const CaptureIndexRow &theirs = other.row(i);
        const auto text = [&](quint32 index) {
            return other.text(index).toUtf8();
        };
        const QByteArray method = text(theirs.method);
        const QByteArray path = text(theirs.path);
        const QByteArray remote = text(theirs.remoteAddress);
        const QByteArray summary = text(theirs.summary);
        const QByteArray enterpriseId = text(theirs.enterpriseId);
        const QByteArray enterpriseName = other.enterpriseName(theirs.enterpriseId).toUtf8();
        const QByteArray integrationId = text(theirs.integrationId);
        const QByteArray integrationName = other.integrationName(theirs.integrationId).toUtf8();
        // Their events, re-interned here; an Integration webhook's one event is its action.
        const EventIndex &theirEvents = other.events();
        QList<QByteArray> owned;
        QList<CaptureIndex::EventEntry> events;
        QByteArray action;
        const bool integration =
            theirs.has(CaptureIndexRow::Analysed) && theirs.kind == WebhookKind::Integration;
        for (qsizetype e = 0; e < theirEvents.countOf(i); ++e) {
            const EventIndexRow &event = theirEvents.at(i, e);
            if (integration) {
                action = text(event.name);
                continue;
            }
            owned.append(text(event.name));
            owned.append(other.entityId(event).toUtf8());
            owned.append(text(event.collection));
            const qsizetype at = owned.size() - 3;
            events.append(
                {owned.at(at), owned.at(at + 1), owned.at(at + 2), event.entityIncluded != 0});
        }
        CaptureIndex::Entry entry;
        entry.id = theirs.id;
        entry.receivedUtcMs = theirs.receivedUtcMs;
        entry.method = method;
        entry.path = path;
        entry.remoteAddress = remote;
        entry.remotePort = theirs.remotePort;
        entry.status = theirs.status;
        entry.bodySize = theirs.bodySize;
        entry.harImported = theirs.has(CaptureIndexRow::HarImported);
        entry.analysed = theirs.has(CaptureIndexRow::Analysed);
        entry.kind = theirs.kind;
        entry.state = theirs.state;
        entry.summary = summary;
        entry.enterpriseId = enterpriseId;
        entry.enterpriseName = enterpriseName;
        entry.integrationId = integrationId;
        entry.integrationName = integrationName;
        entry.eventCount = theirs.eventCount;
        entry.action = action;
        entry.bodyDigest = other.bodyDigest(i);
        QList<QByteArray> tags;
        for (int tag = 0; tag < other.tagCount(); ++tag) {
            if (other.hasTag(i, tag))
                tags.append(other.tagName(tag).toUtf8());
        }
        const QList<QByteArrayView> views(tags.cbegin(), tags.cend());
        if (!m_index.append(entry, views, events))
            continue;
        const auto position = quint32(m_index.m_rows.size() - 1);
        for (const EmbeddedEntity &entity : other.m_embedded.of(quint32(i))) {
            EmbeddedEntity mine = entity;
            mine.entity = m_index.eventRow(
                position,
                {{}, other.entityId(entity.entity).toUtf8(), text(entity.entity.collection), true});
            mine.path = m_index.m_strings.internUtf8(text(entity.path));
            m_index.m_embedded.append(mine);
        }
        // The summary already says "Rejected: ..."; keep it and the flag as they were.
        if (theirs.has(CaptureIndexRow::Rejected)) {
            CaptureIndexRow &mine = m_index.m_rows.last();
            m_index.count(mine, -1);
            mine.flags |= CaptureIndexRow::Rejected;
            mine.state = ContractState::Rejected;
            m_index.count(mine, +1);
        }
    }
}
