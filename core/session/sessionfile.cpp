#include "sessionfile.h"

#include "fileoperations.h"
#include "sessionappend.h"
#include "sessioncopy.h"
#include "sessionschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <sqlite3.h>

namespace {

/// How long a writer waits for another connection's lock (a checkpoint, a Save As copy).
constexpr int BusyTimeoutMs = 5000;

} // namespace

using namespace FileOperations;

SessionFile::SessionFile() = default;

SessionFile::~SessionFile() {
    close();
}

bool SessionFile::create(const QString &path, QString *error) {
    // A script's `mktemp` file is the session it names, made private like a new one.
    const bool blank = QFileInfo(path).isFile() && needsCreating(path);
    if (blank && !QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner)) {
        if (error)
            *error = osError(QStringLiteral("Cannot create"), path);
        return false;
    }
    if (!blank && !createPrivateFile(path, error))
        return false;
    SqliteDatabase db;
    if (!db.open(path, SqliteDatabase::Mode::ReadWrite, error) ||
        !SessionSchema::create(db, error)) {
        db.close();
        if (blank) {
            QFile::resize(path, 0);
            removeSideFiles(path);
        } else {
            remove(path, nullptr);
        }
        return false;
    }
    db.close();
    return true;
}

bool SessionFile::needsCreating(const QString &path) {
    const QFileInfo file(path);
    if (!file.exists())
        return true;
    // A write-ahead log can hold a whole database whose main file is still empty.
    return file.isFile() && file.size() == 0 &&
           QFileInfo(path + QStringLiteral("-wal")).size() == 0;
}

namespace {

bool openChecked(SqliteDatabase &db, const QString &path, QString *error) {
    if (!QFileInfo::exists(path)) {
        if (error)
            *error = path + QStringLiteral(": no such file");
        return false;
    }
    return SessionSchema::checkFileLength(path, error) &&
           db.open(path, SqliteDatabase::Mode::ReadOnly, error) && SessionSchema::check(db, error);
}

} // namespace

bool SessionFile::check(const QString &path, QString *error) {
    SqliteDatabase db;
    return openChecked(db, path, error);
}

std::optional<SessionInfo> SessionFile::inspect(const QString &path, QString *error,
                                                bool countCaptures) {
    SqliteDatabase db;
    if (!openChecked(db, path, error))
        return std::nullopt;
    SessionInfo info;
    info.path = path;
    info.formatVersion = int(db.queryInt("PRAGMA user_version", 0));
    info.fileBytes = QFileInfo(path).size();
    // Not the analyses: counting them read the whole table (1.3 GB for a million
    // captures) before every open, and the loader finds the missing ones anyway.
    info.captureCount =
        countCaptures ? db.queryInt("SELECT count(*) FROM captures", -1, error) : -1;
    if (countCaptures && info.captureCount < 0)
        return std::nullopt;
    SqliteStatement meta = db.prepare("SELECT key, value FROM meta", error);
    if (!meta.isValid())
        return std::nullopt;
    while (meta.step() == SqliteStatement::Step::Row) {
        const QString key = meta.columnText(0);
        if (key == QLatin1String("created_utc"))
            info.createdUtc = meta.columnText(1);
        else if (key == QLatin1String("clean_shutdown"))
            info.cleanShutdown = meta.columnText(1) == QLatin1String("1");
    }
    return info;
}

bool SessionFile::isInUse(const QString &path) {
    QLockFile lock(lockPath(path));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        lock.unlock();
        return false;
    }
    return lock.error() == QLockFile::LockFailedError;
}

bool SessionFile::saveCopy(const QString &source, const QString &target, QString *error) {
    if (sameFile(source, target)) {
        if (error)
            *error = QStringLiteral("Cannot save %1 over itself").arg(target);
        return false;
    }
    if (isInUse(target)) {
        if (error)
            *error = QStringLiteral("Cannot replace %1: it is open in another window or "
                                    "instance of the app")
                         .arg(target);
        return false;
    }
    SqliteDatabase from;
    if (!SessionSchema::checkFileLength(source, error) ||
        !from.open(source, SqliteDatabase::Mode::ReadOnly, error) ||
        !SessionSchema::check(from, error)) {
        return false;
    }
    const QString directory = QFileInfo(target).absolutePath();
    const QString temporary = createTemporaryBeside(target, error);
    if (temporary.isEmpty())
        return false;

    auto abandon = [&](const QString &reason) {
        if (error)
            *error = reason;
        QFile::remove(temporary);
        removeSideFiles(temporary);
        return false;
    };
    from.close();
    QString copyError;
    if (!SessionCopy::copy(source, temporary, &copyError))
        return abandon(copyError);
    removeSideFiles(temporary);
    QString syncError;
    if (!syncPath(temporary, false, &syncError))
        return abandon(syncError);
    // Until this rename, target is untouched: a failed copy never costs the old file.
    QString replaceError;
    if (!replaceSession(temporary, target, &replaceError))
        return abandon(replaceError);
    syncPath(directory, true, nullptr);
    return true;
}

