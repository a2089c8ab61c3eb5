#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/// A request body with its Content-Encoding taken off (RFC 9110 §8.4), or why it is not.
struct DecodedContent {
    enum class Outcome : quint8 {
        Identity,    ///< no coding (no Content-Encoding, identity, or an empty body)
        Decoded,     ///< every coding was taken off
        Unsupported, ///< a coding this app does not decode (br, zstd, compress, …)
        Failed,      ///< the body is not valid data of the coding its header names
        TooLarge,    ///< it decodes to more than the limit
        /// Imported from a HAR file whose writer stored the text already decoded (mitmproxy
        /// does, and keeps the Content-Encoding field): read as stored.
        StoredDecoded,
    };

    Outcome outcome = Outcome::Identity;
    /// The content: decoded when Decoded, otherwise the body exactly as it arrived.
    QByteArray bytes;
    /// The codings the request names, as it lists them, trimmed: "gzip" or "deflate, gzip".
    QByteArray codings;
    /// Unsupported, Failed, TooLarge or StoredDecoded: why the body is read as it is.
    QString problem;

    bool isCoded() const { return outcome != Outcome::Identity; }
};

/**
 * Takes the content codings a request names in Content-Encoding off its body, so that a
 * gzip-compressed JSON webhook is read, browsed and checked as the JSON it carries. The
 * capture itself keeps the bytes as they arrived.
 *
 * Decodes gzip (and x-gzip) and deflate (zlib, or a raw deflate stream as some senders
 * write it), in the reverse of the order they are listed; concatenated gzip members are
 * read as one. Never grows past maxSize, so a small body that would decompress to gigabytes
 * (a "zip bomb") costs at most that much memory.
 */
class ContentCoding {
public:
    static constexpr qsizetype MaxDecodedSize = 64 * 1024 * 1024;

    static DecodedContent decode(const QByteArray &body, QByteArrayView contentEncoding,
                                 qsizetype maxSize = MaxDecodedSize);
    /// Whether the capture names a coding to take off (other than identity) in a
    /// Content-Encoding field: its content may be many times the size of its body.
    static bool namesCoding(const Capture &capture);
    /// The capture's body, with the codings of all its Content-Encoding fields. The body of
    /// an imported capture that is UTF-8 text but does not decode is StoredDecoded.
    static DecodedContent decode(const Capture &capture, qsizetype maxSize = MaxDecodedSize);
    /// Why the capture's body, sent again as captured (Resend, Copy as cURL), misleads its
    /// receiver, as a sentence; empty when it does not. An imported body that its HAR file
    /// holds decompressed (StoredDecoded) goes out with the Content-Encoding field that says
    /// it is compressed.
    static QString replayWarning(const Capture &capture);
};
