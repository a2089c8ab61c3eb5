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

WebhookKind kindFromId(const QString &id);
FindingSeverity severityFromId(const QString &id);

/// [["Name","value"],...] in order. A name or value that is not valid UTF-8 is written
/// as {"base64":"..."} so the exact bytes survive.
QByteArray headersToJson(const HeaderList &headers);
/// The inverse of headersToJson(); false when the text is not in that shape.
bool headersFromJson(const QByteArray &json, HeaderList *headers);

/// [{"path":...,"severity":...,"message":...}]
QByteArray findingsToJson(const QList<ContractFinding> &findings);
QList<ContractFinding> findingsFromJson(const QByteArray &json);

/// {"offset":...,"line":...,"column":...,"message":...}, or empty when not valid.
QByteArray jsonErrorToJson(const JsonError &jsonError);
JsonError jsonErrorFromJson(const QByteArray &json);

/// The request's Content-Type without parameters, lower-case, e.g. "application/json".
QString mediaType(const Capture &capture);

} // namespace SessionColumns