bool SessionFile::move(const QString &source, const QString &target, QString *error) {
    if (sameFile(source, target))
        return true;
    if (isInUse(source) || isInUse(target)) {
        if (error)
            *error = QStringLiteral("Cannot move %1 to %2: one of them is open in the app")
                         .arg(source, target);
        return false;
    }
    {
        SessionFile file;
        if (!file.open(source, Durability::Full, error))
            return false;
        if (!file.checkpoint(error))
            return false;
        if (!file.markClean(true, error))
            return false;
    }
    QString replaceError;
    const QString sourceLock = lockPath(source); // named while source still exists
    if (replaceSession(source, target, &replaceError)) {
        removeSideFiles(source);
        QFile::remove(sourceLock);
        syncPath(QFileInfo(target).absolutePath(), true, nullptr);
        return true;
    }
    if (errno != EXDEV) {
        if (error)
            *error = osError(QStringLiteral("Cannot move to"), target);
        return false;
    }
    return saveCopy(source, target, error) && remove(source, error);
}

bool SessionFile::remove(const QString &path, QString *error) {
    const QString lock = lockPath(path); // named while path still exists
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        if (error)
            *error = osError(QStringLiteral("Cannot delete"), path);
        return false;
    }
    removeSideFiles(path);
    QFile::remove(lock);
    return true;
}

bool SessionFile::open(const QString &path, Durability durability, QString *error) {
    close();
    if (!QFileInfo::exists(path)) {
        if (error)
            *error = path + QStringLiteral(": no such file");
        return false;
    }
    {
        // Check through a read-only connection first, so a foreign or damaged file is
        // never written to (not even the WAL switch).
        SqliteDatabase probe;
        if (!SessionSchema::checkFileLength(path, error) ||
            !probe.open(path, SqliteDatabase::Mode::ReadOnly, error) ||
            !SessionSchema::check(probe, error)) {
            return false;
        }
    }
    auto lock = std::make_unique<QLockFile>(lockPath(path));
    lock->setStaleLockTime(0); // stale only when the owning process is gone
    if (!lock->tryLock(0)) {
        if (error) {
            qint64 pid = 0;
            QString host;
            QString application;
            lock->getLockInfo(&pid, &host, &application);
            *error = lock->error() == QLockFile::LockFailedError
                         ? QStringLiteral("%1 is already open (process %2)")
                               .arg(path, QString::number(pid))
                         : QStringLiteral("Cannot lock %1: the folder is not writable").arg(path);
        }
        return false;
    }
    if (!m_db.open(path, SqliteDatabase::Mode::ReadWrite, error))
        return false;
    auto fail = [&] {
        m_db.close();
        return false;
    };
    QString sqlError;
    SqliteStatement mode = m_db.prepare("PRAGMA journal_mode = WAL", &sqlError);
    if (!mode.isValid() || mode.step() != SqliteStatement::Step::Row ||
        mode.columnText(0) != QLatin1String("wal")) {
        mode = {};
        if (error) {
            *error =
                sqlError.isEmpty() ? m_db.describeError(QStringLiteral("Cannot write")) : sqlError;
        }
        return fail();
    }
    mode = {};
    // Bound the log's size on disk after a burst; checkpoints keep running automatically.
    if (!m_db.exec("PRAGMA journal_size_limit = 67108864", error) ||
        !SessionSchema::configureConnection(m_db, error) || !SessionSchema::upgrade(m_db, error) ||
        !setDurability(durability, error)) {
        return fail();
    }
    // Waits for another connection's write lock in small steps: SQLite's own handler
    // sleeps 1, 2, 5, 10 ms..., far longer than a checkpoint's restart holds the lock.
    sqlite3_busy_handler(
        m_db.handle(),
        [](void *, int attempt) {
            constexpr int StepUs = 200;
            if (attempt * StepUs >= BusyTimeoutMs * 1000)
                return 0;
            ::usleep(StepUs);
            return 1;
        },
        nullptr);
    m_checkpointer = std::make_unique<WalCheckpointer>();
    QString checkpointError;
    if (!m_checkpointer->attach(m_db.handle(), path, &checkpointError)) {
        // SQLite's automatic checkpoints stay on: slower commits, nothing lost.
        qWarning("SessionFile: %s", qPrintable(checkpointError));
        m_checkpointer.reset();
    }
    m_lock = std::move(lock);
    if (!markClean(false, error)) {
        m_lock.reset();
        m_checkpointer.reset();
        return fail();
    }
    return true;
}

