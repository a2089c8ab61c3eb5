#pragma once

#include "capture/capture.h"

#include <QByteArray>

/**
 * One HTTP/1.1 request as RequestParser read it.
 *
 * Every byte field keeps the bytes and case that were sent. A value type: all
 * members are implicitly shared or trivial.
 */
struct HttpRequest {
    QByteArray method; ///< e.g. "POST"
    QByteArray target; ///< request-target as sent (origin-, absolute-, asterisk- or authority-form)
    QByteArray version;    ///< "HTTP/1.1" or "HTTP/1.0"; empty until the request line was read
    QByteArray rawHead;    ///< request line + header section + blank line, byte for byte
    HeaderList headers;    ///< in order, with duplicates and case as sent (value without OWS)
    HeaderList trailers;   ///< chunked trailer fields
    QByteArray body;       ///< payload bytes (de-chunked when chunked)
    bool chunked = false;  ///< Transfer-Encoding: chunked
    bool keepAlive = true; ///< the connection may carry another request afterwards
    bool expectContinue = false; ///< HTTP/1.1 with Expect: 100-continue

    /// A Capture of what was sent, from method to body, moved out of this request; who
    /// sent it and when is the connection's to fill in.
    Capture toCapture() &&;

    friend bool operator==(const HttpRequest &, const HttpRequest &) = default;
};
