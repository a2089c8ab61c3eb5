#include "textposition.h"

TextPosition TextPosition::at(QByteArrayView text, qint64 offset) {
    return at(text, QList<qint64>{offset}).constFirst();
}

QList<TextPosition> TextPosition::at(QByteArrayView text, const QList<qint64> &ascendingOffsets) {
    QList<TextPosition> positions;
    positions.reserve(ascendingOffsets.size());
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype at = 0;
    int line = 1;
    int column = 1;
    for (qint64 offset : ascendingOffsets) {
        const qsizetype end = offset < 0 ? 0 : (offset > size ? size : qsizetype(offset));
        // Offsets are ascending, so the sweep never goes back.
        for (; at < end; ++at) {
            const auto byte = static_cast<unsigned char>(data[at]);
            if (byte == '\n') {
                ++line;
                column = 1;
            } else if ((byte & 0xC0) != 0x80) {
                ++column; // continuation bytes belong to the character before them
            }
        }
        positions.append(TextPosition{line, column});
    }
    return positions;
}
