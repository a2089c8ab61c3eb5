#include "findingindex.h"

#include "mews/jsonpath.h"

#include <algorithm>

FindingIndex::FindingIndex(const QList<ContractFinding> &findings) {
    for (const ContractFinding &finding : findings) {
        if (finding.path.isEmpty()) {
            ++m_bodyFindings;
            continue;
        }
        m_at[finding.path].append(finding);
        bool ok = false;
        const QList<JsonPathStep> steps = JsonPath::parse(finding.path, &ok);
        // A malformed path still marks itself, just not its ancestors.
        QStringList prefixes{finding.path};
        if (ok) {
            QString prefix;
            for (qsizetype i = 0; i + 1 < steps.size(); ++i) {
                const JsonPathStep &step = steps.at(i);
                prefix = step.isIndex() ? JsonPath::appendIndex(prefix, step.index)
                                        : JsonPath::appendKey(prefix, step.key);
                prefixes.append(prefix);
            }
        }
        for (const QString &path : std::as_const(prefixes)) {
            const auto it = m_worst.find(path);
            if (it == m_worst.end())
                m_worst.insert(path, finding.severity);
            else if (*it < finding.severity)
                *it = finding.severity;
        }
    }
    for (QList<ContractFinding> &list : m_at) {
        std::stable_sort(list.begin(), list.end(),
                         [](const ContractFinding &a, const ContractFinding &b) {
                             return a.severity > b.severity;
                         });
    }
}

std::optional<FindingSeverity> FindingIndex::worstAtOrUnder(const QString &path) const {
    const auto it = m_worst.constFind(path);
    if (it == m_worst.cend())
        return std::nullopt;
    return *it;
}

std::optional<FindingSeverity> FindingIndex::worstAt(const QString &path) const {
    const auto it = m_at.constFind(path);
    if (it == m_at.cend() || it->isEmpty())
        return std::nullopt;
    return it->constFirst().severity; // sorted worst first
}

QStringList FindingIndex::messagesAt(const QString &path) const {
    QStringList messages;
    for (const ContractFinding &finding : m_at.value(path))
        messages.append(finding.message);
    return messages;
}
