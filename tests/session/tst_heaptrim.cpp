#include "session/heaptrim.h"

#include <QFile>
#include <QTest>

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
#endif

} // namespace

class TestHeapTrim : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void freedPagesOfAnotherThreadGoBack();
};

void TestHeapTrim::freedPagesOfAnotherThreadGoBack() {
#if !MWI_GLIBC_HEAP
    QSKIP("glibc's allocator only (AddressSanitizer brings its own)");
#else
    // As in the window: a worker thread allocates, the GUI thread frees. One block in 16
    // stays, so the free space is holes in the worker's arena that free() cannot return.
    constexpr size_t Block = 4096;
    constexpr size_t Blocks = 65536; // 256 MiB
    std::vector<char *> blocks(Blocks);
    std::thread worker([&blocks] {
        for (char *&block : blocks) {
            block = static_cast<char *>(std::malloc(Block));
            std::memset(block, 0x5a, Block);
        }
    });
    worker.join();
    for (size_t i = 0; i < Blocks; ++i) {
        if (i % 16 != 0) {
            std::free(blocks[i]);
            blocks[i] = nullptr;
        }
    }
    const qint64 before = residentBytes();
    QVERIFY(before > 0);
    HeapTrim::releaseFreePages();
    const qint64 after = residentBytes();
    for (char *block : blocks)
        std::free(block);
    // 240 MiB were freed; most of it is whole pages inside the holes.
    QVERIFY2(before - after > qint64(128) << 20,
             qPrintable(QStringLiteral("RSS %1 -> %2 MiB").arg(before >> 20).arg(after >> 20)));
#endif
}

QTEST_GUILESS_MAIN(TestHeapTrim)
#include "tst_heaptrim.moc"
