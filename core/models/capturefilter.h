#pragma once

#include "capturematcher.h"
#include "mews/mewsanalysis.h"
#include "session/captureindex.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

class CaptureIndex;

/**
 * Which captures to show: a plain value with one field per criterion. A criterion
 * that is empty does not filter; the criteria that are set must all match.
 *
 * - tags: actions (Integration webhooks) and event discriminators (General webhooks);
 *   a capture matches when it carries any of them.
 * - kinds / states: any of the listed; a capture without an analysis has neither a
 *   kind nor a contract state (a rejected one has the state Rejected).
 * - methods: the HTTP method as sent (case-sensitive, as HTTP defines it).
 * - enterprise / integration: one id, exactly.
 * - text matches: the ids a TextSearch found; while set, only those captures match.
 *
 * matches() compiles the criteria against the index's tag and string tables once and
 * keeps that (see CaptureMatcher), so it is fast in a loop; models keep their own
 * CaptureMatcher instead. That cache makes a const filter unsafe to share between
 * threads: copy it (copies are cheap) for another thread.
 */
class CaptureFilter {
public:
    QStringList tags() const { return m_tags; }
    void setTags(const QStringList &tags);
    QList<WebhookKind> kinds() const { return m_kinds; }
    void setKinds(const QList<WebhookKind> &kinds);
    QList<ContractState> states() const { return m_states; }
    void setStates(const QList<ContractState> &states);
    /// First deliveries, repeats or both (CaptureIndexRow::delivery, deliveryKindOf()); a
    /// capture without a body or whose digest is not known is a first delivery.
    QList<DeliveryKind> deliveries() const { return m_deliveries; }
    void setDeliveries(const QList<DeliveryKind> &deliveries);
    QStringList methods() const { return m_methods; }
    void setMethods(const QStringList &methods);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &enterpriseId);
    QString integrationId() const { return m_integrationId; }
    void setIntegrationId(const QString &integrationId);

    bool hasTextMatches() const { return m_hasTextMatches; }
    /// Ascending, without duplicates.
    const QList<qint64> &textMatches() const { return m_textMatches; }
    /// Only these capture ids match (a text search result); any order, duplicates allowed.
    void setTextMatches(const QList<qint64> &ids);
    /// Adds ids to the text matches (sets the criterion if it was not set).
    void addTextMatches(const QList<qint64> &ids);
    void clearTextMatches();

    /// True when no criterion is set: every capture matches.
    bool isEmpty() const;
    /// The same criteria apart from the text matches.
    bool sameCriteriaExceptText(const CaptureFilter &other) const;
    /// True when this filter is `before` with more text matches (a search that went on);
    /// *added gets the new ids, ascending. Models use it to insert rather than reset.
    bool onlyAddsTextMatchesTo(const CaptureFilter &before, QList<qint64> *added) const;

    bool matches(const CaptureIndex &index, qsizetype position) const;

    friend bool operator==(const CaptureFilter &a, const CaptureFilter &b) {
        return a.sameCriteriaExceptText(b) && a.m_hasTextMatches == b.m_hasTextMatches &&
               a.m_textMatches == b.m_textMatches;
    }

private:
    void changed() { m_compiled.reset(); }

    QStringList m_tags;
    QList<WebhookKind> m_kinds;
    QList<ContractState> m_states;
    QList<DeliveryKind> m_deliveries;
    QStringList m_methods;
    QString m_enterpriseId;
    QString m_integrationId;
    QList<qint64> m_textMatches;
    bool m_hasTextMatches = false;

    /// matches() cache; shared by copies until one of them changes.
    mutable std::shared_ptr<CaptureMatcher> m_compiled;
    mutable const CaptureIndex *m_compiledFor = nullptr;
    mutable qsizetype m_compiledSize = -1;
};

Q_DECLARE_METATYPE(CaptureFilter)
