#pragma once

#include "analysedcapture.h"
#include "deliveryindex.h"
#include "deliverytracker.h"
#include "embeddedentities.h"
#include "entityversion.h"
#include "eventindex.h"
#include "positiongroups.h"
#include "stringpool.h"
#include "tagindex.h"

#include <QByteArrayView>
#include <QList>

#include <array>

/// What the capture list needs of one capture: 64 bytes, texts as StringPool indexes.
struct CaptureIndexRow {
    enum Flag : quint8 {
        Analysed = 0x01,    ///< an analysis exists (else kind/state/summary are placeholders)
        Rejected = 0x02,    ///< the listener turned the request away
        HarImported = 0x04, ///< came from an imported HAR file
    };

    qint64 id = 0;
    qint64 receivedUtcMs = 0;
    quint64 tagMask = 0; ///< bit per action/discriminator (CaptureIndex::tagBit)
    quint32 method = 0;
    quint32 path = 0;
    quint32 remoteAddress = 0;
    quint32 summary = 0;
    quint32 enterpriseId = 0;
    quint32 integrationId = 0;
    quint32 bodySize = 0; ///< saturates at 4 GiB - 1
    quint16 remotePort = 0;
    quint16 status = 0;
    quint16 eventCount = 0; ///< saturates at 65535
    WebhookKind kind = WebhookKind::NotJson;
    ContractState state = ContractState::Ok;
    quint8 flags = 0;
    /// Which delivery of its message this is (DeliveryIndex): 1 for the first,
    /// 2 when the same body came again, ...; saturates at MaxDelivery. 0 when not known
    /// (an empty body, or a digest not known yet).
    quint16 delivery = 0;
    static constexpr quint16 MaxDelivery = 0xffff;

    bool has(Flag flag) const { return (flags & flag) != 0; }
    /// Capture::responseRecord() from what the row holds (see responseRecordOf()).
    ResponseRecord responseRecord() const {
        return responseRecordOf(status, has(HarImported), has(Rejected));
    }
};
static_assert(sizeof(CaptureIndexRow) == 64, "keep the index row at 64 bytes");

/**
 * The in-memory index of a session: one CaptureIndexRow per capture in id
 * (arrival) order, the string pool, and the per-tag / per-enterprise /
 * per-integration position lists and counts the filters use. Built on a worker
 * thread by SessionLoader or appended to live by CaptureStore. A value type
 * (movable); positions are stable because it only grows.
 */
class CaptureIndex {
public:
    /// The fields of one row before interning (what the loader reads from SQL).
    struct Entry {
        qint64 id = 0;
        qint64 receivedUtcMs = 0;
        QByteArrayView method;
        QByteArrayView path;
        QByteArrayView remoteAddress;
        quint16 remotePort = 0;
        int status = 0;
        qint64 bodySize = 0;
        bool rejected = false;
        QByteArrayView rejection;
        bool harImported = false;
        bool analysed = false;
        WebhookKind kind = WebhookKind::NotJson;
        ContractState state = ContractState::Ok;
        QByteArrayView summary;
        QByteArrayView enterpriseId;
        QByteArrayView enterpriseName;
        QByteArrayView integrationId;
        QByteArrayView integrationName;
        qint64 eventCount = 0;
        QByteArrayView action;  ///< Integration webhooks: the action (their one EventIndex row)
        quint64 bodyDigest = 0; ///< BodyDigest::of() the body; 0 when empty or not known
    };
    /// One event of a General webhook before interning (for the EventIndex).
    struct EventEntry {
        QByteArrayView discriminator;
        QByteArrayView entityId;
        QByteArrayView collection;
        bool entityIncluded = false;
    };

    static constexpr int MaskedTags = TagIndex::MaskedTags;

    /// Room for rows captures (a session being opened); squeeze() once they are in.
    void reserve(qsizetype rows);
    /// Gives back the room reserve() set aside for messages when bodies were sent again.
    void squeeze() { m_deliveries.squeeze(); }
    /// Appends a row; tags (UTF-8 actions/discriminators) may repeat. ids must grow.
    bool append(const Entry &entry, const QList<QByteArrayView> &tags);
    /// The same with the capture's events, in order, for the EventIndex.
    bool append(const Entry &entry, const QList<QByteArrayView> &tags,
                const QList<EventEntry> &events);
    /// Appends a live capture.
    bool append(const AnalysedCapture &analysed);
    /// An existing row and its new analysis.
    struct Reanalysis {
        qsizetype position = -1;
        const AnalysedCapture *analysed = nullptr;
    };
    /// Replaces the analysis part of an existing row (a capture analysed again).
    void updateAnalysis(qsizetype position, const AnalysedCapture &analysed);
    /// The same for many rows at once (IndexReanalysis): each list they leave or join is
    /// rewritten once, not once per row. A position given twice takes the last analysis.
    void updateAnalyses(const QList<Reanalysis> &updates);
    /// Appends another index (a session appended to this one); its ids must be larger.
    void append(const CaptureIndex &other);

