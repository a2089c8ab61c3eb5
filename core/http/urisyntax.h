#pragma once

#include <QByteArray>
#include <QByteArrayView>

/**
 * The parts of the URI grammar (RFC 3986) that an HTTP/1.1 request uses: the request
 * target in its four forms (RFC 9112 §3.2) and the Host field value (RFC 9110 §7.2).
 * Used by HttpSyntax and MessageFraming; knows nothing of the rest of the message.
 */
namespace UriSyntax {

/**
 * Whether value is a valid Host field value: uri-host [ ":" port ], where uri-host is
 * an IP-literal in brackets, an IPv4 address or a reg-name (unreserved, pct-encoded and
 * sub-delims) and port is *DIGIT. An empty value is valid.
 */
bool isHostValue(QByteArrayView value);

/**
 * Why target cannot be the request target of a request with this method, or a null
 * QByteArray when it can. The target must be in origin-form (a path and query),
 * absolute-form (an absolute URI), authority-form (host:port, CONNECT only) or
 * asterisk-form (OPTIONS only), with only the bytes RFC 3986 allows there:
 * unreserved, pct-encoded ("%" and two hex digits), sub-delims, ":", "@", "/" and "?"
 * (and brackets around an IP-literal host). A fragment ("#"), other ASCII, controls
 * and bytes above 0x7F are refused with the byte named.
 */
QByteArray checkTarget(QByteArrayView method, QByteArrayView target);

} // namespace UriSyntax
