#pragma once

#include "mews/mewsanalysis.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * The contract findings of one capture arranged by JSON path, for the detail
 * models: the worst severity at or under a path (so a collapsed parent shows that
 * something below it is wrong, and an object shows a missing member's error) and
 * the messages at exactly a path. Findings without a path concern the whole body
 * and are only counted by bodyFindings(). Implicitly shared: copies are cheap, so
 * it can be built on a worker thread and handed to several models.
 */
class FindingIndex {
public:
    FindingIndex() = default;
    explicit FindingIndex(const QList<ContractFinding> &findings);

    /// The worst severity of the findings at `path` or below it.
    std::optional<FindingSeverity> worstAtOrUnder(const QString &path) const;
    /// The worst severity of the findings at exactly `path`.
    std::optional<FindingSeverity> worstAt(const QString &path) const;
    /// Messages of the findings at exactly `path`, worst first.
    QStringList messagesAt(const QString &path) const;
    /// Findings about the body as a whole (empty path).
    qsizetype bodyFindings() const { return m_bodyFindings; }
    bool isEmpty() const { return m_worst.isEmpty() && m_bodyFindings == 0; }

private:
    QHash<QString, FindingSeverity> m_worst;
    QHash<QString, QList<ContractFinding>> m_at;
    qsizetype m_bodyFindings = 0;
};
