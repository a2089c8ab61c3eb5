#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

/**
 * The form in which a JSON member name or query parameter name is compared with
 * the secret names.
 *
 * A sender that writes "ApiKey ", " AccessToken", "api_key" or "ACCESS-TOKEN"
 * means the same secret, so names are compared without letter case, white space,
 * invisible format characters (zero-width space, byte order mark) and the word
 * separators '_' and '-'. Nothing else is dropped: "AccessTokens" or
 * "AccessTokenId" are other names.
 */
namespace SecretName {

/// name case-folded, without white space, format characters, '_' and '-'.
QString folded(QStringView name);
/// folded() of a raw JSON member name written in ASCII without escapes, into *out
/// (no allocation for short names). False when raw holds a backslash or a byte past
/// 0x7F: such a name needs folded() on its decoded text.
bool foldAscii(QByteArrayView raw, QVarLengthArray<char, 32> *out);

} // namespace SecretName
