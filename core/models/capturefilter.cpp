#include "capturefilter.h"

#include <algorithm>
#include <iterator>

namespace {

template <typename T> QList<T> sortedUnique(QList<T> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

QStringList withoutEmpty(const QStringList &values) {
    QStringList kept;
    for (const QString &value : values) {
        if (!value.isEmpty())
            kept.append(value);
    }
    return sortedUnique(kept);
}

} // namespace

void CaptureFilter::setTags(const QStringList &tags) {
    m_tags = withoutEmpty(tags);
    changed();
}

void CaptureFilter::setKinds(const QList<WebhookKind> &kinds) {
    m_kinds = sortedUnique(kinds);
    changed();
}

void CaptureFilter::setStates(const QList<ContractState> &states) {
    m_states = sortedUnique(states);
    changed();
}

void CaptureFilter::setDeliveries(const QList<DeliveryKind> &deliveries) {
    m_deliveries = sortedUnique(deliveries);
    changed();
}

void CaptureFilter::setMethods(const QStringList &methods) {
    m_methods = withoutEmpty(methods);
    changed();
}

void CaptureFilter::setEnterpriseId(const QString &enterpriseId) {
    m_enterpriseId = enterpriseId;
    changed();
}

void CaptureFilter::setIntegrationId(const QString &integrationId) {
    m_integrationId = integrationId;
    changed();
}

void CaptureFilter::setTextMatches(const QList<qint64> &ids) {
    m_textMatches = std::is_sorted(ids.cbegin(), ids.cend()) &&
                            std::adjacent_find(ids.cbegin(), ids.cend()) == ids.cend()
                        ? ids
                        : sortedUnique(ids);
    m_hasTextMatches = true;
    changed();
}

void CaptureFilter::addTextMatches(const QList<qint64> &ids) {
    m_hasTextMatches = true;
    if (!ids.isEmpty()) {
        const bool after =
            std::is_sorted(ids.cbegin(), ids.cend()) &&
            std::adjacent_find(ids.cbegin(), ids.cend()) == ids.cend() &&
            (m_textMatches.isEmpty() || ids.constFirst() > m_textMatches.constLast());
        if (after)
            m_textMatches.append(ids);
        else
            m_textMatches = sortedUnique(m_textMatches + ids);
    }
    changed();
}

void CaptureFilter::clearTextMatches() {
    m_textMatches.clear();
    m_hasTextMatches = false;
    changed();
}

bool CaptureFilter::isEmpty() const {
    return m_tags.isEmpty() && m_kinds.isEmpty() && m_states.isEmpty() && m_deliveries.isEmpty() &&
           m_methods.isEmpty() && m_enterpriseId.isEmpty() && m_integrationId.isEmpty() &&
           !m_hasTextMatches;
}

bool CaptureFilter::sameCriteriaExceptText(const CaptureFilter &other) const {
    return m_tags == other.m_tags && m_kinds == other.m_kinds && m_states == other.m_states &&
           m_deliveries == other.m_deliveries && m_methods == other.m_methods &&
           m_enterpriseId == other.m_enterpriseId && m_integrationId == other.m_integrationId;
}

bool CaptureFilter::onlyAddsTextMatchesTo(const CaptureFilter &before, QList<qint64> *added) const {
    if (!m_hasTextMatches || !before.m_hasTextMatches || !sameCriteriaExceptText(before) ||
        m_textMatches.size() < before.m_textMatches.size()) {
        return false;
    }
    const QList<qint64> &old = before.m_textMatches;
    if (!std::includes(m_textMatches.cbegin(), m_textMatches.cend(), old.cbegin(), old.cend()))
        return false;
    added->clear();
    added->reserve(m_textMatches.size() - old.size());
    std::set_difference(m_textMatches.cbegin(), m_textMatches.cend(), old.cbegin(), old.cend(),
                        std::back_inserter(*added));
    return true;
}

bool CaptureFilter::matches(const CaptureIndex &index, qsizetype position) const {
    // Compiled once per index state; a different index, or one that grew, compiles again.
    if (!m_compiled || m_compiledFor != &index || m_compiledSize != index.size() ||
        !m_compiled->isCurrent(index)) {
        m_compiled = std::make_shared<CaptureMatcher>(*this, index);
        m_compiledFor = &index;
        m_compiledSize = index.size();
    }
    return m_compiled->matches(index, position);
}