void SessionFile::close() {
    m_checkpointer.reset();
    if (m_db.isOpen()) {
        m_db.rollbackIfNeeded();
        // A closed session is a single self-contained file, readable from read-only
        // places without -wal/-shm files. Only possible when no reader has it open;
        // then it stays in WAL mode, which is just as valid.
        sqlite3_busy_timeout(m_db.handle(), 0);
        m_db.exec("PRAGMA journal_mode = DELETE", nullptr);
        m_db.close();
    }
    m_lock.reset();
}

bool SessionFile::setDurability(Durability durability, QString *error) {
    const char *sql = durability == Durability::Full ? "PRAGMA synchronous = FULL"
                                                     : "PRAGMA synchronous = NORMAL";
    if (!m_db.exec(sql, error))
        return false;
    m_durability = durability;
    return true;
}

QString SessionFile::meta(const QString &key) const {
    SqliteStatement query = m_db.prepare("SELECT value FROM meta WHERE key = ?1", nullptr);
    if (!query.isValid())
        return {};
    query.bindText(1, key);
    return query.step() == SqliteStatement::Step::Row ? query.columnText(0) : QString();
}

bool SessionFile::setMeta(const QString &key, const QString &value, QString *error) {
    SqliteStatement query =
        m_db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
    if (!query.isValid())
        return false;
    query.bindText(1, key);
    query.bindText(2, value);
    if (!query.run()) {
        if (error)
            *error = m_db.describeError(QStringLiteral("Cannot write"));
        return false;
    }
    return true;
}

bool SessionFile::markClean(bool clean, QString *error) {
    return setMeta(QStringLiteral("clean_shutdown"),
                   clean ? QStringLiteral("1") : QStringLiteral("0"), error);
}

qint64 SessionFile::nextCaptureId(QString *error) {
    const qint64 maxId = m_db.queryInt("SELECT coalesce(max(id), 0) FROM captures", -1, error);
    if (maxId < 0)
        return -1;
    const qint64 floor = meta(QStringLiteral("next_capture_id")).toLongLong();
    return qMax(maxId + 1, floor);
}

std::optional<AppendResult> SessionFile::append(const QString &otherPath, QString *error) {
    if (sameFile(otherPath, path())) {
        if (error)
            *error = QStringLiteral("Cannot append %1 to itself").arg(otherPath);
        return std::nullopt;
    }
    {
        SqliteDatabase probe;
        if (!SessionSchema::checkFileLength(otherPath, error) ||
            !probe.open(otherPath, SqliteDatabase::Mode::ReadOnly, error) ||
            !SessionSchema::check(probe, error)) {
            return std::nullopt;
        }
    }
    const qint64 first = nextCaptureId(error);
    if (first < 0)
        return std::nullopt;
    return SessionAppend::append(m_db, otherPath, first, error);
}

bool SessionFile::clear(QString *error) {
    const qint64 next = nextCaptureId(error);
    if (next < 0)
        return false;
    // DELETE without WHERE empties each table in one step instead of row by row.
    const QByteArray sql = QByteArrayLiteral("BEGIN IMMEDIATE;"
                                             "DELETE FROM analyses; DELETE FROM payloads;"
                                             "DELETE FROM captures;"
                                             "INSERT OR REPLACE INTO meta (key, value) VALUES "
                                             "('next_capture_id', '") +
                           QByteArray::number(next) + QByteArrayLiteral("'); COMMIT;");
    const bool ok = m_db.exec(sql.constData(), error);
    if (!ok)
        m_db.rollbackIfNeeded();
    if (ok) {
        // Give the space back; the tables are empty so this is quick.
        m_db.exec("VACUUM", nullptr);
    }
    return ok;
}

bool SessionFile::checkpoint(QString *error) {
    return m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)", error);
}
