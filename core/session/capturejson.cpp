#include "capturejson.h"

#include "mews/secrets.h"
#include "sessioncolumns.h"
#include "sqlitedatabase.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace CaptureJson {

void putBody(QJsonObject &object, const QByteArray &body, const QString &textKey,
             const QString &base64Key) {
    if (isValidUtf8(body))
        object.insert(textKey, textKeepingBom(body));
    else
        object.insert(base64Key, QString::fromLatin1(body.toBase64()));
}

QJsonObject toJson(const Capture &capture, const MewsAnalysis &analysis, bool analysed,
                   const Options &options) {
    const auto text = [](const QByteArray &bytes) {
        return QString::fromUtf8(bytes);
    };
    QJsonObject o;
    o.insert(QStringLiteral("id"), capture.id);
    o.insert(QStringLiteral("origin"), SessionColumns::originId(capture.origin));
    o.insert(QStringLiteral("receivedUtc"), SessionColumns::isoUtc(capture.firstByteUtcMs));
    o.insert(QStringLiteral("completedUtc"), SessionColumns::isoUtc(capture.completeUtcMs));
    const QString host = capture.remoteAddress.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + capture.remoteAddress + QLatin1Char(']')
                             : capture.remoteAddress;
    o.insert(QStringLiteral("remote"),
             QString(host + QLatin1Char(':') + QString::number(capture.remotePort)));
    o.insert(QStringLiteral("localPort"), capture.localPort);
    o.insert(QStringLiteral("connectionId"), qint64(capture.connectionId));
    o.insert(QStringLiteral("sequence"), qint64(capture.sequence));
    o.insert(QStringLiteral("method"), text(capture.method));
    o.insert(QStringLiteral("target"),
             text(options.revealSecrets ? capture.target : Secrets::maskTarget(capture.target)));
    o.insert(QStringLiteral("httpVersion"), text(capture.httpVersion));
    QJsonArray headers;
    for (const HeaderField &field : capture.headers)
        headers.append(QJsonArray{text(field.name), text(field.value)});
    o.insert(QStringLiteral("headers"), headers);
    if (!capture.trailers.isEmpty()) {
        QJsonArray trailers;
        for (const HeaderField &field : capture.trailers)
            trailers.append(QJsonArray{text(field.name), text(field.value)});
        o.insert(QStringLiteral("trailers"), trailers);
    }
    o.insert(QStringLiteral("bodySize"), capture.body.size());
    putBody(o, options.revealSecrets ? capture.body : Secrets::maskBody(capture.body),
            QStringLiteral("body"), QStringLiteral("bodyBase64"));
    o.insert(QStringLiteral("chunked"), capture.chunked);
    o.insert(QStringLiteral("responseStatus"), capture.response.status);
    o.insert(QStringLiteral("respondedUtc"),
             capture.response.sentUtcMs > 0
                 ? QJsonValue(SessionColumns::isoUtc(capture.response.sentUtcMs))
                 : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("rejected"),
             capture.isRejected() ? QJsonValue(capture.rejection) : QJsonValue(QJsonValue::Null));
    if (!analysed) {
        o.insert(QStringLiteral("kind"), QJsonValue(QJsonValue::Null));
        return o;
    }
    o.insert(QStringLiteral("kind"), webhookKindId(analysis.kind));
    if (analysis.jsonError.isValid()) {
        o.insert(QStringLiteral("jsonError"),
                 QJsonObject{{QStringLiteral("offset"), analysis.jsonError.offset},
                             {QStringLiteral("line"), analysis.jsonError.line},
                             {QStringLiteral("column"), analysis.jsonError.column},
                             {QStringLiteral("message"), analysis.jsonError.message}});
    }
    if (analysis.lenient)
        o.insert(QStringLiteral("lenient"), true);
    o.insert(QStringLiteral("action"), analysis.action.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                 : QJsonValue(analysis.action));
    QJsonArray events;
    for (const WebhookEvent &event : analysis.events) {
        events.append(QJsonObject{{QStringLiteral("discriminator"), event.discriminator},
                                  {QStringLiteral("id"), event.entityId},
                                  {QStringLiteral("entityIncluded"), event.entityIncluded()}});
    }
    o.insert(QStringLiteral("events"), events);
    const auto nullable = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    o.insert(QStringLiteral("enterpriseId"), nullable(analysis.enterpriseId));
    o.insert(QStringLiteral("enterpriseName"), nullable(analysis.enterpriseName));
    o.insert(QStringLiteral("integrationId"), nullable(analysis.integrationId));
    o.insert(QStringLiteral("integrationName"), nullable(analysis.integrationName));
    QJsonArray findings;
    for (const ContractFinding &finding : analysis.findings) {
        findings.append(
            QJsonObject{{QStringLiteral("path"), finding.path},
                        {QStringLiteral("severity"), findingSeverityId(finding.severity)},
                        {QStringLiteral("message"), finding.message}});
    }
    o.insert(QStringLiteral("findings"), findings);
    o.insert(
        QStringLiteral("contractState"),
        contractStateId(capture.isRejected() ? ContractState::Rejected : analysis.contractState()));
    o.insert(QStringLiteral("summary"), analysis.summary());
    return o;
}

QByteArray toLine(const AnalysedCapture &capture, const Options &options) {
    QByteArray line = QJsonDocument(toJson(capture, options)).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

} // namespace CaptureJson
