#include "lenientjsonresult.h"

#include "textposition.h"

#include <algorithm>
#include <utility>

JsonError LenientJsonResult::firstProblem() const {
    if (!repairs.isEmpty() && (ok || repairs.constFirst().offset <= error.offset))
        return repairs.constFirst();
    return ok ? JsonError() : error;
}

void LenientJsonResult::locateProblems(QByteArrayView text) {
    QList<qint64> offsets;
    offsets.reserve(repairs.size() + duplicateNames.size() + unpairedSurrogates.size() + 1);
    for (const JsonError &repaired : std::as_const(repairs))
        offsets.append(repaired.offset);
    for (const JsonDuplicateName &duplicate : std::as_const(duplicateNames))
        offsets.append(duplicate.where.offset);
    for (const JsonUnpairedSurrogate &escape : std::as_const(unpairedSurrogates))
        offsets.append(escape.where.offset);
    if (!ok)
        offsets.append(error.offset);
    std::sort(offsets.begin(), offsets.end());
    const QList<TextPosition> positions = TextPosition::at(text, offsets);
    const auto place = [&](JsonError &problem) {
        const auto at = std::lower_bound(offsets.cbegin(), offsets.cend(), problem.offset);
        const TextPosition &position = positions.at(at - offsets.cbegin());
        problem.line = position.line;
        problem.column = position.column;
    };
    for (JsonError &repaired : repairs)
        place(repaired);
    for (JsonDuplicateName &duplicate : duplicateNames)
        place(duplicate.where);
    for (JsonUnpairedSurrogate &escape : unpairedSurrogates)
        place(escape.where);
    if (!ok)
        place(error);
}
