#pragma once

#include <QAnyStringView>
#include <QLatin1String>
#include <QList>
#include <QMetaType>
#include <QString>

/// What a capture's body turned out to be.
enum class WebhookKind : quint8 {
    Integration = 0, ///< top-level Action + Data
    General = 1,     ///< top-level EnterpriseId, IntegrationId, Events (and maybe Entities)
    OtherJson = 2,   ///< valid JSON that is neither form
    InvalidJson = 3, ///< looks like JSON (by content type or first byte) but does not parse
    NotJson = 4,     ///< empty, or not JSON by content type and content
    TooDeep = 5,     ///< looks like JSON, but nests deeper than can be decoded
                     ///< (JsonError::tooDeep): not read, and not called invalid
};
constexpr int WebhookKindCount = 6;

/// Stable machine name: "integration", "general", "other-json", "invalid-json", "not-json",
/// "too-deep".
/// Session files, JSON Lines and filter keys use it.
QLatin1String webhookKindId(WebhookKind kind);
/// The kind webhookKindId() names; NotJson for any other text (and *ok false).
WebhookKind webhookKindFromId(QAnyStringView id, bool *ok = nullptr);
/// Human name: "Integration webhook", "General webhook", ...
QString webhookKindName(WebhookKind kind);

enum class FindingSeverity : quint8 { Note = 0, Warning = 1, Error = 2 };
/// "note", "warning", "error"
QString findingSeverityId(FindingSeverity severity);
/// The severity findingSeverityId() names; Note for any other text (and *ok false).
FindingSeverity findingSeverityFromId(QAnyStringView id, bool *ok = nullptr);

/// One departure from the published contract, at a JSON path such as
/// "Entities.ServiceOrders[0].StartUtc".
struct ContractFinding {
    QString path;
    FindingSeverity severity = FindingSeverity::Note;
    QString message; ///< one plain sentence

    friend bool operator==(const ContractFinding &, const ContractFinding &) = default;
};

/// Where strict JSON parsing failed. offset is in bytes from 0; line and column from 1.
struct JsonError {
    qint64 offset = -1;
    int line = 0;
    int column = 0;
    QString message;
    /// Reading stopped at the nesting limit (LenientJson::DefaultMaxDepth), not at an
    /// error: the text may well be valid JSON, it was just not decoded.
    bool tooDeep = false;

    bool isValid() const { return offset >= 0; }
    friend bool operator==(const JsonError &, const JsonError &) = default;
};

/// One entry of a General webhook's Events array.
struct WebhookEvent {
    QString discriminator; ///< as sent, e.g. "ServiceOrderUpdated"
    bool known = false;    ///< one of the 7 documented discriminators
    QString entityId;      ///< Value.Id
    QString collection;    ///< legacy Entities key for this discriminator, e.g. "ServiceOrders"
    int entityIndex = -1;  ///< index into MewsAnalysis::entities when the entity is embedded
    bool entityIncluded() const { return entityIndex >= 0; }

    friend bool operator==(const WebhookEvent &, const WebhookEvent &) = default;
};

/// One embedded entity of the older General form (Entities.<Collection>[i]).
struct WebhookEntity {
    QString collection; ///< e.g. "ServiceOrders"; unknown collections are kept too
    bool knownCollection = false;
    int indexInCollection = 0;
    QString id;          ///< its "Id", if it has one
    QString path;        ///< "Entities.ServiceOrders[0]"
    int eventIndex = -1; ///< first event naming it, or -1 when no event does

    friend bool operator==(const WebhookEntity &, const WebhookEntity &) = default;
};

/// Summary state of a capture for the table and filters, worst first by value.
enum class ContractState : quint8 {
    Ok = 0,
    Notes = 1,
    Warnings = 2,
    Errors = 3,
    InvalidJson = 4,
    Rejected = 5,
};
/// "ok", "notes", "warnings", "errors", "invalid-json", "rejected"
QLatin1String contractStateId(ContractState state);
/// The state contractStateId() names; Ok for any other text (and *ok false).
ContractState contractStateFromId(QAnyStringView id, bool *ok = nullptr);

/// summary() worked out once. Not part of the value it belongs to: two analyses are
/// equal whether or not either one carries it.
struct SummaryMemo {
    QString text; ///< null until MewsAnalysis::memoiseSummary()
    friend bool operator==(const SummaryMemo &, const SummaryMemo &) { return true; }
};

/**
 * What the decoder understood of one body. A value type; cheap to copy.
 */
struct MewsAnalysis {
    WebhookKind kind = WebhookKind::NotJson;
    QString kindReason;   ///< why this kind, e.g. "top-level Action and Data"
    JsonError jsonError;  ///< set when the body is not strict JSON, or nests too deeply to read
    bool lenient = false; ///< events/entities below come from a lenient read of invalid JSON

    QString action; ///< Integration: the Action as sent
    bool actionKnown = false;
    QString enterpriseId; ///< General: EnterpriseId; Integration: Data.Enterprise.Id if any
    QString enterpriseName;
    QString integrationId; ///< General: IntegrationId; Integration: Data.Integration.Id
    QString integrationName;

    QList<WebhookEvent> events;
    QList<WebhookEntity> entities;
    QList<ContractFinding> findings;

    int count(FindingSeverity severity) const;
    ContractState contractState() const;
    /// "ServiceOrderUpdated ×2, MessageAdded" for General, the action for Integration.
    QString eventsSummary() const;
    /// One line, e.g. "General webhook · 3 events: ServiceOrderUpdated ×2, MessageAdded ·
    /// enterprise 851df8c8…" or "IntegrationCreated · Sample Chain Hotel 1".
    QString summary() const;
    /// Works summary() out now and keeps it, for every later call. The live pipeline
    /// does this once on the analysis thread: the journal, the window's index and the
    /// headless output each need the line. Change no field afterwards.
    void memoiseSummary() { summaryMemo.text = composeSummary(); }
    /// summary() from the fields, memo or not.
    QString composeSummary() const;

    SummaryMemo summaryMemo;

    friend bool operator==(const MewsAnalysis &, const MewsAnalysis &) = default;

private:
    void appendEventsSummary(QString &line) const;
};

Q_DECLARE_METATYPE(MewsAnalysis)
