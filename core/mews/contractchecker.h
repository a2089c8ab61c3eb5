#pragma once

#include "contractschema.h"
#include "jsontree.h"
#include "mewsanalysis.h"

#include <QList>

/**
 * Checks a webhook document against the contract schema: required fields, JSON
 * types, null, formats (GUID, UTC timestamp, e-mail), enums, deprecated and unknown
 * fields, recursing through named types, lists, maps and discriminated values.
 *
 * Everything it knows comes from the ContractSchema; the C++ only knows what each
 * kind of rule means. Findings carry the JSON path of the value (or of the missing
 * member) and one plain sentence. Secret values are never quoted unmasked.
 * Stateless and reentrant.
 */
class ContractChecker {
public:
    explicit ContractChecker(const ContractSchema &schema);

    /// Appends to `findings` every departure of `document` from the type `rootType`.
    void check(const JsonNode &document, QStringView rootType,
               QList<ContractFinding> &findings) const;

private:
    const ContractSchema &m_schema;
};
