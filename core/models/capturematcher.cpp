#include "capturematcher.h"

#include "capturefilter.h"

#include <algorithm>

CaptureMatcher::CaptureMatcher(const CaptureFilter &filter, const CaptureIndex &index)
    : m_tagNames(filter.tags())
    , m_methodNames(filter.methods())
    , m_enterpriseId(filter.enterpriseId())
    , m_integrationId(filter.integrationId()) {
    for (WebhookKind kind : filter.kinds())
        m_kinds |= 1u << unsigned(kind);
    for (ContractState state : filter.states())
        m_states |= 1u << unsigned(state);
    for (DeliveryKind kind : filter.deliveries())
        m_deliveries |= 1u << unsigned(kind);
    m_methodsActive = !m_methodNames.isEmpty();
    m_enterpriseActive = !m_enterpriseId.isEmpty();
    m_integrationActive = !m_integrationId.isEmpty();
    m_tagsActive = !m_tagNames.isEmpty();
    m_textActive = filter.hasTextMatches();
    m_everything = !m_kinds && !m_states && !m_deliveries && !m_methodsActive &&
                   !m_enterpriseActive && !m_integrationActive && !m_tagsActive && !m_textActive;
    if (m_textActive) {
        const QList<qint64> &ids = filter.textMatches();
        m_textBase = !index.isEmpty() ? index.row(0).id : ids.isEmpty() ? 0 : ids.constFirst();
        setTextBits(ids);
    }
    resolve(index);
}

void CaptureMatcher::refresh(const CaptureIndex &index) {
    if (!isCurrent(index))
        resolve(index);
}

void CaptureMatcher::addTextMatches(const QList<qint64> &ids) {
    if (!m_textActive) {
        m_textActive = true;
        m_everything = false;
        m_textBase = ids.isEmpty() ? 0 : *std::min_element(ids.cbegin(), ids.cend());
    }
    setTextBits(ids);
}

void CaptureMatcher::setTextBits(const QList<qint64> &ids) {
    qint64 top = m_textBitCount;
    for (qint64 id : ids)
        top = std::max(top, id - m_textBase + 1);
    if (top > m_textBitCount) {
        m_textBits.resize((top + 63) / 64, 0);
        m_textBitCount = top;
    }
    // Ids below the base are older than every capture of the index: none can match.
    for (qint64 id : ids) {
        const qint64 bit = id - m_textBase;
        if (bit >= 0)
            m_textBits[bit >> 6] |= quint64(1) << (bit & 63);
    }
}

void CaptureMatcher::resolve(const CaptureIndex &index) {
    m_index = &index;
    m_tagCount = index.tagCount();
    m_stringCount = index.strings().size();
    const auto lookup = [&index](const QString &text, quint32 *out) {
        const qint64 found = index.strings().find(text);
        if (found <= 0)
            return false;
        *out = quint32(found);
        return true;
    };
    // An id the index does not know matches no row: no row refers to string ~0.
    constexpr quint32 Nothing = ~quint32(0);
    if (m_enterpriseActive && !lookup(m_enterpriseId, &m_enterprise))
        m_enterprise = Nothing;
    if (m_integrationActive && !lookup(m_integrationId, &m_integration))
        m_integration = Nothing;
    m_methods.clear();
    for (const QString &method : std::as_const(m_methodNames)) {
        quint32 string = 0;
        if (lookup(method, &string))
            m_methods.append(string);
    }
    m_tagBits = 0;
    m_sharedBitTags.clear();
    m_eventNames.clear();
    for (const QString &name : std::as_const(m_tagNames)) {
        quint32 string = 0;
        if (lookup(name, &string))
            m_eventNames.append(string);
        const int tag = index.tagOf(name);
        if (tag < 0)
            continue;
        m_tagBits |= CaptureIndex::tagBit(tag);
        if (tag >= CaptureIndex::MaskedTags)
            m_sharedBitTags.append(tag);
    }
}
