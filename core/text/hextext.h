#pragma once

#include <QByteArrayView>

#include <array>

/**
 * Hexadecimal digits, as the HTTP chunk size, JSON's \uXXXX escapes and GUIDs write
 * them. One table shared by every reader, looked up per character.
 */
namespace HexText {

namespace Detail {

constexpr std::array<signed char, 256> makeValues() {
    std::array<signed char, 256> values{};
    for (int c = 0; c < 256; ++c)
        values[size_t(c)] = -1;
    for (int c = '0'; c <= '9'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - 'A' + 10);
    return values;
}

} // namespace Detail

/// 0..15 for each hexadecimal digit (either case), -1 for every other byte.
inline constexpr std::array<signed char, 256> Values = Detail::makeValues();

/// The value of one hexadecimal digit, or -1.
constexpr int digit(char c) {
    return Values[static_cast<unsigned char>(c)];
}

/// The value of the four hexadecimal digits that text starts with (a JSON \uXXXX
/// escape after its "\u"), or -1 when text is shorter or one of them is not a digit.
constexpr int fourDigits(QByteArrayView text) {
    if (text.size() < 4)
        return -1;
    const int a = digit(text[0]);
    const int b = digit(text[1]);
    const int c = digit(text[2]);
    const int d = digit(text[3]);
    if ((a | b | c | d) < 0)
        return -1;
    return a << 12 | b << 8 | c << 4 | d;
}

} // namespace HexText
