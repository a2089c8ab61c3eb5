#pragma once

#include "contractschema.h"
#include "jsontree.h"
#include "lenientjson.h"
#include "mewsanalysis.h"

#include <QByteArray>
#include <QByteArrayView>

/**
 * Turns the body of one capture into a MewsAnalysis: what kind of body it is and
 * why, the Integration action or the General events and entities, and every
 * departure from the published contract. A body that is not a webhook (not JSON, or
 * JSON of neither form) gets a warning that says so, so it never reads as keeping the
 * contract.
 *
 * Strict JSON is read into a JsonTree; a body that is not strict JSON gets the exact
 * place of its first problem from LenientJson, and when the lenient read shows a
 * webhook, that read is analysed (MewsAnalysis::lenient). Never throws, never crashes, runs
 * in time linear in the body (n log n for very wide objects).
 *
 * Stateless: one decoder may be used from several threads at once.
 */
class WebhookDecoder {
public:
    /// A decoder on the compiled-in contract, ContractSchema::instance().
    WebhookDecoder();
    explicit WebhookDecoder(const ContractSchema &schema);

    MewsAnalysis decode(const QByteArray &body, QByteArrayView contentType) const;
    /// Adds a warning to the analysis of a Mews webhook that came with another method than
    /// POST, the only one Mews sends webhooks with (REFERENCE.md §1). An empty method (a
    /// request line that did not parse) is not judged.
    static void checkMethod(QByteArrayView method, MewsAnalysis &analysis);

private:
    void classifyAndAnalyse(const JsonNode &document, MewsAnalysis &analysis) const;
    void analyse(const JsonNode &root, WebhookKind shape, MewsAnalysis &analysis) const;
    static void reportRepeatedNames(const LenientJsonResult &read, MewsAnalysis &analysis);
    static void reportNotAWebhook(MewsAnalysis &analysis);
    static void reportUnpairedSurrogates(const QList<JsonUnpairedSurrogate> &recorded,
                                         qsizetype count, MewsAnalysis &analysis);

    const ContractSchema *m_schema;
};
