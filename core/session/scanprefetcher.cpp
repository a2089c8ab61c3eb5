#include "scanprefetcher.h"

#include "uniquefd.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// The SQLite file format (https://www.sqlite.org/fileformat2.html), as far as the walk
// needs it: the page size and reserved bytes from the file header, and the b-tree page
// header and cells of interior table pages.
constexpr int FileHeaderBytes = 100;
constexpr unsigned char InteriorTablePage = 0x05;
constexpr unsigned char LeafTablePage = 0x0d;
constexpr int InteriorHeaderBytes = 12;
/// Deeper than SQLite ever builds a b-tree (its own limit is 20): damage, not data.
constexpr int MaxDepth = 32;
/// Interior pages read at the most: a million captures have a few hundred.
constexpr qsizetype MaxInteriorPages = qsizetype(1) << 16;

quint32 bigEndian16(const unsigned char *p) {
    return quint32(p[0]) << 8 | p[1];
}

quint32 bigEndian32(const unsigned char *p) {
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3];
}

/// A SQLite varint (1 to 9 bytes, big-endian, 7 bits a byte but all 8 in the ninth) at
/// p, which must not run past end; false when it does.
bool readVarint(const unsigned char *p, const unsigned char *end, quint64 *value) {
    quint64 result = 0;
    for (int i = 0; i < 9; ++i) {
        if (p + i >= end)
            return false;
        if (i == 8) {
            *value = result << 8 | p[i];
            return true;
        }
        result = result << 7 | (p[i] & 0x7f);
        if ((p[i] & 0x80) == 0) {
            *value = result;
            return true;
        }
    }
    return false;
}

struct Leaf {
    qint64 firstKey;
    qint64 page;
};

class TreeWalk {
public:
    TreeWalk(int fd, qint64 pageSize, qint64 usable, qint64 pageCount, qint64 fromKey)
        : m_fd(fd)
        , m_pageSize(pageSize)
        , m_usable(usable)
        , m_pageCount(pageCount)
        , m_fromKey(fromKey)
        , m_page(size_t(pageSize)) {}

    /// A new tree: its depth is found again on its left-most path.
    void startTree() { m_leafDepth = -1; }

    /// Appends the leaves under page whose keys lie in [low, high] and reach fromKey.
    void walk(qint64 page, qint64 low, qint64 high, int depth, QList<Leaf> &leaves) {
        if (high < m_fromKey || depth > MaxDepth || page < 1 || page > m_pageCount ||
            leaves.size() >= m_pageCount) {
            return;
        }
        // A b-tree's leaves are all at one depth: once the left-most one is found, the
        // others are listed without reading them (which would read what the scan reads).
        if (depth == m_leafDepth) {
            leaves.append({low, page});
            return;
        }
        if (m_interiorRead >= MaxInteriorPages || !read(page))
            return;
        const unsigned char *data = m_page.data();
        const int header = page == 1 ? FileHeaderBytes : 0;
        if (data[header] == LeafTablePage) {
            if (m_leafDepth < 0)
                m_leafDepth = depth;
            leaves.append({low, page});
            return;
        }
        if (data[header] != InteriorTablePage || header + InteriorHeaderBytes > m_usable)
            return;
        ++m_interiorRead;
        // The cells (child page, largest key in it) and the right-most child are read
        // out before the walk goes down, which reuses the page buffer.
        const qint64 cells = bigEndian16(data + header + 3);
        const qint64 rightMost = bigEndian32(data + header + 8);
        if (header + InteriorHeaderBytes + 2 * cells > m_usable)
            return;
        QList<std::pair<qint64, qint64>> children;
        children.reserve(cells + 1);
        const unsigned char *end = data + m_usable;
        qint64 childLow = low;
        for (qint64 i = 0; i < cells; ++i) {
            const qint64 offset = bigEndian16(data + header + InteriorHeaderBytes + 2 * i);
            quint64 key = 0;
            if (offset + 4 > m_usable || !readVarint(data + offset + 4, end, &key))
                return;
            const qint64 largest = qint64(qMin<quint64>(key, quint64(high)));
            if (largest < childLow)
                return; // keys out of order: damage
            children.append({bigEndian32(data + offset), childLow});
            childLow = largest == std::numeric_limits<qint64>::max() ? largest : largest + 1;
        }
        children.append({rightMost, childLow});
        for (qsizetype i = 0; i < children.size(); ++i) {
            const qint64 childHigh = i + 1 < children.size() ? children[i + 1].second - 1 : high;
            walk(children[i].first, children[i].second, childHigh, depth + 1, leaves);
        }
    }

private:
    bool read(qint64 page) {
        const off_t offset = off_t(page - 1) * m_pageSize;
        ssize_t done = 0;
        while (done < m_pageSize) {
            const ssize_t n =
                ::pread(m_fd, m_page.data() + done, size_t(m_pageSize - done), offset + done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }

    int m_fd;
    qint64 m_pageSize;
    qint64 m_usable;
    qint64 m_pageCount;
    qint64 m_fromKey;
    qsizetype m_interiorRead = 0;
    int m_leafDepth = -1;
    std::vector<unsigned char> m_page;
};

/// The file, read-only.
UniqueFd openReadOnly(const QString &path) {
    return UniqueFd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
}

} // namespace

QList<ScanPrefetcher::Run> ScanPrefetcher::plan(const QString &path, const QList<qint64> &rootPages,
                                                qint64 fromKey, qint64 *pageSize) {
    const UniqueFd fd = openReadOnly(path);
    return fd.get() < 0 ? QList<Run>() : plan(fd.get(), rootPages, fromKey, pageSize);
}

QList<ScanPrefetcher::Run> ScanPrefetcher::plan(int fd, const QList<qint64> &rootPages,
                                                qint64 fromKey, qint64 *pageSize) {
    unsigned char header[FileHeaderBytes];
    struct stat info {};
    if (::fstat(fd, &info) != 0 ||
        ::pread(fd, header, sizeof header, 0) != ssize_t(sizeof header) ||
        std::memcmp(header, "SQLite format 3", 16) != 0) {
        return {};
    }
    const quint32 size = bigEndian16(header + 16);
    const qint64 bytes = size == 1 ? 65536 : qint64(size);
    const qint64 usable = bytes - header[20];
    if (bytes < 512 || bytes > 65536 || (bytes & (bytes - 1)) != 0 || usable < 480)
        return {};
    if (pageSize)
        *pageSize = bytes;

    // The walk reads a few scattered interior pages: no read-ahead around them, which
    // would bring in the very pages between the tables that this class avoids.
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
    TreeWalk walk(fd, bytes, usable, qint64(info.st_size) / bytes, fromKey);
    QList<Leaf> leaves;
    for (const qint64 root : rootPages) {
        walk.startTree();
        walk.walk(root, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), 0,
                  leaves);
    }
    // Each table's leaves are in key order already; this interleaves the tables as the
    // scan steps them together.
    std::stable_sort(leaves.begin(), leaves.end(),
                     [](const Leaf &a, const Leaf &b) { return a.firstKey < b.firstKey; });
    QList<Run> runs;
    for (const Leaf &leaf : std::as_const(leaves)) {
        if (!runs.isEmpty() && runs.constLast().page + runs.constLast().pages == leaf.page)
            ++runs.last().pages;
        else
            runs.append({leaf.firstKey, leaf.page, 1});
    }
    return runs;
}

