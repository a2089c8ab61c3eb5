#pragma once

#include "capture/capture.h"
#include "mews/mewsanalysis.h"

#include <QString>

class CaptureIndex;

/**
 * The words and numbers the capture views show, in one place so the table, the
 * event views and the filter lists say the same thing the same way.
 */
namespace CaptureText {

/// StateRole / KindRole value of a capture that has no analysis yet.
inline constexpr int NotAnalysed = -1;

/// "851df8c8…" for a long id, the id itself when it is short.
QString shortId(const QString &id);
/// The enterprise's name where the session knows it, else its short id; empty for none.
QString enterpriseLabel(const CaptureIndex &index, quint32 enterpriseId);
/// The integration's name where the session knows it, else its short id; empty for none.
QString integrationLabel(const CaptureIndex &index, quint32 integrationId);
/// "OK", "Notes", "Warnings", "Errors", "Invalid JSON", "Rejected".
QString stateName(ContractState state);
/// "Not analysed"
QString notAnalysedName();
/// The Status column: the status answered, "—" when there was no response, "?" when a
/// salvage lost it.
QString statusText(int status, ResponseRecord record);
/// Why there is no status, as a phrase ("no response recorded in the HAR file"); empty
/// when there is one.
QString noStatusReason(ResponseRecord record);
/// "unknown (a salvage rebuilt this capture from its stored request)": what such a capture
/// does not know (its status, its remote address).
QString rebuiltUnknown();
/// "512 B", "1.6 KB", "23.4 MB", "1.1 GB" (binary multiples, one decimal).
QString dataSize(qint64 bytes);
/// Local time with milliseconds, "2024-05-01 12:00:00.123".
QString localTime(qint64 utcMs);
/// "2024-05-01T10:00:00.123Z"
QString isoUtc(qint64 utcMs);
/// The action of an Integration webhook, or the discriminators of the events in order
/// of first appearance with a count when repeated: "ServiceOrderUpdated ×2, MessageAdded".
QString eventsSummary(const CaptureIndex &index, qsizetype position);
/// Changes whenever the session learns or changes an enterprise's name, so a view sorted
/// by enterprise knows to sort again (cheap: one pass over the few enterprises).
size_t enterpriseNamesSignature(const CaptureIndex &index);
/// The request path with every secret query parameter (Token) masked.
QString maskedPath(const QString &path);

/// Whether an event name is one of the documented discriminators (or, for an
/// Integration webhook, one of the documented actions).
bool isKnownEventName(const QString &name, bool action);
/// One line on what an event row carries: "Entity embedded in Entities.ServiceOrders",
/// "Mews sends only the Id", or for an action what the contract says it means.
QString eventDetail(const CaptureIndex &index, qsizetype position, qsizetype ordinal);
/// Longer explanation for a tooltip: entity type and how to fetch it, or why unknown.
QString eventToolTip(const CaptureIndex &index, qsizetype position, qsizetype ordinal);
/// Whether the event at (position, ordinal) is the action of an Integration webhook.
bool isAction(const CaptureIndex &index, qsizetype position);
/// The discriminator or action, "(no discriminator)" when it was missing.
QString eventName(const CaptureIndex &index, qsizetype position, qsizetype ordinal);

} // namespace CaptureText
