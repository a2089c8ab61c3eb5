#pragma once

#include "pagecachetrimmer.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

/**
 * Copies a session's write-ahead log into the file on a thread of its own, so the
 * thread that commits (the listener's, for the journal) never waits for the two
 * fsyncs a checkpoint takes.
 *
 * The writing connection turns SQLite's automatic checkpoints off and reports the
 * log's length after each commit (see attach()). Past PassiveFrames a passive
 * checkpoint runs, which never blocks the writer, and again each time the log has grown
 * by PassiveFrames since the last one. Under a sustained load that alone
 * never lets the log start over (a writer rewinds it only when every frame has been
 * copied), so past RestartFrames a RESTART checkpoint also runs: it holds the write
 * lock while it copies the frames added meanwhile and syncs, then the next commit
 * rewinds the log. Passive passes first copy all but a few of those frames and sync
 * the file (SQLite itself syncs it only once the whole log is copied), so the writer
 * waits only while the RESTART copies and syncs those few pages. The log thus stays near
 * RestartFrames pages, plus what the writer adds while the checkpoint runs.
 *
 * After each passive pass the pages it copied and synced leave the page cache, all but
 * the file's last cachedTailBytes (PageCacheTrimmer says why): a session of ordinary
 * size stays cached whole, one that grows by gigabytes keeps reusing the same memory.
 */
class WalCheckpointer {
public:
    static constexpr int PassiveFrames = 1000;
    static constexpr int RestartFrames = 8000;
    /// How much of the file's end stays in the page cache by default: where the b-trees
    /// grow, and all of a session up to about 80,000 captures of 2 KB.
    static constexpr qint64 DefaultCachedTailBytes = qint64(256) << 20;

    WalCheckpointer() = default;
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Opens its own connection to path and starts the thread; from then on commits of
    /// writer (a connection to the same file, in WAL mode) are reported here and writer
    /// no longer checkpoints by itself.
    bool attach(sqlite3 *writer, const QString &path, QString *error,
                qint64 cachedTailBytes = DefaultCachedTailBytes);
    /// Stops the thread (finishing a running checkpoint) and gives checkpoints back to
    /// the writer. Call before the writer closes.
    void detach();
    bool isAttached() const { return m_thread.joinable(); }

    /// Checkpoints run so far (passive and restart), for tests and benchmarks.
    int checkpointCount() const { return m_checkpoints.load(); }
    /// RESTART checkpoints that copied the whole log, so that the next commit rewinds it.
    int restartCount() const { return m_restarts.load(); }

private:
    static int onCommit(void *self, sqlite3 *db, const char *name, int frames);
    void logGrew(int frames);
    /// Whether PassiveFrames were committed since the last checkpoint; m_mutex held.
    bool isDue() const;
    /// Frames the writer has committed beyond copied (the log's length at a checkpoint).
    int framesSince(int copied);
    void run();
    /// A passive checkpoint, then a sync of the file it copied into, whose aged pages then
    /// leave the page cache; an SQLite result code.
    int passivePass(int *logFrames, int *copied);

    sqlite3 *m_writer = nullptr;
    sqlite3 *m_db = nullptr;
    PageCacheTrimmer m_trimmer; ///< used on the checkpoint thread only
    qint64 m_cachedTailBytes = DefaultCachedTailBytes;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    int m_frames = 0;       ///< the log's length at the last commit; guarded by m_mutex
    int m_copiedFrames = 0; ///< the log's length at the last checkpoint; guarded by m_mutex
    bool m_stop = false;    ///< guarded by m_mutex
    std::atomic_int m_checkpoints = 0;
    std::atomic_int m_restarts = 0;
    /// How long the checkpoint running now may wait for a lock (ms); read by the busy
    /// handler, which runs on the checkpoint thread, and only written there.
    int m_waitBudgetMs = 0;
};
