#pragma once

#include "hextext.h"

#include <QByteArrayView>

#include <array>

/**
 * Reads the 16 bytes of a GUID written 8-4-4-4-12 in hexadecimal. Opening a session
 * reads one per event (millions), so this is a table lookup per character, with no
 * branch per character.
 */
namespace GuidText {

enum Case : unsigned { NoLetters = 0, Lower = 1, Upper = 2, Mixed = 3 };

namespace Detail {

constexpr std::array<unsigned char, 256> makeLetterCases() {
    std::array<unsigned char, 256> cases{};
    for (int c = 'a'; c <= 'f'; ++c)
        cases[size_t(c)] = Lower;
    for (int c = 'A'; c <= 'F'; ++c)
        cases[size_t(c)] = Upper;
    return cases;
}

inline constexpr std::array<unsigned char, 256> LetterCases = makeLetterCases();
inline constexpr std::array<unsigned char, 16> ByteOffsets = {0,  2,  4,  6,  9,  11, 14, 16,
                                                              19, 21, 24, 26, 28, 30, 32, 34};

} // namespace Detail

/// Writes the GUID's 16 bytes to out and returns the case of its letters, or returns
/// false (out then holds garbage) when text is not a GUID in the 8-4-4-4-12 form.
inline bool unpack(QByteArrayView text, unsigned char *out, Case *letterCase) {
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
        text[23] != '-')
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    int invalid = 0;
    unsigned cases = 0;
    for (size_t b = 0; b < 16; ++b) {
        const unsigned char high = p[Detail::ByteOffsets[b]];
        const unsigned char low = p[Detail::ByteOffsets[b] + 1];
        const int h = HexText::Values[high];
        const int l = HexText::Values[low];
        invalid |= h | l; // -1 sets every bit
        cases |= Detail::LetterCases[high] | Detail::LetterCases[low];
        out[b] = static_cast<unsigned char>(((h & 0xf) << 4) | (l & 0xf));
    }
    if (invalid < 0)
        return false;
    *letterCase = Case(cases);
    return true;
}

} // namespace GuidText
