#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QByteArrayView>

/**
 * Builds the responses the listener sends, as CaptureResponse values, and their wire form.
 *
 * The listener owns message framing: Content-Length, Connection and Keep-Alive from a
 * configured header list are dropped and replaced by its own; Date is added unless set.
 */
namespace HttpResponse {

/// How a response is framed for the request it answers.
struct Framing {
    bool close = false;           ///< add "Connection: close" (the connection closes after it)
    bool http10KeepAlive = false; ///< an HTTP/1.0 keep-alive request: add "Connection: keep-alive"
    bool headRequest = false;     ///< answer to HEAD: Content-Length of the body, but no body
    /// Answer to CONNECT: a 2xx has neither Content-Length nor body, as any byte after its
    /// header section would be tunnel data (RFC 9110 §9.3.6); other statuses are unchanged.
    bool connectRequest = false;
};

/// The reason phrase of a status code ("Not Found"); empty for codes without one.
QByteArrayView reasonPhrase(int status);
/// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(qint64 utcMs);
/// Whether a response with this status carries no body and no Content-Length (1xx, 204, 304).
bool forbidsBody(int status);

/**
 * A response with the given status, headers and body, framed for its request.
 *
 * The result is what goes on the wire: for HEAD and for a 2xx to CONNECT its body is
 * empty whatever body is given.
 */
CaptureResponse make(int status, const HeaderList &headers, const QByteArray &body,
                     const Framing &framing, qint64 utcMs);
/**
 * A plain-text error response ("<reason>\n") that closes the connection.
 *
 * To HEAD (headRequest) it keeps the Content-Length of that text but has no body
 * (RFC 9110 §9.3.2), as make() does for HEAD.
 */
CaptureResponse error(int status, const QByteArray &reason, qint64 utcMs, bool headRequest = false);

/// Status line, header fields, blank line and body, ready for the socket.
QByteArray serialize(const CaptureResponse &response);

/// The interim response sent before reading a body announced with Expect: 100-continue.
QByteArray continueLine();

} // namespace HttpResponse
