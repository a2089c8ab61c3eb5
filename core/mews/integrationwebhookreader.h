#pragma once

#include "contractschema.h"
#include "mewsanalysis.h"

#include <QJsonObject>

/// Fills the Integration webhook part of a MewsAnalysis: the action and the names in Data.
class IntegrationWebhookReader {
public:
    explicit IntegrationWebhookReader(const ContractSchema &schema);

    void read(const QJsonObject &root, MewsAnalysis &analysis) const;

private:
    const ContractSchema &m_schema;
};
