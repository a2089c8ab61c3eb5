#pragma once

#include "contractschema.h"
#include "mewsanalysis.h"

#include "jsontree.h"

#include <span>

/**
 * Fills the General webhook part of a MewsAnalysis: one WebhookEvent per element of
 * Events and one WebhookEntity per element of the legacy Entities lists, linked by
 * Id, with findings for what does not line up:
 * - an event whose Entities list exists but lacks its entity (warning);
 * - an entity of a known list that no event names (warning);
 * - repeated Ids: the same event twice, or one Id for two kinds of entity (warning);
 *   an Added and an Updated event for one entity, as the docs describe (note);
 * - events whose Entities list is absent while Entities is present (note).
 * Unknown discriminators and lists are kept; their entities link by Id alone. GUIDs
 * match without regard to case. Linear in the events and entities, whatever the body.
 */
class GeneralWebhookReader {
public:
    explicit GeneralWebhookReader(const ContractSchema &schema);

    void read(const JsonNode &root, MewsAnalysis &analysis) const;

private:
    void readEvents(const JsonNode &root, MewsAnalysis &analysis) const;
    void readEntities(const JsonNode &entities, MewsAnalysis &analysis) const;
    void linkEntities(const JsonNode &entities, MewsAnalysis &analysis) const;
    void findRepeatedEvents(MewsAnalysis &analysis) const;

    /// For one event, the first earlier event with its Id of each kind of clash, or -1.
    struct Clash {
        qsizetype repeated = -1;   ///< the same discriminator
        qsizetype otherKind = -1;  ///< a known event about another kind of entity
        qsizetype sameEntity = -1; ///< another event about the same entity, or an unknown one
    };
    void findClashes(const QList<WebhookEvent> &events, std::span<const qsizetype> group,
                     QList<Clash> &clashes) const;

    const ContractSchema &m_schema;
};
