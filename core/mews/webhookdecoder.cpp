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
        reportNotAWebhook(analysis);
        return analysis;
    }

    if (body.startsWith("\xEF\xBB\xBF")) {
        // Read past, as RFC 8259 allows a parser to; but a sender must not add one, and
        // receivers that do not skip it fail on the whole body, so "contract ok" would mislead.
        analysis.findings.append(ContractFinding{
            QString(), FindingSeverity::Warning,
            QStringLiteral("The body starts with a UTF-8 byte order mark (EF BB BF), which RFC "
                           "8259 forbids in JSON sent over a network. It is skipped here, but "
                           "many JSON parsers reject the body, e.g. JavaScript's JSON.parse "
                           "and Go's encoding/json.")});
    }
    const std::optional<JsonTree> tree = JsonTree::parse(body);
    if (tree && !tree->hasRepeatedNames()) {
        classifyAndAnalyse(tree->root(), analysis);
        reportUnpairedSurrogates(tree->unpairedSurrogates(), tree->unpairedSurrogateCount(),
                                 analysis);
        return analysis;
    }

    // The rare bodies: repeated member names (the value read keeps the last, as most
    // parsers do), or anything that is not strict JSON, which LenientJson places exactly.
    const LenientJsonResult lenient = LenientJson::parse(body);
    if (lenient.isStrict()) {
        // RFC 8259 JSON with repeated names, which the tree holds but does not choose
        // between.
        classifyAndAnalyse(JsonTree::fromValue(lenient.value, lenient.numberTexts).root(),
                           analysis);
        reportRepeatedNames(lenient, analysis);
        reportUnpairedSurrogates(lenient.unpairedSurrogates, lenient.unpairedSurrogateCount,
                                 analysis);
        return analysis;
    }

    analysis.kind = WebhookKind::InvalidJson;
    // Not strict, so the lenient read met a first problem: a repair or where it stopped.
    const JsonError problem = lenient.firstProblem();
    analysis.jsonError = problem;
    if (problem.tooDeep) {
        analysis.kind = WebhookKind::TooDeep;
        // The stack's limit, not the sender's mistake: the body may well be valid JSON.
        // The kind's name says it is too deep to decode; the reason says how deep.
        analysis.kindReason =
            sniff.reason + QStringLiteral(", and it nests more than %1 levels deep")
                               .arg(LenientJson::DefaultMaxDepth);
        analysis.findings.append(ContractFinding{
            QString(), FindingSeverity::Warning,
            QStringLiteral("The body nests deeper than this inspector's limit of %1 levels (at "
                           "%2), so it was not decoded; it may well be valid JSON.")
                .arg(LenientJson::DefaultMaxDepth)
                .arg(at(problem))});
        return analysis;
    }
    analysis.kindReason = sniff.reason + QStringLiteral(", but it is not valid JSON");
    if (const ForeignEncoding foreign = BodySniffer::foreignEncoding(body); !foreign.isNull()) {
        // Named for what it is: "found byte 0x1F at line 1, column 1" says nothing.
        analysis.jsonError.message = QStringLiteral("the body is ") + foreign.what;
        analysis.findings.append(ContractFinding{
            QString(), FindingSeverity::Error,
            QStringLiteral("The body is not valid JSON: it is ") + foreign.what +
                (foreign.advice.isEmpty() ? QString() : QStringLiteral(", and ") + foreign.advice) +
                u'.'});
        return analysis;
    }
    analysis.findings.append(ContractFinding{
        QString(), FindingSeverity::Error,
        QStringLiteral("The body is not valid JSON: %1 at %2.").arg(problem.message, at(problem))});
    if (!lenient.ok)
        return analysis;

    const JsonTree repaired = JsonTree::fromValue(lenient.value, lenient.numberTexts);
    const WebhookShape shape = WebhookShape::of(repaired.root());
    if (shape.kind != WebhookKind::Integration && shape.kind != WebhookKind::General)
        return analysis;
    analysis.lenient = true;
    analysis.kindReason +=
        (shape.kind == WebhookKind::Integration ? QStringLiteral("; read leniently it is an ")
                                                : QStringLiteral("; read leniently it is a ")) +
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
    reportUnpairedSurrogates(lenient.unpairedSurrogates, lenient.unpairedSurrogateCount, analysis);
    return analysis;
}

void WebhookDecoder::reportUnpairedSurrogates(const QList<JsonUnpairedSurrogate> &recorded,
                                              qsizetype count, MewsAnalysis &analysis) {
    for (const JsonUnpairedSurrogate &escape : recorded) {
        analysis.findings.append(ContractFinding{
            escape.path, FindingSeverity::Warning,
            (escape.inName ? QStringLiteral("This member's name") : QStringLiteral("This string")) +
                QStringLiteral(" holds an unpaired UTF-16 surrogate (%1, at %2): JSON allows "
                               "the escape, but it stands for no character, and many JSON "
                               "readers reject it or replace it. It reads here as U+FFFD.")
                    .arg(escape.where.message, at(escape.where))});
    }
    if (count > recorded.size()) {
        analysis.findings.append(ContractFinding{
            QString(), FindingSeverity::Warning,
            QStringLiteral("%1 more unpaired UTF-16 surrogates.").arg(count - recorded.size())});
    }
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
    if (shape.kind == WebhookKind::OtherJson)
        reportNotAWebhook(analysis);
    analyse(document, shape.kind, analysis);
}

void WebhookDecoder::checkMethod(QByteArrayView method, MewsAnalysis &analysis) {
    if (method.isEmpty() || method == "POST" ||
        (analysis.kind != WebhookKind::Integration && analysis.kind != WebhookKind::General))
        return;
    analysis.findings.append(ContractFinding{
        QString(), FindingSeverity::Warning,
        QStringLiteral("Sent with %1: Mews sends every webhook as a POST request, so this one "
                       "came from something else, and a handler that accepts only POST would "
                       "turn it away.")
            .arg(QString::fromLatin1(method))});
}

void WebhookDecoder::reportNotAWebhook(MewsAnalysis &analysis) {
    // Nothing was checked, so nothing may read as "keeps the contract".
    const QString why =
        analysis.kind == WebhookKind::NotJson
            ? QStringLiteral("the body is not JSON (%1), and Mews sends every webhook as a JSON "
                             "object")
                  .arg(analysis.kindReason)
            : QStringLiteral("an Integration webhook has Action and Data at the top level, a "
                             "General webhook EnterpriseId, IntegrationId and Events");
    analysis.findings.append(ContractFinding{
        QString(), FindingSeverity::Warning,
        QStringLiteral("Not a Mews webhook, so the contract was not checked: %1.").arg(why)});
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
