#pragma once

#include <QByteArrayView>
#include <QString>

/// Whether a body should be read as JSON, and why (before any parsing).
struct BodySniff {
    bool jsonLike = false;
    QString reason; ///< e.g. "Content-Type application/json" or "form data (no Content-Type)"
};

/// How a body that cannot be read as JSON text is encoded, named from its first bytes.
struct ForeignEncoding {
    QString what;   ///< e.g. "gzip-compressed data (it starts with 1F 8B)"; empty when none
    QString advice; ///< what that means for JSON, when there is something to say
    bool isNull() const { return what.isEmpty(); }
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
    /// A compressed body (gzip, zlib, Zstandard) or UTF-16 or UTF-32 text, told by its
    /// magic bytes, its byte order mark or, without one, the zero bytes of ASCII characters
    /// in those encodings (RFC 4627 §3). Null for anything else, UTF-8 included.
    static ForeignEncoding foreignEncoding(QByteArrayView body);
    /// Index of the first byte after a byte order mark and JSON whitespace (size when none).
    static qsizetype firstSignificantByte(QByteArrayView body);
};
