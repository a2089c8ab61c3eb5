#include "capturejson.h"

#include "mews/secrets.h"
#include "sessioncolumns.h"

namespace CaptureJson {

namespace {

/// [name, value] pairs. A value that is not UTF-8 (obs-text, such as Latin-1) is written
/// as {"base64": "..."} of its exact bytes, as the session file stores it, instead of
/// being made lossy text.
void writeHeaders(JsonWriter &json, const HeaderList &headers) {
    json.beginArray();
    for (const HeaderField &field : headers) {
        json.beginArray();
        json.utf8(field.name);
        if (field.value.isValidUtf8()) {
            json.utf8(field.value);
        } else {
            json.beginObject();
            json.key(QLatin1StringView("base64")).utf8(field.value.toBase64());
            json.endObject();
        }
        json.endArray();
    }
    json.endArray();
}

/// "body" when it is valid UTF-8 (written as it is, so a BOM stays), else "bodyBase64".
void writeBody(JsonWriter &json, const QByteArray &body) {
    if (body.isValidUtf8())
        json.key(QLatin1StringView("body")).utf8(body);
    else
        json.key(QLatin1StringView("bodyBase64")).utf8(body.toBase64());
}

} // namespace

void writeAnalysis(JsonWriter &json, const Capture &capture, const MewsAnalysis &analysis) {
    json.key(QLatin1StringView("kind")).string(webhookKindId(analysis.kind));
    if (analysis.jsonError.isValid()) {
        json.key(QLatin1StringView("jsonError")).beginObject();
        json.key(QLatin1StringView("offset")).number(analysis.jsonError.offset);
        json.key(QLatin1StringView("line")).number(analysis.jsonError.line);
        json.key(QLatin1StringView("column")).number(analysis.jsonError.column);
        json.key(QLatin1StringView("message")).string(analysis.jsonError.message);
        if (analysis.jsonError.tooDeep)
            json.key(QLatin1StringView("tooDeep")).boolean(true);
        json.endObject();
    }
    if (analysis.lenient)
        json.key(QLatin1StringView("lenient")).boolean(true);
    json.key(QLatin1StringView("action")).stringOrNull(analysis.action);
    json.key(QLatin1StringView("events")).beginArray();
    for (const WebhookEvent &event : analysis.events) {
        json.beginObject();
        json.key(QLatin1StringView("discriminator")).string(event.discriminator);
        json.key(QLatin1StringView("id")).string(event.entityId);
        json.key(QLatin1StringView("entityIncluded")).boolean(event.entityIncluded());
        json.endObject();
    }
    json.endArray();
    json.key(QLatin1StringView("enterpriseId")).stringOrNull(analysis.enterpriseId);
    json.key(QLatin1StringView("enterpriseName")).stringOrNull(analysis.enterpriseName);
    json.key(QLatin1StringView("integrationId")).stringOrNull(analysis.integrationId);
    json.key(QLatin1StringView("integrationName")).stringOrNull(analysis.integrationName);
    json.key(QLatin1StringView("findings")).beginArray();
    for (const ContractFinding &finding : analysis.findings) {
        json.beginObject();
        json.key(QLatin1StringView("path")).string(finding.path);
        json.key(QLatin1StringView("severity")).string(findingSeverityId(finding.severity));
        json.key(QLatin1StringView("message")).string(finding.message);
        json.endObject();
    }
    json.endArray();
    const ContractState state =
        capture.isRejected() ? ContractState::Rejected : analysis.contractState();
    json.key(QLatin1StringView("contractState")).string(contractStateId(state));
    json.key(QLatin1StringView("summary")).string(analysis.summary());
}

void writeDelivery(JsonWriter &json, const DeliveryTracker::Delivery &delivery) {
    json.key(QLatin1StringView("delivery"));
    if (delivery.number > 0)
        json.number(qint64(delivery.number));
    else
        json.null();
    json.key(QLatin1StringView("previousDeliveryId"));
    if (delivery.previousId > 0)
        json.number(delivery.previousId);
    else
        json.null();
}

void appendLine(QByteArray &out, const AnalysedCapture &analysed, const Options &options,
                const DeliveryTracker::Delivery *delivery) {
    const Capture &capture = analysed.capture;
    JsonWriter json(out);
    json.beginObject();
    json.key(QLatin1StringView("id")).number(capture.id);
    json.key(QLatin1StringView("origin")).string(SessionColumns::originId(capture.origin));
    json.key(QLatin1StringView("receivedUtc"))
        .string(SessionColumns::isoUtc(capture.firstByteUtcMs));
    json.key(QLatin1StringView("completedUtc"))
        .string(SessionColumns::isoUtc(capture.completeUtcMs));
    // Not known for a capture rebuilt by a salvage or imported from another tool's HAR.
    json.key(QLatin1StringView("remote"));
    if (capture.remoteAddress.isEmpty())
        json.null();
    else
        json.string(capture.remoteEndpoint());
    json.key(QLatin1StringView("localPort")).number(capture.localPort);
    json.key(QLatin1StringView("connectionId")).number(qint64(capture.connectionId));
    json.key(QLatin1StringView("sequence")).number(capture.sequence);
    json.key(QLatin1StringView("method")).utf8(capture.method);
    json.key(QLatin1StringView("target"))
        .utf8(options.revealSecrets ? capture.target : Secrets::maskTarget(capture.target));
    json.key(QLatin1StringView("httpVersion")).utf8(capture.httpVersion);
    json.key(QLatin1StringView("headers"));
    writeHeaders(json,
                 options.revealSecrets ? capture.headers : Secrets::maskHeaders(capture.headers));
    if (!capture.trailers.isEmpty()) {
        json.key(QLatin1StringView("trailers"));
        writeHeaders(json, options.revealSecrets ? capture.trailers
                                                 : Secrets::maskHeaders(capture.trailers));
    }
    json.key(QLatin1StringView("bodySize")).number(capture.body.size());
    writeBody(json, options.revealSecrets ? capture.body : Secrets::maskBody(capture.body));
    json.key(QLatin1StringView("chunked")).boolean(capture.chunked);
    // 0 when there was no response (as HAR writes it), null when a salvage lost it.
    const ResponseRecord response = capture.responseRecord();
    json.key(QLatin1StringView("responseStatus"));
    if (response == ResponseRecord::Unknown)
        json.null();
    else
        json.number(capture.response.status);
    // A HAR file's time for an entry without a response is when its tool stopped waiting.
    json.key(QLatin1StringView("respondedUtc"));
    if (capture.response.sentUtcMs > 0 && response != ResponseRecord::NotInHar)
        json.string(SessionColumns::isoUtc(capture.response.sentUtcMs));
    else
        json.null();
    json.key(QLatin1StringView("rejected"));
    if (capture.isRejected())
        json.string(capture.rejection);
    else
        json.null();
    if (delivery)
        writeDelivery(json, *delivery);
    if (analysed.analysed)
        writeAnalysis(json, capture, analysed.analysis);
    else
        json.key(QLatin1StringView("kind")).null();
    json.endObject();
    out.append('\n');
}

QByteArray toLine(const AnalysedCapture &capture, const Options &options,
                  const DeliveryTracker::Delivery *delivery) {
    QByteArray line;
    line.reserve(capture.capture.body.size() + 1024);
    appendLine(line, capture, options, delivery);
    return line;
}

} // namespace CaptureJson
