#pragma once

#include "capture/capture.h"
#include "mews/mewsanalysis.h"

#include <QByteArray>
#include <QString>

/**
 * How values are spelled in the session file's columns (docs/SESSION_FORMAT.md),
 * shared by the writer, the reader and the exports so they always agree.
 */
namespace SessionColumns {

/// "2024-05-01T10:00:00.123Z"
QString isoUtc(qint64 utcMs);
/// Parses ISO 8601 with or without milliseconds and zone; -1 when unreadable.
qint64 parseIsoUtc(const QString &text);

/// "listener" / "har-import"
QString originId(CaptureOrigin origin);
CaptureOrigin originFromId(const QString &id);

/// [["Name","value"],...] in order. A name or value that is not valid UTF-8 is written
/// as {"base64":"..."} so the exact bytes survive.
QByteArray headersToJson(const HeaderList &headers);
/// The same, appended to out (the journal reuses one buffer).
void appendHeadersJson(QByteArray &out, const HeaderList &headers);
/// The inverse of headersToJson(); false when the text is not in that shape.
bool headersFromJson(const QByteArray &json, HeaderList *headers);

/// [{"path":...,"severity":...,"message":...}]; empty when there are none.
QByteArray findingsToJson(const QList<ContractFinding> &findings);
/// The inverse of findingsToJson(); false when the text is not in that shape.
bool findingsFromJson(const QByteArray &json, QList<ContractFinding> *findings);

/// {"offset":...,"line":...,"column":...,"message":...}, or empty when not valid.
QByteArray jsonErrorToJson(const JsonError &jsonError);
/// The inverse of jsonErrorToJson(); false when the text is not in that shape.
bool jsonErrorFromJson(const QByteArray &json, JsonError *jsonError);

/// Column positions of one packed event: [discriminator, entity_id, known, collection,
/// entity_index], trailing nulls left out.
enum EventField {
    EventDiscriminator,
    EventEntityId,
    EventKnown,
    EventCollection,
    EventEntityIndex
};
/// Column positions of one packed entity: [collection, known_collection,
/// index_in_collection, entity_id, path, event_index], trailing nulls left out.
enum EntityField {
    EntityCollection,
    EntityKnownCollection,
    EntityIndexInCollection,
    EntityId,
    EntityPath,
    EntityEventIndex
};

/// A stored port (captures.remote_port, payloads.local_port): 0, "not known", for a
/// value no port can have, which only damage leaves in a file (*damaged then true).
quint16 portFromColumn(qint64 value, bool *damaged);
/// A stored response status: 0 (none, or not known) or three digits (RFC 9110 §15);
/// 0 with *damaged true for any other value.
int statusFromColumn(qint64 value, bool *damaged);
/// A stored request number on its connection (payloads.sequence), from 0 to 2^32 - 1;
/// 0 with *damaged true for any other value.
quint32 sequenceFromColumn(qint64 value, bool *damaged);

/// analyses.events: one array per event (EventField); empty (NULL) when there are none.
QByteArray eventsToJson(const QList<WebhookEvent> &events);
bool eventsFromJson(QByteArrayView json, QList<WebhookEvent> *events);
/// analyses.entities: one array per embedded entity (EntityField); empty when none.
QByteArray entitiesToJson(const QList<WebhookEntity> &entities);
bool entitiesFromJson(QByteArrayView json, QList<WebhookEntity> *entities);

/// The request's Content-Type without parameters, lower-case, e.g. "application/json".
QString mediaType(const Capture &capture);

} // namespace SessionColumns
