#pragma once

#include "session/captureindex.h"

#include <QList>
#include <QVarLengthArray>

class CaptureFilter;

/**
 * A CaptureFilter compiled against one CaptureIndex: tag names become a bit mask,
 * ids and methods become string indexes, text matches a bitmap over capture ids.
 * matches() is then a few compares on the 64-byte row.
 *
 * Names that the index does not know yet match nothing; when the index learns new
 * tags or strings, isCurrent() turns false and refresh() resolves them again
 * (cheap: the text bitmap is kept).
 */
class CaptureMatcher {
public:
    /// Matches every capture.
    CaptureMatcher() = default;
    CaptureMatcher(const CaptureFilter &filter, const CaptureIndex &index);

    /// False once the index has tags or strings the names were not resolved against.
    bool isCurrent(const CaptureIndex &index) const {
        return &index == m_index && index.tagCount() == m_tagCount &&
               index.strings().size() == m_stringCount;
    }
    /// Resolves the names again against the index (after isCurrent() turned false).
    void refresh(const CaptureIndex &index);
    /// Adds ids to the text matches (see CaptureFilter::addTextMatches()).
    void addTextMatches(const QList<qint64> &ids);

    /// True when no criterion is set.
    bool matchesEverything() const { return m_everything; }

    bool matches(const CaptureIndex &index, qsizetype position) const {
        if (m_everything)
            return true;
        const CaptureIndexRow &row = index.row(position);
        if (m_kinds &&
            (!row.has(CaptureIndexRow::Analysed) || !(m_kinds & (1u << unsigned(row.kind)))))
            return false;
        if (m_states && (!(row.flags & (CaptureIndexRow::Analysed | CaptureIndexRow::Rejected)) ||
                         !(m_states & (1u << unsigned(row.state)))))
            return false;
        if (m_deliveries && !(m_deliveries & (1u << unsigned(deliveryKindOf(row.delivery)))))
            return false;
        if (m_methodsActive && !m_methods.contains(row.method))
            return false;
        if (m_enterpriseActive && row.enterpriseId != m_enterprise)
            return false;
        if (m_integrationActive && row.integrationId != m_integration)
            return false;
        if (m_tagsActive && !matchesTags(index, position, row.tagMask))
            return false;
        if (m_textActive && !textMatch(row.id))
            return false;
        return true;
    }

    /// Whether an event of a capture that matches() is one the filter asks for: with
    /// actions or discriminators selected, only events named by one of them (the flat
    /// event list shows those, not the other events of the same webhook).
    bool matchesEvent(const EventIndexRow &event) const {
        return !m_tagsActive || m_eventNames.contains(event.name);
    }
    /// False when matchesEvent() is true for every event (no need to read them).
    bool filtersEvents() const { return m_tagsActive; }

private:
    bool matchesTags(const CaptureIndex &index, qsizetype position, quint64 mask) const {
        constexpr quint64 Shared = quint64(1) << CaptureIndex::MaskedTags;
        if (mask & m_tagBits & ~Shared)
            return true;
        if (!(mask & m_tagBits & Shared))
            return false;
        for (int tag : m_sharedBitTags) {
            if (index.hasTag(position, tag))
                return true;
        }
        return false;
    }
    bool textMatch(qint64 id) const {
        const qint64 bit = id - m_textBase;
        return bit >= 0 && bit < m_textBitCount &&
               (m_textBits.at(bit >> 6) & (quint64(1) << (bit & 63))) != 0;
    }
    void resolve(const CaptureIndex &index);
    void setTextBits(const QList<qint64> &ids);

    // The criteria as names (resolved again by refresh()).
    QStringList m_tagNames;
    QStringList m_methodNames;
    QString m_enterpriseId;
    QString m_integrationId;

    const CaptureIndex *m_index = nullptr;
    int m_tagCount = -1;
    qsizetype m_stringCount = -1;

    bool m_everything = true;
    quint32 m_kinds = 0;      ///< bit per WebhookKind; 0 when not filtering
    quint32 m_states = 0;     ///< bit per ContractState; 0 when not filtering
    quint32 m_deliveries = 0; ///< bit per DeliveryKind; 0 when not filtering
    bool m_methodsActive = false;
    QVarLengthArray<quint32, 4> m_methods;
    bool m_enterpriseActive = false;
    quint32 m_enterprise = 0;
    bool m_integrationActive = false;
    quint32 m_integration = 0;
    bool m_tagsActive = false;
    quint64 m_tagBits = 0;
    QVarLengthArray<int, 4> m_sharedBitTags;  ///< selected tags past bit 62 (they share bit 63)
    QVarLengthArray<quint32, 8> m_eventNames; ///< the selected tags' strings (EventIndexRow::name)
    bool m_textActive = false;
    qint64 m_textBase = 0;
    qint64 m_textBitCount = 0;
    QList<quint64> m_textBits;
};
