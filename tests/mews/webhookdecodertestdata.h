#pragma once

// Shared by the WebhookDecoder tests (tst_webhookdecoder, tst_webhookdecoderlenient,
// tst_webhookdecoderencoding).

#include "mews/webhookdecoder.h"

#include <QRegularExpression>
#include <QStringList>

namespace WebhookDecoderTestData {

// Notes REFERENCE.md allows on valid samples: deprecated fields, the deprecated
// Entities object, and the documented Added + Updated pair for one entity.
inline bool isDocumentedNote(const ContractFinding &finding, const MewsAnalysis &analysis) {
    if (finding.severity != FindingSeverity::Note)
        return false;
    if (finding.path == QLatin1String("Entities") ||
        finding.path.endsWith(QLatin1String(".AdultCount")) ||
        finding.path.endsWith(QLatin1String(".ChildCount")))
        return true;
    static const QRegularExpression eventId(QStringLiteral("^Events\\[(\\d+)\\]\\.Value\\.Id$"));
    const QRegularExpressionMatch match = eventId.match(finding.path);
    if (!match.hasMatch())
        return false;
    const QString discriminator = analysis.events.value(match.captured(1).toInt()).discriminator;
    return discriminator == QLatin1String("CustomerAdded") ||
           discriminator == QLatin1String("CustomerUpdated");
}

inline QString findingsText(const MewsAnalysis &analysis) {
    QStringList lines;
    for (const ContractFinding &finding : analysis.findings) {
        lines.append(findingSeverityId(finding.severity) + QLatin1Char(' ') + finding.path +
                     QStringLiteral(": ") + finding.message);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace WebhookDecoderTestData
