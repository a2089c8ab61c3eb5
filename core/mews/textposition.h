#pragma once

#include <QByteArrayView>
#include <QList>

/**
 * A place in a text given as bytes: line and column count from 1, the column in
 * characters (UTF-8 code points), lines end at "\n".
 */
struct TextPosition {
    int line = 0;
    int column = 0;

    /// The position of byte `offset` of `text`; offsets past the end give the end.
    static TextPosition at(QByteArrayView text, qint64 offset);
    /// Positions of several ascending offsets in one pass over `text`.
    static QList<TextPosition> at(QByteArrayView text, const QList<qint64> &ascendingOffsets);

    friend bool operator==(const TextPosition &, const TextPosition &) = default;
};
