#include "allocator.h"

#ifdef MWI_HAVE_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

namespace Allocator {

QString description() {
#ifdef MWI_HAVE_JEMALLOC
    // Asking jemalloc itself also proves it is linked, not just requested.
    const char *version = nullptr;
    size_t size = sizeof(version);
    if (mallctl("version", &version, &size, nullptr, 0) == 0 && version)
        return QStringLiteral("jemalloc ") + QString::fromLatin1(version);
    return QStringLiteral("jemalloc (version unknown)");
#else
    return QStringLiteral("glibc malloc");
#endif
}

} // namespace Allocator
