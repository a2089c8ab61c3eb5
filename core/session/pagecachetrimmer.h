#pragma once

#include <QString>

/**
 * Drops the pages of a file that are synced and no longer written from the kernel's page
 * cache, all but the file's last tail bytes, so a live session that grows by gigabytes
 * does not grow the page cache with it.
 *
 * Each call releases only the part that aged since the previous one (the file grows at
 * its end), so the pages a reader brings back later stay cached. Dirty pages are never
 * dropped (the kernel keeps them), so call it after the file was synced.
 *
 * Why: every new page-cache page is memory the kernel has to hand out, and on virtual
 * machines that return free memory to the host (virtio-balloon free page reporting, as
 * cloud VMs and Firecracker do) that memory has to be faulted in again. Measured on such
 * a VM: appending 8 KiB pages with an fdatasync every 1,000 took 0.36 s of CPU per
 * 512 MiB while the file was under 1 GiB and 3.5-4.5 s per 512 MiB after, unless the
 * synced pages were released; with release it stayed at 0.36 s up to 4 GiB. The
 * session's checkpoint thread writes the file like that, and under load it took 6.4 s of
 * CPU per 8 s once the session passed 4 GB (1.1 s at the start).
 *
 * posix_fadvise(POSIX_FADV_DONTNEED) on Linux; nothing where that does not exist.
 */
class PageCacheTrimmer {
public:
    PageCacheTrimmer() = default;
    ~PageCacheTrimmer();
    PageCacheTrimmer(const PageCacheTrimmer &) = delete;
    PageCacheTrimmer &operator=(const PageCacheTrimmer &) = delete;

    /// Opens path for trimming (read-only). False, with the reason, when it cannot.
    bool open(const QString &path, QString *error = nullptr);
    void close();
    bool isOpen() const { return m_fd >= 0; }

    /// Releases the cached pages from where the last call stopped up to keepTail bytes
    /// before the file's end; starts again from the beginning when the file shrank. The
    /// number of bytes released (0 when nothing aged), or -1 when the file cannot be read.
    qint64 trim(qint64 keepTail);

    /// Where the released part of the file ends.
    qint64 trimmedTo() const { return m_trimmedTo; }

private:
    int m_fd = -1;
    qint64 m_trimmedTo = 0;
};
