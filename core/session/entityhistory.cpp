#include "entityhistory.h"

#include "entitykey.h"
#include "text/guidtext.h"

EntityHistory::EntityHistory(const CaptureIndex &index, const QString &entityId)
    : m_index(index) {
    if (entityId.isEmpty())
        return;
    GuidText::Case letterCase = GuidText::NoLetters;
    m_isGuid = GuidText::unpack(entityId.toUtf8(), reinterpret_cast<unsigned char *>(m_guid.data()),
                                &letterCase);
    m_valid = m_isGuid || keyOf(entityId, &m_key);
}

bool EntityHistory::keyOf(const QString &id, EventIndexRow *key) const {
    if (EntityKey::packGuid(id.toUtf8(), *key))
        return true;
    const qint64 string = m_index.m_strings.find(id);
    if (string <= 0)
        return false;
    EntityKey::setString(*key, quint32(string));
    return true;
}

bool EntityHistory::matches(const EventIndexRow &row) const {
    if (!m_isGuid)
        return EntityKey::same(row, m_key);
    if (row.entityIsGuid)
        return row.entity == m_guid;
    const quint32 string = EntityKey::string(row);
    const auto known = m_textIsGuid.constFind(string);
    if (known != m_textIsGuid.cend())
        return *known;
    std::array<quint8, 16> bytes{};
    GuidText::Case ignored = GuidText::NoLetters;
    const bool match =
        GuidText::unpack(m_index.m_strings.utf8(string),
                         reinterpret_cast<unsigned char *>(bytes.data()), &ignored) &&
        bytes == m_guid;
    m_textIsGuid.insert(string, match);
    return match;
}

QList<EntityVersion> EntityHistory::versions() const {
    QList<EntityVersion> history;
    if (!m_valid)
        return history;
    const std::span<const EmbeddedEntity> all = m_index.m_embedded.all();
    auto embedded = all.begin();
    for (qsizetype position = 0; position < m_index.size(); ++position) {
        const CaptureIndexRow &row = m_index.row(position);
        // The capture's snapshots no event names, then its events in order.
        for (; embedded != all.end() && embedded->entity.capture <= quint32(position); ++embedded) {
            if (embedded->eventIndex < 0 && matches(embedded->entity)) {
                history.append({row.id, row.receivedUtcMs, QString(),
                                m_index.text(embedded->entity.collection),
                                m_index.text(embedded->path)});
            }
        }
        const qsizetype events = m_index.m_events.countOf(position);
        for (qsizetype ordinal = 0; ordinal < events; ++ordinal) {
            const EventIndexRow &event = m_index.m_events.at(position, ordinal);
            if (!matches(event))
                continue;
            EntityVersion version{row.id, row.receivedUtcMs, m_index.text(event.name),
                                  m_index.text(event.collection), QString()};
            if (event.entityIncluded) {
                // The snapshot of the same entity in the same capture and collection.
                for (const EmbeddedEntity &snapshot : m_index.m_embedded.of(quint32(position))) {
                    if (matches(snapshot.entity) &&
                        snapshot.entity.collection == event.collection) {
                        version.path = m_index.text(snapshot.path);
                        break;
                    }
                }
            }
            history.append(version);
        }
    }
    return history;
}
