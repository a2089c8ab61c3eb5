#include "webhookdecoder.h"

#include "bodysniffer.h"
#include "contractchecker.h"
#include "generalwebhookreader.h"
#include "integrationwebhookreader.h"
#include "lenientjson.h"
#include "webhookshape.h"

namespace {

constexpr qsizetype MaxRepairNotes = 10;

QString at(const JsonError &error) {
    return QStringLiteral("line %1, column %2").arg(error.line).arg(error.column);
}

} // namespace

WebhookDecoder::WebhookDecoder()
    : WebhookDecoder(ContractSchema::instance()) {
}

WebhookDecoder::WebhookDecoder(const ContractSchema &schema)
    : m_schema(&schema) {
}

MewsAnalysis WebhookDecoder::decode(const QByteArray &body, QByteArrayView contentType) const {
    MewsAnalysis analysis;
    if (!m_schema->isValid()) {
        analysis.findings.append(ContractFinding{
            QString(), FindingSeverity::Error,
            QStringLiteral("The contract schema did not load (%1), so checks are incomplete.")
                .arg(m_schema->errors().join(QStringLiteral("; ")))});
    }
    const BodySniff sniff = BodySniffer::sniff(body, contentType);
    if (!sniff.jsonLike) {
        analysis.kind = WebhookKind::NotJson;
        analysis.kindReason = sniff.reason;
        return analysis;
    }

    const std::optional<JsonTree> tree = JsonTree::parse(body);
    if (tree && !tree->hasRepeatedNames()) {
        classifyAndAnalyse(tree->root(), analysis);
        return analysis;
    }

    // The rare bodies: repeated member names (the value read keeps the last, as most
    // parsers do), or anything that is not strict JSON, which LenientJson places exactly.
    const LenientJsonResult lenient = LenientJson::parse(body);
    if (lenient.isStrict()) {
        // RFC 8259 JSON that the tree does not hold: repeated names, or a number beyond
        // the range of a double.
        classifyAndAnalyse(JsonTree::fromValue(lenient.value).root(), analysis);
        reportRepeatedNames(lenient, analysis);
        return analysis;
    }

    analysis.kind = WebhookKind::InvalidJson;
    // Not strict, so the lenient read met a first problem: a repair or where it stopped.
    const JsonError problem = lenient.firstProblem();
    analysis.jsonError = problem;
    analysis.kindReason = sniff.reason + QStringLiteral(", but it is not valid JSON");
    analysis.findings.append(ContractFinding{
        QString(), FindingSeverity::Error,
        QStringLiteral("The body is not valid JSON: %1 at %2.").arg(problem.message, at(problem))});
    if (!lenient.ok)
        return analysis;

    const JsonTree repaired = JsonTree::fromValue(lenient.value);
    const WebhookShape shape = WebhookShape::of(repaired.root());
    if (shape.kind != WebhookKind::Integration && shape.kind != WebhookKind::General)
        return analysis;
    analysis.lenient = true;
    analysis.kindReason += QStringLiteral("; read leniently it is a ") +
                           webhookKindName(shape.kind) + QStringLiteral(" (") + shape.reason + u')';
    for (const JsonError &repair :
         lenient.repairs.first(qMin(lenient.repairs.size(), MaxRepairNotes))) {
        analysis.findings.append(
            ContractFinding{QString(), FindingSeverity::Note,
                            QStringLiteral("Read leniently, repairing: %1 at %2.")
                                .arg(repair.message, at(repair))});
    }
    if (lenient.repairCount > MaxRepairNotes) {
        analysis.findings.append(
            ContractFinding{QString(), FindingSeverity::Note,
                            QStringLiteral("Read leniently, repairing %1 more problems.")
                                .arg(lenient.repairCount - MaxRepairNotes)});
    }
    analyse(repaired.root(), shape.kind, analysis);
    reportRepeatedNames(lenient, analysis);
    return analysis;
}

void WebhookDecoder::reportRepeatedNames(const LenientJsonResult &read, MewsAnalysis &analysis) {
    for (const JsonDuplicateName &duplicate : read.duplicateNames) {
        analysis.findings.append(ContractFinding{
            duplicate.path, FindingSeverity::Warning,
            QStringLiteral("%1 appears more than once in one object (again at %2); the last one "
                           "is used, as most JSON parsers do, but receivers may disagree.")
                .arg(duplicate.where.message, at(duplicate.where))});
    }
    const qsizetype unrecorded = read.duplicateCount - read.duplicateNames.size();
    if (unrecorded > 0) {
        analysis.findings.append(
            ContractFinding{QString(), FindingSeverity::Warning,
                            QStringLiteral("%1 more member names are repeated.").arg(unrecorded)});
    }
}

void WebhookDecoder::classifyAndAnalyse(const JsonNode &document, MewsAnalysis &analysis) const {
    const WebhookShape shape = WebhookShape::of(document);
    analysis.kind = shape.kind;
    analysis.kindReason = shape.reason;
    analyse(document, shape.kind, analysis);
}

void WebhookDecoder::analyse(const JsonNode &root, WebhookKind shape,
                             MewsAnalysis &analysis) const {
    if (shape != WebhookKind::Integration && shape != WebhookKind::General)
        return;
    ContractChecker(*m_schema).check(root, m_schema->rootType(shape), analysis.findings);
    if (shape == WebhookKind::Integration)
        IntegrationWebhookReader(*m_schema).read(root, analysis);
    else
        GeneralWebhookReader(*m_schema).read(root, analysis);
}
