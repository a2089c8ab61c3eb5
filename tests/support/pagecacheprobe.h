#pragma once

#include <QFile>
#include <QString>

#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/// How much of a file the kernel holds in its page cache, read with mincore() through a
/// read-only mapping (which itself reads nothing in).
namespace PageCacheProbe {

/// Bytes of [from, to) that are cached, or -1 when the file cannot be mapped.
inline qint64 cachedBytes(const QString &path, qint64 from, qint64 to) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat info {};
    const long page = ::sysconf(_SC_PAGESIZE);
    qint64 result = -1;
    if (::fstat(fd, &info) == 0 && to <= info.st_size && from < to) {
        const qint64 start = from / page * page;
        const size_t length = size_t(to - start);
        void *map = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, start);
        if (map != MAP_FAILED) {
            std::vector<unsigned char> resident((length + size_t(page) - 1) / size_t(page));
            if (::mincore(map, length, resident.data()) == 0) {
                result = 0;
                for (const unsigned char pageState : resident)
                    result += (pageState & 1) ? page : 0;
            }
            ::munmap(map, length);
        }
    }
    ::close(fd);
    return result;
}

/// Whether the file system under path drops pages on request: tmpfs keeps every page
/// (memory is its storage), so there is nothing to observe there.
inline bool canDropPages(const QString &path) {
    struct statfs info {};
    constexpr long TmpfsMagic = 0x01021994;
    return ::statfs(QFile::encodeName(path).constData(), &info) == 0 && info.f_type != TmpfsMagic;
}

} // namespace PageCacheProbe
