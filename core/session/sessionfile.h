#pragma once

#include "sessionappend.h"
#include "sqlitedatabase.h"
#include "walcheckpointer.h"

#include <QLockFile>
#include <QString>

#include <memory>
#include <optional>

/// What a quick look at a session file tells without loading it.
struct SessionInfo {
    QString path;
    int formatVersion = 0;
    QString createdUtc;
    bool cleanShutdown = false; ///< false: the app that wrote it did not close it (crash, kill)
    qint64 captureCount = 0;    ///< -1 when not counted (inspect() without countCaptures)
    qint64 fileBytes = 0;
};

/**
 * A session file opened for writing, plus the whole-file operations (create,
 * inspect, atomic Save As copy, move, remove).
 *
 * Opening checks the format first through a read-only connection, so a file that
 * is not a session (a text file, another application's SQLite database, a newer
 * format, a truncated copy) gives a clear error and is left untouched. An open
 * SessionFile holds "<file>.lock", so a second writer (another window, another
 * instance) is refused and recovery can tell a live session from a leftover one.
 */
class SessionFile {
public:
    /// NORMAL survives the app being killed (kill -9, crash); FULL also survives power
    /// loss or an OS crash, at the cost of an fsync per commit.
    enum class Durability { Normal, Full };

    SessionFile();
    ~SessionFile();
    SessionFile(const SessionFile &) = delete;
    SessionFile &operator=(const SessionFile &) = delete;

    /// Creates a new, empty session file readable by its owner only (mode 0600).
    /// Fails if a file with content exists there; an empty one is made the session.
    static bool create(const QString &path, QString *error);
    /// True when path names no file, or an empty one (as `mktemp` or `touch` leave it,
    /// without a write-ahead log beside it): create() makes the session there.
    static bool needsCreating(const QString &path);
    /// Checks read-only that path is a session file this build reads: its length, SQLite
    /// header, format version and schema. Reads a few pages, never a table's rows, so
    /// the window can ask before it opens a file of any size.
    static bool check(const QString &path, QString *error);
    /// check(), then summarises the file. Counting the captures reads the captures
    /// table (56 MB for a million); the analyses and bodies are never read.
    static std::optional<SessionInfo> inspect(const QString &path, QString *error,
                                              bool countCaptures = true);
    /// Copies a session atomically: a consistent snapshot of source (even while a journal
    /// writes it) goes to a temporary file beside target, is synced, then renamed over
    /// target. A failure never leaves a half-written target behind.
    static bool saveCopy(const QString &source, const QString &target, QString *error);
    /// Moves a session that no one has open to target (rename, or copy and delete
    /// across file systems), folding its write-ahead log in first.
    static bool move(const QString &source, const QString &target, QString *error);
    /// Deletes a session file with its -wal, -shm and lock files.
    static bool remove(const QString &path, QString *error);
    /// True when another process (or another SessionFile in this one) has it open.
    static bool isInUse(const QString &path);

    /// Opens an existing session for writing. Marks it "not cleanly closed" until
    /// close() or markClean().
    bool open(const QString &path, Durability durability, QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    const QString &path() const { return m_db.path(); }
    SqliteDatabase &db() { return m_db; }

    bool setDurability(Durability durability, QString *error);
    Durability durability() const { return m_durability; }

    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value, QString *error);
    bool markClean(bool clean, QString *error);

    /// The id the next capture gets: ids only grow, also across clear().
    qint64 nextCaptureId(QString *error);
    /// Copies every capture and analysis of another session after this one's, renumbered
    /// from nextCaptureId() in the other session's order. One transaction.
    std::optional<AppendResult> append(const QString &otherPath, QString *error);
    /// Deletes every capture; ids keep growing from where they were.
    bool clear(QString *error);
    /// Folds the write-ahead log into the file (on close, before copying elsewhere).
    bool checkpoint(QString *error);

private:
    SqliteDatabase m_db;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    Durability m_durability = Durability::Normal;
};
