#pragma once

#include "httprequest.h"

#include <QByteArray>

/**
 * What a request head says about its body and its connection (RFC 9112 §6, §9).
 *
 * Decided once the header section is read. A head that could be read two ways
 * (request smuggling) is refused: Content-Length together with Transfer-Encoding,
 * differing Content-Length values, chunked not last, Transfer-Encoding in HTTP/1.0.
 * So is a Host field that is missing (HTTP/1.1), repeated or not uri-host [ ":" port ].
 */
struct MessageFraming {
    enum class Body { None, Length, Chunked };

    int errorStatus = 0;    ///< 0 when the head is acceptable
    QByteArray errorReason; ///< short plain-text reason otherwise
    Body body = Body::None;
    qint64 length = 0; ///< Body::Length: the declared Content-Length
    bool keepAlive = true;
    bool expectContinue = false;

    /// Examines method, version and header fields of a request whose head was read.
    static MessageFraming examine(const HttpRequest &request);
};
