#pragma once

#include <QByteArrayView>
#include <QtGlobal>

/**
 * A 64-bit fingerprint of a request body (XXH3, from Debian's libxxhash), so that a
 * message Mews sends again can be found among thousands without reading their bodies:
 * Mews gives a message no id of its own, and a retry repeats its bytes exactly.
 *
 * XXH3's output is stable across versions and machines, so the digests stored in a
 * session file stay comparable. 0 means "no digest": an empty body, or a capture whose
 * digest is not known yet (a file written before digests were stored).
 */
namespace BodyDigest {

quint64 of(QByteArrayView body);

} // namespace BodyDigest
