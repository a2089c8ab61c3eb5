#pragma once

#include "contractschema.h"
#include "mewsanalysis.h"

#include "jsontree.h"

/// Fills the Integration webhook part of a MewsAnalysis: the action and the names in Data.
class IntegrationWebhookReader {
public:
    explicit IntegrationWebhookReader(const ContractSchema &schema);

    void read(const JsonNode &root, MewsAnalysis &analysis) const;

private:
    const ContractSchema &m_schema;
};