    qsizetype size() const { return m_rows.size(); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    const CaptureIndexRow &row(qsizetype position) const { return m_rows.at(position); }
    /// Position of the capture with this id, or -1. O(1) while ids are dense, else O(log n).
    qsizetype positionOf(qint64 id) const;
    const StringPool &strings() const { return m_strings; }
    QString text(quint32 index) const { return m_strings.at(index); }
    QString enterpriseName(quint32 enterpriseId) const {
        return text(m_enterprises.name(enterpriseId));
    }
    /// The name an Integration webhook gave for this integration id, if any.
    QString integrationName(quint32 integrationId) const {
        return text(m_integrations.name(integrationId));
    }
    /// The events of every capture (the action of an Integration webhook is its one event).
    const EventIndex &events() const { return m_events; }
    /// The entity id (Value.Id) of an event as sent; empty when it had none.
    QString entityId(const EventIndexRow &event) const;
    /// Every appearance of one entity id (as sent, case-sensitive) in capture order: the
    /// events naming it, with the path of the snapshot when one is embedded, and embedded
    /// snapshots no event names (the older General form), before the events of their capture.
    QList<EntityVersion> entityHistory(const QString &entityId) const;

    // Tags: actions (Integration webhooks) and event discriminators (General webhooks).
    int tagCount() const { return m_tags.size(); }
    QString tagName(int tag) const { return m_strings.at(m_tags.name(tag)); }
    int tagOf(const QString &name) const;
    static quint64 tagBit(int tag) { return TagIndex::bit(tag); }
    bool hasTag(qsizetype position, int tag) const;
    /// Sorted positions of the captures carrying a tag.
    const QList<quint32> &positionsWithTag(int tag) const { return m_tags.positions(tag); }
    qsizetype countWithTag(int tag) const { return m_tags.positions(tag).size(); }

    qsizetype countOf(WebhookKind kind) const { return m_kindCounts.at(size_t(kind)); }
    qsizetype countOf(ContractState state) const { return m_stateCounts.at(size_t(state)); }
    qsizetype unanalysedCount() const { return m_unanalysed; }
    qsizetype countOf(DeliveryKind kind) const { return m_deliveries.countOf(kind); }

    /// Sorted positions of captures for an enterprise / integration id (empty when unknown).
    QList<quint32> positionsForEnterprise(const QString &enterpriseId) const;
    QList<quint32> positionsForIntegration(const QString &integrationId) const;
    /// Distinct enterprise / integration ids as string indexes, first-seen order.
    QList<quint32> enterprises() const { return m_enterprises.keys(); }
    QList<quint32> integrations() const { return m_integrations.keys(); }

    /// BodyDigest::of() the capture's body; 0 when it is empty or its digest is not known
    /// (an analysis stored before digests were, until it is analysed again).
    quint64 bodyDigest(qsizetype position) const { return m_deliveries.digest(position); }
    /// Numbers again the deliveries a reanalysis left provisional (DeliveryIndex::settle):
    /// the positions whose number changed lie in the range returned.
    DeliveryIndex::Changed settleDeliveries() { return m_deliveries.settle(m_rows); }
    using SameBody = DeliveryIndex::SameBody;
    /// The deliveries of the message of the capture at position (DeliveryIndex::sameBody).
    SameBody sameBody(qsizetype position, qsizetype limit) const {
        return m_deliveries.sameBody(m_rows, position, limit);
    }

    /// Which delivery of its message each of these captures is, numbered among the whole
    /// session (what an export of a selection says); ids not in the index are left out.
    QHash<qint64, DeliveryTracker::Delivery> deliveriesOf(const QList<qint64> &ids) const;

    /// Heap bytes held, for benchmarks and the status bar.
    qsizetype approximateBytes() const;

private:
    friend class EntityHistory;
    friend class IndexBuilder;
    friend class IndexReanalysis;

    /// The last text interned per row field: consecutive captures mostly repeat them.
    struct LastText {
        QByteArray text;
        quint32 index = 0;
    };
    enum Field {
        MethodField,
        PathField,
        RemoteField,
        SummaryField,
        EnterpriseField,
        IntegrationField,
        RejectionField,
        FieldCount
    };

    quint32 internField(Field field, QByteArrayView text);
    /// Appends the row of an entry: interned, linked to its enterprise/integration, not
    /// yet counted. -1 when its id is not above the last one.
    qint64 appendRow(const Entry &entry);
    void count(const CaptureIndexRow &row, int direction);
    void addTag(quint32 position, quint32 name) { addTagAt(position, m_tags.tagFor(name)); }
    void addTagAt(quint32 position, int tag) {
        m_rows[position].tagMask |= m_tags.add(tag, position);
    }
    /// Adds the row at position to its enterprise's and integration's groups, naming them
    /// when a name was given.
    void linkGroups(quint32 position, QByteArrayView enterpriseName,
                    QByteArrayView integrationName);
    EventIndexRow eventRow(quint32 position, const EventEntry &event);
    /// Sets the entity id of row: a GUID packed, anything else interned.
    void setEntity(EventIndexRow &row, QByteArrayView id);
    /// Names the row's enterprise and integration when a name was given.
    void nameGroups(const CaptureIndexRow &row, QByteArrayView enterpriseName,
                    QByteArrayView integrationName);
    /// The embedded entities of the capture at position, as rows.
    QList<EmbeddedEntity> embeddedRows(quint32 position, const QList<WebhookEntity> &entities);
    /// Sets the analysis fields and events of the row at position, which is uncounted and
    /// in no tag or group: its tags are added to tags, its embedded entities to embedded.
    void setAnalysis(quint32 position, const MewsAnalysis &analysis, QList<int> &tags,
                     QList<EmbeddedEntity> &embedded);

    QList<CaptureIndexRow> m_rows;
    DeliveryIndex m_deliveries; ///< digests and delivery numbers of the rows
    StringPool m_strings;
    TagIndex m_tags;
    PositionGroups m_enterprises;
    PositionGroups m_integrations;
    EventIndex m_events;
    EmbeddedEntities m_embedded;
    std::array<LastText, FieldCount> m_last;
    std::array<qsizetype, WebhookKindCount> m_kindCounts{};
    std::array<qsizetype, 6> m_stateCounts{};
    qsizetype m_unanalysed = 0;
    bool m_dense = true; ///< ids are first, first + 1, ... without gaps
};
