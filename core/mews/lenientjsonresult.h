#pragma once

#include "jsontree.h"
#include "mewsanalysis.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonValue>
#include <QList>

/// A member name repeated within one object (valid JSON, but ambiguous: the last one is used).
struct JsonDuplicateName {
    QString path;    ///< JSON path of the repeated member, e.g. "Events"
    JsonError where; ///< the later occurrence; message is the member name
};

/// What LenientJson::parse read, and what it had to forgive.
struct LenientJsonResult {
    /// The value read. When ok is false: everything read before the error, with the
    /// open arrays and objects closed, so a truncated body can still be browsed.
    QJsonValue value;
    bool ok = false;
    JsonError error; ///< where and why reading stopped, when ok is false
    /// Departures from RFC 8259 that were repaired, in text order (at most MaxRecordedRepairs).
    QList<JsonError> repairs;
    qsizetype repairCount = 0; ///< all repairs, including those not recorded
    /// Repeated member names, in object-closing order (at most MaxRecordedRepairs). They
    /// are not repairs: RFC 8259 allows them, and the value keeps the last, like QJsonDocument.
    QList<JsonDuplicateName> duplicateNames;
    qsizetype duplicateCount = 0;
    /// The numbers the value does not hold as they were written, by JSON path, as written:
    /// 1e400 (held as infinity), 123456789012345678901234567890, 1.0, -0. Checks read them
    /// exactly through JsonTree::fromValue().
    QHash<QString, QString> numberTexts;
    /// Unpaired surrogate escapes (\ud800), in text order (at most MaxRecordedRepairs):
    /// valid JSON, not repairs, but the value holds U+FFFD for each.
    QList<JsonUnpairedSurrogate> unpairedSurrogates;
    qsizetype unpairedSurrogateCount = 0;

    static constexpr qsizetype MaxRecordedRepairs = 50;

    /// Read completely with no repair: the text is strict JSON.
    bool isStrict() const { return ok && repairCount == 0; }
    /// The first departure from strict JSON: the first repair, else the error; invalid if none.
    JsonError firstProblem() const;
    /// Fills in the line and column of every recorded repair, repeated name, unpaired
    /// surrogate and the error, from their offsets into text (one pass over it).
    void locateProblems(QByteArrayView text);
};
