#pragma once

// Shared by the ContractChecker tests (tst_contractchecker, tst_contractcheckervalues).

#include "mews/contractchecker.h"
#include "mews/contractschema.h"
#include "mews/jsonpath.h"
#include "mews/jsontree.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace ContractCheckerTestData {

// A copy of `value` with the value at steps[at...] replaced, or removed when `replacement` is
// empty.
inline QJsonValue mutated(const QJsonValue &value, const QList<JsonPathStep> &steps, qsizetype at,
                          const std::optional<QJsonValue> &replacement) {
    const JsonPathStep &step = steps.at(at);
    const bool last = at == steps.size() - 1;
    if (step.isIndex()) {
        QJsonArray array = value.toArray();
        if (last && !replacement)
            array.removeAt(step.index);
        else
            array[step.index] =
                last ? *replacement : mutated(array.at(step.index), steps, at + 1, replacement);
        return array;
    }
    QJsonObject object = value.toObject();
    if (last && !replacement)
        object.remove(step.key);
    else
        object[step.key] =
            last ? *replacement : mutated(object.value(step.key), steps, at + 1, replacement);
    return object;
}

inline QList<ContractFinding> check(const QJsonObject &document) {
    QList<ContractFinding> findings;
    const ContractSchema &schema = ContractSchema::instance();
    const WebhookKind kind = document.contains(QLatin1String("Action")) ? WebhookKind::Integration
                                                                        : WebhookKind::General;
    const JsonTree tree = JsonTree::fromValue(document);
    ContractChecker(schema).check(tree.root(), schema.rootType(kind), findings);
    return findings;
}

inline QString text(const QList<ContractFinding> &findings) {
    QStringList lines;
    for (const ContractFinding &finding : findings)
        lines.append(findingSeverityId(finding.severity) + QLatin1Char(' ') + finding.path +
                     QStringLiteral(": ") + finding.message);
    return lines.join(QLatin1Char('\n'));
}

inline QJsonObject sample(const QString &name) {
    return MewsTestData::strict(TestSupport::readData(QStringLiteral("samples/") + name)).object();
}

inline QJsonObject with(const QJsonObject &document, const QString &path, const QJsonValue &value) {
    return mutated(document, JsonPath::parse(path), 0, value).toObject();
}

} // namespace ContractCheckerTestData
