// libFuzzer target for core/mews: WebhookDecoder::decode, LenientJson::parse and the
// Secrets maskers on arbitrary bytes. Links mwi_mews. Beyond "no crash, no sanitizer
// report", it checks invariants that hold for every input.

#include "mews/contractschema.h"
#include "mews/jsonpath.h"
#include "mews/lenientjson.h"
#include "mews/secrets.h"
#include "mews/webhookdecoder.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

namespace {

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

void checkAnalysis(const MewsAnalysis &analysis, qsizetype size) {
    require(analysis.jsonError.isValid() ==
            (analysis.kind == WebhookKind::InvalidJson || analysis.kind == WebhookKind::TooDeep));
    require((analysis.kind == WebhookKind::TooDeep) == analysis.jsonError.tooDeep);
    if (analysis.jsonError.isValid()) {
        require(analysis.jsonError.offset <= size);
        require(analysis.jsonError.line >= 1 && analysis.jsonError.column >= 1);
        require(!analysis.jsonError.message.isEmpty());
    }
    require(!analysis.lenient || analysis.kind == WebhookKind::InvalidJson);
    require(!analysis.kindReason.isEmpty());
    require(!analysis.summary().isEmpty());
    for (const WebhookEvent &event : analysis.events) {
        if (event.entityIndex >= 0) {
            require(event.entityIndex < analysis.entities.size());
            // GUIDs link without regard to case ("…3E68" names the entity "…3e68").
            require(QString::compare(analysis.entities.at(event.entityIndex).id, event.entityId,
                                     Qt::CaseInsensitive) == 0);
        }
    }
    for (const WebhookEntity &entity : analysis.entities)
        require(entity.eventIndex < analysis.events.size());
    for (const ContractFinding &finding : analysis.findings)
        require(!finding.message.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const WebhookDecoder decoder;
    const QByteArray body =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    // Both content-type paths: sniffed by content, and declared JSON.
    checkAnalysis(decoder.decode(body, QByteArrayView()), body.size());
    checkAnalysis(decoder.decode(body, "application/json; charset=utf-8"), body.size());

    const LenientJsonResult lenient = LenientJson::parse(body);
    require(lenient.ok || lenient.error.isValid());
    require(lenient.repairs.size() <= lenient.repairCount);
    // No "what Qt reads, the lenient reader reads": Qt 6.4 also reads what RFC 8259
    // refuses, such as a number that starts with a dot (".5") and the escape "\0", which
    // the reader refuses with a position and a reason (the check above). The other way
    // round holds:
    QJsonParseError parseError;
    if (lenient.isStrict()) {
        QByteArray wrapped = body.startsWith("\xEF\xBB\xBF") ? body.mid(3) : body;
        wrapped = '[' + wrapped + ']';
        QJsonDocument::fromJson(wrapped, &parseError);
        // Qt refuses numbers beyond double range, which RFC 8259's grammar allows.
        require(parseError.error == QJsonParseError::NoError ||
                parseError.error == QJsonParseError::IllegalNumber);
    }

    // Every finding path is well-formed and can be looked up in what was read.
    const MewsAnalysis analysis = decoder.decode(body, "application/json");
    for (const ContractFinding &finding : analysis.findings) {
        bool ok = false;
        const QList<JsonPathStep> steps = JsonPath::parse(finding.path, &ok);
        require(ok && JsonPath::toString(steps) == finding.path);
        ContractSchema::instance().fieldForPath(lenient.value, finding.path);
    }
    // Any text as a path: parsing never fails silently, and what parses round-trips.
    const QString text = QString::fromUtf8(body);
    bool pathOk = false;
    const QList<JsonPathStep> steps = JsonPath::parse(text, &pathOk);
    if (pathOk)
        require(JsonPath::parse(JsonPath::toString(steps)) == steps);
    ContractSchema::instance().fieldForPath(lenient.value, text);

    const QByteArray masked = Secrets::maskBody(body);
    if (!body.contains('"'))
        require(masked == body);
    Secrets::maskTarget(body);
    return 0;
}
