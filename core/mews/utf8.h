#pragma once

#include <QByteArrayView>

/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
namespace Utf8 {

/// Offset of the first byte that does not start a valid UTF-8 sequence at or after `from`,
/// or -1 when the rest of `bytes` is valid.
qsizetype firstInvalid(QByteArrayView bytes, qsizetype from = 0);

inline bool isValid(QByteArrayView bytes) {
    return firstInvalid(bytes) < 0;
}

} // namespace Utf8
