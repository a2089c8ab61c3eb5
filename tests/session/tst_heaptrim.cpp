#include "session/heaptrim.h"

#include <QFile>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

#include <unistd.h>

#include <cstring>
#include <thread>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MWI_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MWI_ASAN 1
#endif

#if defined(MWI_ASAN) || !defined(__GLIBC__)
#define MWI_GLIBC_HEAP 0
#else
#define MWI_GLIBC_HEAP 1
#endif

namespace {

#if MWI_GLIBC_HEAP
/// Resident set size of this process, from /proc/self/statm.
qint64 residentBytes() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

/// As in the window: a worker thread allocates 256 MiB, this thread frees it. One block
/// in 16 stays, so the free space is holes in the worker's arena that free() cannot
/// return. Hands back the blocks that stay.
std::vector<char *> fragmentAnotherThreadsArena() {
    constexpr size_t Block = 4096;
    constexpr size_t Blocks = 65536;
    std::vector<char *> blocks(Blocks);
    std::thread worker([&blocks] {
        for (char *&block : blocks) {
            block = static_cast<char *>(std::malloc(Block));
            std::memset(block, 0x5a, Block);
        }
    });
    worker.join();
    std::vector<char *> kept;
    for (size_t i = 0; i < Blocks; ++i) {
        if (i % 16 == 0)
            kept.push_back(blocks[i]);
        else
            std::free(blocks[i]);
    }
    return kept;
}

void freeAll(const std::vector<char *> &blocks) {
    for (char *block : blocks)
        std::free(block);
}

/// 240 MiB were freed; most of it is whole pages inside the holes.
constexpr qint64 MostOfTheHoles = qint64(128) << 20;

QString residentChange(qint64 before, qint64 after) {
    return QStringLiteral("RSS %1 -> %2 MiB").arg(before >> 20).arg(after >> 20);
}
#endif

} // namespace

class TestHeapTrim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void freedPagesOfAnotherThreadGoBack();
    void soonRunsOnThePoolAndReturnsAtOnce();
};

void TestHeapTrim::freedPagesOfAnotherThreadGoBack() {
#if !MWI_GLIBC_HEAP
    QSKIP("glibc's allocator only (AddressSanitizer brings its own)");
#else
    const std::vector<char *> kept = fragmentAnotherThreadsArena();
    const qint64 before = residentBytes();
    QVERIFY(before > 0);
    HeapTrim::releaseFreePages();
    const qint64 after = residentBytes();
    freeAll(kept);
    QVERIFY2(before - after > MostOfTheHoles, qPrintable(residentChange(before, after)));
#endif
}

void TestHeapTrim::soonRunsOnThePoolAndReturnsAtOnce() {
#if !MWI_GLIBC_HEAP
    QSKIP("glibc's allocator only (AddressSanitizer brings its own)");
#else
    // The pool's only thread is busy until released: the trim must wait for it there,
    // not run on this thread.
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QSemaphore busy;
    QSemaphore started;
    pool.start([&] {
        started.release();
        busy.acquire();
    });
    // A failed check returns early: the pool must not be left waiting in its destructor.
    auto unblock = qScopeGuard([&busy] { busy.release(); });
    QVERIFY(started.tryAcquire(1, 5000));
    const std::vector<char *> kept = fragmentAnotherThreadsArena();
    const qint64 before = residentBytes();
    QVERIFY(before > 0);
    HeapTrim::releaseFreePagesSoon(&pool);
    HeapTrim::releaseFreePagesSoon(&pool); // joins the first
    const qint64 queued = residentBytes();
    QVERIFY2(before - queued < MostOfTheHoles, qPrintable(residentChange(before, queued)));
    unblock.dismiss();
    busy.release();
    QVERIFY(pool.waitForDone(10000));
    const qint64 after = residentBytes();
    freeAll(kept);
    QVERIFY2(before - after > MostOfTheHoles, qPrintable(residentChange(before, after)));
#endif
}

QTEST_GUILESS_MAIN(TestHeapTrim)
#include "tst_heaptrim.moc"
