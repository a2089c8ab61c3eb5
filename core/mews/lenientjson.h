#pragma once

#include "mewsanalysis.h"

#include <QByteArrayView>
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
 * - raw control characters in strings (kept), invalid escapes (kept as the
 *   escaped character) and unpaired UTF-16 surrogate escapes (U+FFFD).
 *
 * It runs in time linear in the input (n log n for objects with many members),
 * uses no recursion and refuses nesting deeper than maxDepth. Reentrant.
 */
class LenientJson {
public:
    static constexpr int DefaultMaxDepth = 1024;

    static LenientJsonResult parse(QByteArrayView json, int maxDepth = DefaultMaxDepth);
};