ScanPrefetcher::ScanPrefetcher(const QString &path, const QList<qint64> &rootPages, qint64 fromKey,
                               qint64 windowBytes)
    : m_windowBytes(windowBytes)
    , m_thread([this, path, rootPages, fromKey] { run(path, rootPages, fromKey); }) {
}

ScanPrefetcher::~ScanPrefetcher() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ScanPrefetcher::advance(qint64 key) {
    {
        const std::lock_guard lock(m_mutex);
        if (key <= m_key)
            return;
        m_key = key;
    }
    m_changed.notify_all();
}

bool ScanPrefetcher::waitUntilDone(int timeoutMs) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [this] { return m_done; });
}

qint64 ScanPrefetcher::requestedBytes() const {
    const std::lock_guard lock(m_mutex);
    return m_requested;
}

void ScanPrefetcher::run(const QString &path, const QList<qint64> &rootPages, qint64 fromKey) {
    const UniqueFd fd = openReadOnly(path);
    qint64 pageSize = 0;
    // The plan's read-ahead advice (none) applies to this descriptor too; WILLNEED asks
    // for its ranges regardless.
    const QList<Run> runs =
        fd.get() < 0 ? QList<Run>() : plan(fd.get(), rootPages, fromKey, &pageSize);
    // before[i]: the bytes of the runs ahead of run i, to measure the window in bytes.
    std::vector<qint64> before(size_t(runs.size()) + 1, 0);
    for (qsizetype i = 0; i < runs.size(); ++i)
        before[size_t(i) + 1] = before[size_t(i)] + runs[i].pages * pageSize;
    // What the scan has read: every run that starts at or below its key.
    const auto scanned = [&](qint64 key) {
        const auto past = std::upper_bound(runs.cbegin(), runs.cend(), key,
                                           [](qint64 k, const Run &r) { return k < r.firstKey; });
        return before[size_t(past - runs.cbegin())];
    };
    for (qsizetype i = 0; i < runs.size(); ++i) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(
                lock, [&] { return m_stop || before[size_t(i)] - scanned(m_key) < m_windowBytes; });
            if (m_stop)
                break;
        }
        ::posix_fadvise(fd.get(), off_t(runs[i].page - 1) * pageSize,
                        off_t(runs[i].pages * pageSize), POSIX_FADV_WILLNEED);
        const std::lock_guard lock(m_mutex);
        m_requested += runs[i].pages * pageSize;
    }
    {
        const std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_changed.notify_all();
}
