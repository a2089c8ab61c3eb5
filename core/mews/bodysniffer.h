#pragma once

#include <QByteArrayView>
#include <QString>

/// Whether a body should be read as JSON, and why (before any parsing).
struct BodySniff {
    bool jsonLike = false;
    QString reason; ///< e.g. "Content-Type application/json" or "form data (no Content-Type)"
};

/**
 * Decides from the Content-Type and the first bytes whether a body is meant as JSON.
 *
 * A body whose first byte after whitespace (and a UTF-8 byte order mark) is { or [
 * is JSON-like whatever the Content-Type says; so is any non-empty body sent with a
 * JSON media type (application/json, text/json, anything/x+json). Everything else,
 * including an empty body, is not JSON, and the reason names what it looks like.
 */
class BodySniffer {
public:
    static BodySniff sniff(QByteArrayView body, QByteArrayView contentType);

    /// The media type without parameters, trimmed and lower-case: "application/json".
    static QByteArray mediaType(QByteArrayView contentType);
    static bool isJsonMediaType(QByteArrayView mediaType);
    /// Index of the first byte after a byte order mark and JSON whitespace (size when none).
    static qsizetype firstSignificantByte(QByteArrayView body);
};
