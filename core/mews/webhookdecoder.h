#pragma once

#include "contractschema.h"
#include "lenientjson.h"
#include "mewsanalysis.h"

#include <QByteArray>
#include <QByteArrayView>

/**
 * Turns the body of one capture into a MewsAnalysis: what kind of body it is and
 * why, the Integration action or the General events and entities, and every
 * departure from the published contract.
 *
 * Strict JSON goes through QJsonDocument; a body that fails gets the exact place of
 * its first problem from LenientJson, and when the lenient read shows a webhook,
 * that read is analysed (MewsAnalysis::lenient). Never throws, never crashes, runs
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

private:
    void classifyAndAnalyse(const QJsonValue &document, MewsAnalysis &analysis) const;
    void analyse(const QJsonValue &document, WebhookKind shape, MewsAnalysis &analysis) const;
    static void reportRepeatedNames(const LenientJsonResult &read, MewsAnalysis &analysis);

    const ContractSchema *m_schema;
};
