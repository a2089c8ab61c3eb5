#include "heaptrim.h"

#include <QThreadPool>

#include <atomic>
#include <cstdlib> // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace HeapTrim {

void releaseFreePages() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void releaseFreePagesSoon(QThreadPool *pool) {
    static std::atomic_bool waiting{false};
    if (waiting.exchange(true))
        return; // the trim still waiting to start will see these frees too
    (pool ? pool : QThreadPool::globalInstance())->start([] {
        waiting = false;
        releaseFreePages();
    });
}

} // namespace HeapTrim
