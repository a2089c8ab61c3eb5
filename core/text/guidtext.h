#pragma once

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

struct HexTable {
    std::array<signed char, 256> value{}; ///< 0..15, or -1 for a non-hex character
    std::array<unsigned char, 256> letterCase{};
};

constexpr HexTable makeHexTable() {
    HexTable table;
    for (int c = 0; c < 256; ++c)
        table.value[size_t(c)] = -1;
    for (int c = '0'; c <= '9'; ++c)
        table.value[size_t(c)] = static_cast<signed char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) {
        table.value[size_t(c)] = static_cast<signed char>(c - 'a' + 10);
        table.letterCase[size_t(c)] = Lower;
    }
    for (int c = 'A'; c <= 'F'; ++c) {
        table.value[size_t(c)] = static_cast<signed char>(c - 'A' + 10);
        table.letterCase[size_t(c)] = Upper;
    }
    return table;
}

inline constexpr HexTable Hex = makeHexTable();
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
        const int h = Detail::Hex.value[high];
        const int l = Detail::Hex.value[low];
        invalid |= h | l; // -1 sets every bit
        cases |= Detail::Hex.letterCase[high] | Detail::Hex.letterCase[low];
        out[b] = static_cast<unsigned char>(((h & 0xf) << 4) | (l & 0xf));
    }
    if (invalid < 0)
        return false;
    *letterCase = Case(cases);
    return true;
}

} // namespace GuidText
