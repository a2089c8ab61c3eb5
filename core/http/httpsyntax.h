#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

/**
 * Byte-level grammar of HTTP/1.1 messages (RFC 9110 / RFC 9112) used by RequestParser.
 *
 * Each check returns nullptr when the input is valid, otherwise a short reason in
 * plain English that is sent back as the body of the error response.
 */
namespace HttpSyntax {

/// tchar of RFC 9110 §5.6.2.
bool isTokenChar(char c);
/// A non-empty token.
bool isToken(QByteArrayView text);
/// Without leading and trailing SP / HTAB (OWS).
QByteArrayView trimmed(QByteArrayView text);
/// The comma-separated elements of a list field value, each trimmed; empty elements kept.
QList<QByteArrayView> listElements(QByteArrayView value);
/// Whether a list field value has an element equal to token (case-insensitive).
bool listContains(QByteArrayView value, QByteArrayView token);
/// 1*DIGIT as a non-negative number; false if not digits or beyond qint64.
bool parseDecimal(QByteArrayView digits, qint64 *value);

/// The parts of a request line.
struct RequestLine {
    QByteArrayView method;
    QByteArrayView target;
    QByteArrayView version;
};

/// Outcome of a check that can fail with an HTTP status.
struct Verdict {
    int status = 0;    ///< 0 when valid
    QByteArray reason; ///< short plain-text reason when status != 0
};

/**
 * Splits and checks "method SP request-target SP HTTP-version" (line without CRLF).
 *
 * The target is checked by UriSyntax::checkTarget(). The HTTP/2 connection preface
 * ("PRI * HTTP/2.0") and versions other than 1.0 and 1.1 get 505.
 */
Verdict parseRequestLine(QByteArrayView line, RequestLine *parts);
/// Why a request line cannot start with this byte: a control byte (not CR or LF, which
/// may come before a request line) or one above ASCII, which starts no method. A TLS
/// handshake (0x16) is named, since an https:// URL pointed at the listener sends one.
/// Null for any other byte.
QByteArray foreignStart(char first);

/// Checks a field line (header or trailer, without CRLF) and splits it into name and value.
const char *parseFieldLine(QByteArrayView line, QByteArrayView *name, QByteArrayView *value);

/**
 * Checks "chunk-size [ chunk-ext ]" (without CRLF) and reads the size.
 * Sizes above cap are reported as cap + 1, so a huge size cannot overflow.
 */
const char *parseChunkLine(QByteArrayView line, qint64 cap, qint64 *size);

} // namespace HttpSyntax
