#pragma once

#include <QList>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

/**
 * Reads ahead, for a scan that steps some tables of a SQLite file together in rowid
 * order (SessionLoader's), just the pages that scan will need.
 *
 * The kernel reads ahead on its own, but blindly: a session written live interleaves the
 * index's pages (captures, analyses) with the bodies' (payloads), so its read-ahead
 * window brings in the bodies too, about as many bytes again, each costing CPU time
 * on the way in. This class walks the tables' b-trees from the file itself, lists their
 * leaf pages in the order the scan reaches them, and asks the kernel for those
 * (POSIX_FADV_WILLNEED) a window ahead of the scan, on a thread of its own.
 *
 * Only a hint: SQLite still reads every page itself. A file that is not what SQLite
 * wrote, or pages that the log (-wal) holds newer copies of, only make the plan shorter
 * or wrong, never the scan.
 */
class ScanPrefetcher {
public:
    /// Adjacent leaf pages that the scan reaches one after another.
    struct Run {
        qint64 firstKey = 0; ///< the smallest rowid the first page may hold
        qint64 page = 0;     ///< its page number (1-based, as SQLite counts)
        qint64 pages = 0;

        friend bool operator==(const Run &, const Run &) = default;
    };

    /// The leaf pages of the table b-trees rooted at rootPages that hold rowids from
    /// fromKey on, ordered by the smallest rowid each may hold (across the tables), with
    /// adjacent pages joined into runs. *pageSize gets the file's page size. Empty when
    /// the file is not a SQLite database; a damaged page ends its branch of the walk.
    static QList<Run> plan(const QString &path, const QList<qint64> &rootPages, qint64 fromKey,
                           qint64 *pageSize = nullptr);

    /// Plans on a new thread and asks for the runs, at most windowBytes ahead of the rowid
    /// advance() last reported.
    ScanPrefetcher(const QString &path, const QList<qint64> &rootPages, qint64 fromKey,
                   qint64 windowBytes = qint64(64) << 20);
    ~ScanPrefetcher(); ///< stops asking and joins the thread
    ScanPrefetcher(const ScanPrefetcher &) = delete;
    ScanPrefetcher &operator=(const ScanPrefetcher &) = delete;

    /// The scan has reached rowid key.
    void advance(qint64 key);
    /// Waits until every run was asked for (or the plan was empty); false on timeout.
    bool waitUntilDone(int timeoutMs);
    /// The bytes asked for so far.
    qint64 requestedBytes() const;

private:
    /// plan() on an open descriptor of the file.
    static QList<Run> plan(int fd, const QList<qint64> &rootPages, qint64 fromKey,
                           qint64 *pageSize);
    void run(const QString &path, const QList<qint64> &rootPages, qint64 fromKey);

    const qint64 m_windowBytes;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_key = 0;
    qint64 m_requested = 0;
    bool m_stop = false;
    bool m_done = false;
    std::thread m_thread;
};
