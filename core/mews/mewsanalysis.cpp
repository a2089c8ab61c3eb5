#include "mewsanalysis.h"

#include <QStringList>

QString webhookKindId(WebhookKind kind)
{
    switch (kind) {
    case WebhookKind::Integration:
        return QStringLiteral("integration");
    case WebhookKind::General:
        return QStringLiteral("general");
    case WebhookKind::OtherJson:
        return QStringLiteral("other-json");
    case WebhookKind::InvalidJson:
        return QStringLiteral("invalid-json");
    case WebhookKind::NotJson:
        break;
    }
    return QStringLiteral("not-json");
}

QString webhookKindName(WebhookKind kind)
{
    switch (kind) {
    case WebhookKind::Integration:
        return QStringLiteral("Integration webhook");
    case WebhookKind::General:
        return QStringLiteral("General webhook");
    case WebhookKind::OtherJson:
        return QStringLiteral("Other JSON");
    case WebhookKind::InvalidJson:
        return QStringLiteral("Invalid JSON");
    case WebhookKind::NotJson:
        break;
    }
    return QStringLiteral("Not JSON");
}

QString findingSeverityId(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Note:
        return QStringLiteral("note");
    case FindingSeverity::Warning:
        return QStringLiteral("warning");
    case FindingSeverity::Error:
        break;
    }
    return QStringLiteral("error");
}

QString contractStateId(ContractState state)
{
    switch (state) {
    case ContractState::Ok:
        return QStringLiteral("ok");
    case ContractState::Notes:
        return QStringLiteral("notes");
    case ContractState::Warnings:
        return QStringLiteral("warnings");
    case ContractState::Errors:
        return QStringLiteral("errors");
    case ContractState::InvalidJson:
        return QStringLiteral("invalid-json");
    case ContractState::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

int MewsAnalysis::count(FindingSeverity severity) const
{
    int n = 0;
    for (const ContractFinding &finding : findings)
        n += finding.severity == severity ? 1 : 0;
    return n;
}

ContractState MewsAnalysis::contractState() const
{
    if (kind == WebhookKind::InvalidJson)
        return ContractState::InvalidJson;
    if (count(FindingSeverity::Error) > 0)
        return ContractState::Errors;
    if (count(FindingSeverity::Warning) > 0)
        return ContractState::Warnings;
    if (count(FindingSeverity::Note) > 0)
        return ContractState::Notes;
    return ContractState::Ok;
}

QString MewsAnalysis::eventsSummary() const
{
    if (kind == WebhookKind::Integration)
        return action;
    // Discriminators in order of first appearance, with a count when repeated.
    QStringList order;
    QList<int> counts;
    for (const WebhookEvent &event : events) {
        const qsizetype at = order.indexOf(event.discriminator);
        if (at < 0) {
            order.append(event.discriminator);
            counts.append(1);
        } else {
            ++counts[at];
        }
    }
    QStringList parts;
    for (qsizetype i = 0; i < order.size(); ++i) {
        parts.append(counts.at(i) > 1 ? order.at(i) + QStringLiteral(" ×") + QString::number(counts.at(i))
                                      : order.at(i));
    }
    return parts.join(QStringLiteral(", "));
}

QString MewsAnalysis::summary() const
{
    const QString dot = QStringLiteral(" · ");
    switch (kind) {
    case WebhookKind::Integration: {
        QString line = action.isEmpty() ? QStringLiteral("Integration webhook") : action;
        if (!enterpriseName.isEmpty())
            line += dot + enterpriseName;
        else if (!integrationName.isEmpty())
            line += dot + integrationName;
        return line;
    }
    case WebhookKind::General: {
        const qsizetype n = events.size();
        QString line = QStringLiteral("General webhook") + dot + QString::number(n) +
                       (n == 1 ? QStringLiteral(" event") : QStringLiteral(" events"));
        if (n > 0)
            line += QStringLiteral(": ") + eventsSummary();
        if (!enterpriseName.isEmpty())
            line += dot + QStringLiteral("enterprise ") + enterpriseName;
        else if (!enterpriseId.isEmpty())
            line += dot + QStringLiteral("enterprise ") + enterpriseId.left(8) + QStringLiteral("…");
        return line;
    }
    case WebhookKind::InvalidJson:
        if (jsonError.isValid()) {
            return QStringLiteral("Invalid JSON at line %1, column %2: %3")
                .arg(jsonError.line)
                .arg(jsonError.column)
                .arg(jsonError.message);
        }
        return QStringLiteral("Invalid JSON");
    case WebhookKind::OtherJson:
    case WebhookKind::NotJson:
        break;
    }
    return kindReason.isEmpty() ? webhookKindName(kind) : webhookKindName(kind) + dot + kindReason;
}
