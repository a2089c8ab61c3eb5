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
};

/**
 * A tolerant JSON reader for bodies that strict parsers reject, such as the
 * samples Mews published with defects (see tests/data/malformed/README.md).
 *
 * It accepts everything RFC 8259 accepts (and a leading UTF-8 byte order mark)
 * and repairs, recording each repair:
 * - a comma right before ] or } (dropped);
 * - a "key": value pair directly inside an array that is the value of an object
 *   member: the array is closed before the key, the key continues the enclosing
 *   object, and the stray ] that later closed the array is dropped;
 * - invalid UTF-8 in strings (each bad sequence becomes U+FFFD);
 * - raw control characters in strings (kept) and invalid escapes (kept as the
 *   escaped character).
 *
 * Unpaired UTF-16 surrogate escapes are valid JSON and no repair; they read as U+FFFD
 * and are listed, like repeated names.
 *
 * It runs in time linear in the input (n log n for objects with many members),
 * uses no recursion and stops at nesting deeper than maxDepth (an error marked
 * JsonError::tooDeep: the text may be valid JSON). Reentrant.
 */
class LenientJson {
public:
    static constexpr int DefaultMaxDepth = 1024;

    static LenientJsonResult parse(QByteArrayView json, int maxDepth = DefaultMaxDepth);
};
