#include "utf8.h"

#include <cstring>

namespace Utf8 {

namespace {

// Length of the valid sequence starting at bytes[i], or 0 when it is not valid.
qsizetype sequenceLength(const unsigned char *bytes, qsizetype i, qsizetype size) {
    const unsigned char lead = bytes[i];
    qsizetype length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong
        else if (lead == 0xED)
            high = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90; // overlong
        else if (lead == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (i + length > size)
        return 0;
    if (bytes[i + 1] < low || bytes[i + 1] > high)
        return 0;
    for (qsizetype k = 2; k < length; ++k) {
        if ((bytes[i + k] & 0xC0) != 0x80)
            return 0;
    }
    return length;
}

} // namespace

qsizetype firstInvalid(QByteArrayView view, qsizetype from) {
    const auto *bytes = reinterpret_cast<const unsigned char *>(view.data());
    const qsizetype size = view.size();
    qsizetype i = from < 0 ? 0 : from;
    while (i < size) {
        // ASCII runs are the common case: test eight bytes at a time.
        while (i + 8 <= size) {
            quint64 word;
            std::memcpy(&word, bytes + i, sizeof word);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= size)
            break;
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const qsizetype length = sequenceLength(bytes, i, size);
        if (length == 0)
            return i;
        i += length;
    }
    return -1;
}

} // namespace Utf8
