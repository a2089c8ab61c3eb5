#include "webhookdecoder.h"

#include "bodysniffer.h"
#include "contractchecker.h"
#include "generalwebhookreader.h"
#include "integrationwebhookreader.h"
#include "lenientjson.h"
#include "webhookshape.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

constexpr qsizetype MaxRepairNotes = 10;

// What QJsonDocument does not tell: raw control characters inside strings (it accepts
// them; RFC 8259 does not) and how many member names the text has (it keeps only the
// last of repeated names). One pass, no allocation.
struct TextScan {
    bool rawControlCharacter = false;
    qsizetype memberNames = 0;
};

TextScan scanText(QByteArrayView text) {
    TextScan scan;
    const char *data = text.data();
    const qsizetype size = text.size();
    bool inString = false;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (!inString) {
            inString = c == '"';
        } else if (c == '\\') {
            ++i;
        } else if (c == '"') {
            inString = false;
            qsizetype next = i + 1;
            while (next < size && (data[next] == ' ' || data[next] == '\n' || data[next] == '\r' ||
                                   data[next] == '\t'))
                ++next;
            if (next < size && data[next] == ':')
                ++scan.memberNames;
        } else if (c < 0x20) {
            scan.rawControlCharacter = true;
            return scan;
        }
    }
    return scan;
}

qsizetype memberCount(const QJsonValue &value) {
    qsizetype count = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        count += object.size();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue member = it.value();
            if (member.isObject() || member.isArray())
                count += memberCount(member);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray()) {
            if (element.isObject() || element.isArray())
                count += memberCount(element);
        }
    }
    return count;
}

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

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const TextScan scan = scanText(body);
    if (parseError.error == QJsonParseError::NoError && !scan.rawControlCharacter) {
        const QJsonValue root =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        classifyAndAnalyse(root, analysis);
        // Fewer members than names in the text: some name is repeated in one object.
        if (memberCount(root) != scan.memberNames)
            reportRepeatedNames(LenientJson::parse(body), analysis);
        return analysis;
    }

    const LenientJsonResult lenient = LenientJson::parse(body);
    if (lenient.isStrict()) {
        // RFC 8259 JSON that QJsonDocument refuses: a bare string, number, true, false or
        // null, or a number beyond the range of a double.
        classifyAndAnalyse(lenient.value, analysis);
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

    const WebhookShape shape = WebhookShape::of(lenient.value);
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
    analyse(lenient.value, shape.kind, analysis);
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

void WebhookDecoder::classifyAndAnalyse(const QJsonValue &document, MewsAnalysis &analysis) const {
    const WebhookShape shape = WebhookShape::of(document);
    analysis.kind = shape.kind;
    analysis.kindReason = shape.reason;
    analyse(document, shape.kind, analysis);
}

void WebhookDecoder::analyse(const QJsonValue &document, WebhookKind shape,
                             MewsAnalysis &analysis) const {
    if (shape != WebhookKind::Integration && shape != WebhookKind::General)
        return;
    const QJsonObject root = document.toObject();
    ContractChecker(*m_schema).check(root, m_schema->rootType(shape), analysis.findings);
    if (shape == WebhookKind::Integration)
        IntegrationWebhookReader(*m_schema).read(root, analysis);
    else
        GeneralWebhookReader(*m_schema).read(root, analysis);
}
