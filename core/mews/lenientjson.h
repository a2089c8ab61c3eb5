#pragma once

#include "lenientjsonresult.h"

#include <QByteArrayView>

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
