// What HeapTrim costs the thread that asks for it. A worker thread allocates small blocks
// (as the analysis thread does), this thread frees them (as the GUI thread frees the
// replaced analyses) and keeps one in 64, so the free space is holes in the worker's
// arena. Then, in alternating rounds:
//   sync: HeapTrim::releaseFreePages() on this thread (the peer: what the window did);
//   soon: HeapTrim::releaseFreePagesSoon(), this thread meanwhile allocating and freeing
//         small blocks as the GUI thread does, its slowest malloc + free recorded.
// Usage: bench_heaptrim [MiB freed per round, default 250] [rounds, default 3]
#include "session/heaptrim.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

double residentMiB() {
    long pages = 0;
    long resident = 0;
    if (FILE *statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(statm);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

/// Allocates mib of blocks of 32..511 bytes on another thread, frees 63 in 64 here.
std::vector<void *> fragment(size_t mib) {
    std::vector<void *> blocks;
    std::thread worker([&blocks, bytes = mib << 20] {
        size_t total = 0;
        unsigned seed = 1;
        while (total < bytes) {
            seed = seed * 1103515245u + 12345u;
            const size_t size = 32 + (seed >> 8) % 480;
            void *block = std::malloc(size);
            std::memset(block, 0x5a, size);
            blocks.push_back(block);
            total += size;
        }
    });
    worker.join();
    std::vector<void *> kept;
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (i % 64 == 0)
            kept.push_back(blocks[i]);
        else
            std::free(blocks[i]);
    }
    return kept;
}

void freeAll(const std::vector<void *> &blocks) {
    for (void *block : blocks)
        std::free(block);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const size_t mib = size_t(std::max(1, app.arguments().value(1, QStringLiteral("250")).toInt()));
    const int rounds = std::max(1, app.arguments().value(2, QStringLiteral("3")).toInt());
    QThreadPool pool;
    for (int round = 1; round <= rounds; ++round) {
        std::vector<void *> kept = fragment(mib);
        double before = residentMiB();
        QElapsedTimer timer;
        timer.start();
        HeapTrim::releaseFreePages();
        const double syncMs = timer.nsecsElapsed() / 1e6;
        std::printf("round %d sync: caller waited %.1f ms; RSS %.0f -> %.0f MiB\n", round, syncMs,
                    before, residentMiB());
        freeAll(kept);

        kept = fragment(mib);
        before = residentMiB();
        timer.restart();
        HeapTrim::releaseFreePagesSoon(&pool);
        const double callMs = timer.nsecsElapsed() / 1e6;
        qint64 slowestNs = 0;
        qint64 allocations = 0;
        while (pool.activeThreadCount() > 0) {
            QElapsedTimer one;
            one.start();
            void *block = std::malloc(64 + size_t(allocations % 256));
            std::memset(block, 1, 64);
            std::free(block);
            slowestNs = std::max(slowestNs, one.nsecsElapsed());
            ++allocations;
        }
        pool.waitForDone();
        const double doneMs = timer.nsecsElapsed() / 1e6;
        std::printf("round %d soon: caller waited %.3f ms (%.4fx sync); trim done after %.1f ms; "
                    "%lld mallocs meanwhile, slowest %.3f ms; RSS %.0f -> %.0f MiB\n",
                    round, callMs, callMs / syncMs, doneMs, qlonglong(allocations), slowestNs / 1e6,
                    before, residentMiB());
        freeAll(kept);
    }
    return 0;
}
