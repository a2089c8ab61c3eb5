#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

/**
 * The one place that says what is secret and how it is hidden.
 *
 * Secret are the JSON fields the contract schema marks "secret" (AccessToken,
 * ApiKey) and the URL query parameters it lists (Token), wherever they appear and
 * however a sender spells them: in any letter case, with white space around or in
 * them, or with '_' or '-' between the words (SecretName::folded()). The GUI, the session file
 * views and every export mask through these functions.
 */
namespace Secrets {

/// Whether the value at a JSON path ("Data.AccessToken") is secret: any member
/// name on the path is a secret key. Malformed paths that mention a secret key count.
bool isSecretPath(QStringView jsonPath);
/// Whether a JSON member name or query parameter name is secret: "ApiKey", "apiKey ",
/// "ACCESS_TOKEN" are; "ApiKeyId" is not (SecretName::folded()).
bool isSecretKey(QStringView key);
/// "••••••••3ABF": eight bullets and the last 4 characters; values shorter than
/// 8 characters become eight bullets only; the empty value stays empty.
QString mask(QStringView value);
/// Eight bullets for any value that is not empty, whatever its length: for a secret the
/// user chose (the listener's token), where a kept tail would only give part of it away
/// and, in a URL, could read as more of the URL.
QString maskWhole(QStringView value);
/// The request target with the value of every secret query parameter masked
/// (bullets as UTF-8, the kept tail percent-encoded as needed).
QByteArray maskTarget(QByteArrayView target);
/// text with maskTarget() applied to every word (run of bytes between spaces, tabs, CR
/// and LF) that holds a '?': for a whole request head, including one whose request line
/// did not parse or was cut off, and for header values such as a Referer that carries a
/// webhook URL. Everything else, line breaks included, stays byte-identical.
QByteArray maskUrls(QByteArrayView text);
/// The fields with maskUrls() applied to each value; names, order and repeats kept.
HeaderList maskHeaders(const HeaderList &fields);
/// maskHeaders() for a request whose body is sent masked: a Content-Length that gave the
/// body's size (bodySize bytes) gives the masked body's size instead, so the fields and
/// the masked body make a request that can be sent (cURL commands, HAR).
HeaderList maskHeaders(const HeaderList &fields, qsizetype bodySize, qsizetype maskedBodySize);
/// The body with the value of every secret member masked, everything else
/// byte-identical. Works on any bytes: invalid or lenient JSON, truncated bodies.
QByteArray maskBody(const QByteArray &body);

} // namespace Secrets
