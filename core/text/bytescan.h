#pragma once

#include <QtGlobal>

#include <cstring>

/**
 * Tests 8 bytes at once for the bytes a JSON string reader or writer must stop at
 * (SWAR: a byte b is zero when (b - 1) & ~b has its top bit set, and below n <= 128
 * when (b - n) & ~b has). Each test is exact: nonzero if and only if such a byte is
 * among the 8. Used to skip the plain runs of a string before looking at single bytes.
 */
namespace ByteScan {

constexpr quint64 Ones = 0x0101010101010101;
constexpr quint64 Highs = 0x8080808080808080;

/// The 8 bytes at `at`, in memory order whatever the alignment.
inline quint64 load(const char *at) {
    quint64 v = 0;
    std::memcpy(&v, at, sizeof v);
    return v;
}

constexpr quint64 zeroByte(quint64 v) {
    return (v - Ones) & ~v & Highs;
}

/// Nonzero when a byte of v equals c.
constexpr quint64 byteEquals(quint64 v, uchar c) {
    return zeroByte(v ^ (c * Ones));
}

/// Nonzero when a byte of v is below n (n <= 128).
constexpr quint64 byteBelow(quint64 v, uchar n) {
    return (v - n * Ones) & ~v & Highs;
}

/// Nonzero when a byte of v is ", \ or a control character: where a JSON string ends or
/// needs an escape.
constexpr quint64 jsonStringStop(quint64 v) {
    return byteBelow(v, 0x20) | byteEquals(v, '"') | byteEquals(v, '\\');
}

} // namespace ByteScan
