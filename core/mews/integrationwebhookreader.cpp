#include "integrationwebhookreader.h"

IntegrationWebhookReader::IntegrationWebhookReader(const ContractSchema &schema)
    : m_schema(schema) {
}

void IntegrationWebhookReader::read(const JsonNode &root, MewsAnalysis &analysis) const {
    analysis.action = root.value(QLatin1String("Action")).toString();
    const EnumDescriptor *actions = m_schema.integrationActions();
    analysis.actionKnown = actions && actions->find(analysis.action) != nullptr;

    const JsonNode data = root.value(QLatin1String("Data"));
    const JsonNode enterprise = data.value(QLatin1String("Enterprise"));
    analysis.enterpriseId = enterprise.value(QLatin1String("Id")).toString();
    analysis.enterpriseName = enterprise.value(QLatin1String("Name")).toString();
    const JsonNode integration = data.value(QLatin1String("Integration"));
    analysis.integrationId = integration.value(QLatin1String("Id")).toString();
    analysis.integrationName = integration.value(QLatin1String("Name")).toString();
}
