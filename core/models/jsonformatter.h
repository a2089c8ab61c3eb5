#pragma once

#include <QByteArray>
#include <QByteArrayView>

/**
 * Pretty-prints JSON text by changing whitespace only: every token keeps its exact
 * bytes, members keep their order and repeated keys stay (unlike a round trip
 * through QJsonDocument, which sorts keys and writes numbers its own way).
 */
class JsonFormatter {
public:
    /// A newline and `width` spaces per level after { [ and , and ": " after a key;
    /// empty containers stay "{}" / "[]". Meant for valid JSON; for any other text
    /// the result still holds every byte outside whitespace, in order. Linear time.
    static QByteArray indent(QByteArrayView json, int width = 4);
};
