#include "bodydigest.h"

// Header-only use of the library: the hash is inlined here, nothing to link or ship.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace BodyDigest {

quint64 of(QByteArrayView body) {
    if (body.isEmpty())
        return 0;
    const quint64 digest = XXH3_64bits(body.data(), size_t(body.size()));
    return digest != 0 ? digest : 1; // 0 stays "no digest"
}

} // namespace BodyDigest
