#include "walcheckpointer.h"

#include <QFile>
#include <QLoggingCategory>

#include <sqlite3.h>
#include <unistd.h>

#ifdef __linux__
#include <pthread.h>
#endif

Q_LOGGING_CATEGORY(lcCheckpoint, "mwi.session.checkpoint")

namespace {

/// How long a RESTART checkpoint waits for readers still using the log's old frames,
/// while it holds the write lock: the writer waits that long at most.
constexpr int RestartReaderWaitMs = 20;

/// Passive checkpoints before a RESTART until at most RestartBacklogFrames are left for it
/// to copy with the write lock held; a writer faster than the disk gets the RESTART
/// after MaxCatchUpPasses anyway, and waits for it, so that the log stays bounded.
constexpr int RestartBacklogFrames = 64;
constexpr int MaxCatchUpPasses = 8;

/// Waits for a lock in short steps up to the budget (ms) that context points to. SQLite's own
/// handler sleeps 1, 2, 5 and 10 ms, and a writer that commits without pause frees its
/// lock only for microseconds between commits: the RESTART would miss every gap and
/// the log would grow for as long as the load lasts.
int waitInSteps(void *budgetMs, int attempt) {
    constexpr int StepUs = 50;
    if (qint64(attempt) * StepUs >= qint64(*static_cast<const int *>(budgetMs)) * 1000)
        return 0;
    ::usleep(StepUs);
    return 1;
}

} // namespace

WalCheckpointer::~WalCheckpointer() {
    detach();
}

bool WalCheckpointer::attach(sqlite3 *writer, const QString &path, QString *error,
                             qint64 cachedTailBytes) {
    detach();
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (error) {
            *error = QStringLiteral("Cannot open %1 for checkpoints: %2")
                         .arg(path, QString::fromUtf8(sqlite3_errmsg(m_db)));
        }
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return false;
    }
    // NORMAL: a checkpoint syncs the log before it overwrites pages of the file, and the
    // file before the log may start over, so a power cut never leaves a torn file.
    sqlite3_exec(m_db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    QString trimError;
    if (!m_trimmer.open(path, &trimError)) // the pages then stay cached; nothing else changes
        qCWarning(lcCheckpoint, "%s", qPrintable(trimError));
    m_cachedTailBytes = cachedTailBytes;
    m_waitBudgetMs = 0;
    sqlite3_busy_handler(m_db, &waitInSteps, &m_waitBudgetMs);
    m_writer = writer;
    m_frames = 0;
    m_copiedFrames = 0;
    m_stop = false;
    sqlite3_wal_hook(m_writer, &WalCheckpointer::onCommit, this); // replaces autocheckpoint
    m_thread = std::thread([this] { run(); });
    return true;
}

void WalCheckpointer::detach() {
    if (m_thread.joinable()) {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_writer) {
        sqlite3_wal_autocheckpoint(m_writer, 1000); // SQLite's default again
        m_writer = nullptr;
    }
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_trimmer.close();
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int frames) {
    static_cast<WalCheckpointer *>(self)->logGrew(frames);
    return SQLITE_OK;
}

void WalCheckpointer::logGrew(int frames) {
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        const bool wasDue = isDue();
        if (frames < m_copiedFrames)
            m_copiedFrames = 0; // the log started over
        m_frames = frames;
        wake = !wasDue && isDue();
    }
    if (wake)
        m_wake.notify_one();
}

int WalCheckpointer::framesSince(int copied) {
    const std::lock_guard lock(m_mutex);
    return m_frames - copied;
}

bool WalCheckpointer::isDue() const {
    return m_frames - m_copiedFrames >= PassiveFrames;
}

int WalCheckpointer::passivePass(int *logFrames, int *copied) {
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, logFrames, copied);
    if (rc != SQLITE_OK)
        return rc;
    // A passive checkpoint syncs the log but not the file unless no frame was added while it
    // copied, which under load only the RESTART achieves, with the write lock held. So it
    // syncs even when copied == logFrames (that is the log as it was when it began).
    // Syncing the copied pages now, without any lock, leaves the RESTART only the pages it
    // copies itself (a sync of pages nobody changed is cheap).
    sqlite3_file *file = nullptr;
    if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        !file || !file->pMethods) {
        return SQLITE_OK;
    }
    const int synced = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    if (synced == SQLITE_OK && m_trimmer.isOpen())
        m_trimmer.trim(m_cachedTailBytes);
    return synced;
}

void WalCheckpointer::run() {
#ifdef __linux__
    // Told apart from the listener thread that starts it in top -H, perf and gdb.
    pthread_setname_np(pthread_self(), "mwi-checkpoint");
#endif
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || isDue(); });
        if (m_stop)
            return;
        const bool restart = m_frames >= RestartFrames;
        // Until it reports more, what the writer has committed counts as copied: the next
        // checkpoint waits for PassiveFrames new frames, so the two fsyncs each takes are
        // spread over that many, not repeated for the few frames a commit adds.
        m_copiedFrames = m_frames;
        lock.unlock();
        int logFrames = 0;
        int copied = 0;
        m_waitBudgetMs = 0;
        int rc = passivePass(&logFrames, &copied);
        // The RESTART holds the write lock while it copies what the writer added since
        // and syncs, so first catch up without the lock: each pass copies what came in
        // during the last one, fewer frames each time while the disk outpaces the writer.
        for (int pass = 1; restart && rc == SQLITE_OK && pass < MaxCatchUpPasses &&
                           framesSince(copied) > RestartBacklogFrames;
             ++pass) {
            rc = passivePass(&logFrames, &copied);
        }
        if (restart && rc == SQLITE_OK) {
            m_waitBudgetMs = RestartReaderWaitMs;
            rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_RESTART, &logFrames,
                                           &copied);
            if (rc == SQLITE_OK)
                ++m_restarts;
        }
        ++m_checkpoints;
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
            // The writer reports the same trouble on its next commit; the log just grows.
            qCWarning(lcCheckpoint, "checkpoint failed: %s", sqlite3_errmsg(m_db));
        }
        lock.lock();
    }
}
