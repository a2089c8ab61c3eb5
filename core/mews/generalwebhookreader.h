#pragma once

#include "contractschema.h"
#include "mewsanalysis.h"

#include "jsontree.h"

/**
 * Fills the General webhook part of a MewsAnalysis: one WebhookEvent per element of
 * Events and one WebhookEntity per element of the legacy Entities lists, linked by
 * Id, with findings for what does not line up:
 * - an event whose Entities list exists but lacks its entity (warning);
 * - an entity of a known list that no event names (warning);
 * - repeated Ids: the same event twice, or one Id for two kinds of entity (warning);
 *   an Added and an Updated event for one entity, as the docs describe (note);
 * - events whose Entities list is absent while Entities is present (note).
 * Unknown discriminators and lists are kept; their entities link by Id alone.
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

    const ContractSchema &m_schema;
};
