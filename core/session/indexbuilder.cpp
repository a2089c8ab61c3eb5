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

void IndexBuilder::tag(quint32 position, Name &name) {
    if (name.tag < 0)
        name.tag = m_index.tagFor(name.string);
    m_index.addTagAt(position, name.tag);
}

bool IndexBuilder::append(const CaptureIndex::Entry &entry, QByteArrayView events,
                          QByteArrayView entities) {
    const qint64 appended = m_index.appendRow(entry);
    if (appended < 0)
        return false;
    const auto position = quint32(appended);
    EventIndex &index = m_index.m_events;
    index.addCapture();
    if (!entry.action.isEmpty())
        tag(position, lookup(m_names, entry.action));
    if (entry.analysed && entry.kind == WebhookKind::Integration) {
        // An Integration webhook's one event is its action.
        EventIndexRow row;
        row.capture = position;
        row.name = entry.action.isEmpty() ? 0 : lookup(m_names, entry.action).string;
        index.addEvent(row);
    } else if (!events.isEmpty()) {
        JsonRows rows(events);
        while (rows.next()) {
            EventIndexRow row;
            row.capture = position;
            const QByteArrayView discriminator = rows.text(SessionColumns::EventDiscriminator);
            if (!discriminator.isEmpty()) {
                Name &name = lookup(m_names, discriminator);
                row.name = name.string;
                tag(position, name);
            }
            m_index.setEntity(row, rows.text(SessionColumns::EventEntityId));
            const QByteArrayView collection = rows.text(SessionColumns::EventCollection);
            if (!collection.isEmpty())
                row.collection = lookup(m_collections, collection).string & 0x1fffffffU;
            row.entityIncluded = rows.isNull(SessionColumns::EventEntityIndex) ? 0 : 1;
            index.addEvent(row);
        }
        m_damaged = rows.failed();
    }
    if (!m_damaged && !entities.isEmpty())
        m_damaged = !addEmbedded(position, entities);
    m_index.count(m_index.m_rows.constLast(), +1);
    return !m_damaged;
}

bool IndexBuilder::addEmbedded(quint32 position, QByteArrayView entities) {
    JsonRows rows(entities);
    quint32 ordinal = 0;
    while (rows.next()) {
        CaptureIndex::EmbeddedEntity embedded;
        embedded.entity.capture = position;
        m_index.setEntity(embedded.entity, rows.text(SessionColumns::EntityId));
        embedded.entity.collection =
            lookup(m_collections, rows.text(SessionColumns::EntityCollection)).string & 0x1fffffffU;
        embedded.entity.entityIncluded = 1;
        embedded.ordinal = ordinal++;
        embedded.path = m_index.m_strings.internUtf8(rows.text(SessionColumns::EntityPath));
        embedded.eventIndex = qint32(rows.integer(SessionColumns::EntityEventIndex, -1));
        m_index.m_embedded.append(embedded);
    }
    return !rows.failed();
}
