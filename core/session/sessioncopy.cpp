#include "sessioncopy.h"

#include "fileoperations.h"
#include "sqlitedatabase.h"
#include "uniquefd.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

using FileOperations::osError;

namespace {

/// How much copyBytes() copies before it starts the disk writing it (64 MiB).
constexpr qint64 Slice = qint64(64) << 20;

/// Copies the first length bytes of from into to (both at offset 0): a reflink where
/// the file system shares blocks (Btrfs, XFS), else in the kernel (copy_file_range),
/// else through a buffer.
bool copyBytes(const QString &from, const QString &to, qint64 length, QString *error) {
    const UniqueFd in(::open(QFile::encodeName(from).constData(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0) {
        *error = osError(QStringLiteral("Cannot read"), from);
        return false;
    }
    const UniqueFd out(
        ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
    if (out.get() < 0) {
        *error = osError(QStringLiteral("Cannot write"), to);
        return false;
    }
    struct stat info {};
    if (::fstat(in.get(), &info) == 0 && info.st_size == length &&
        ::ioctl(out.get(), FICLONE, in.get()) == 0) {
        return true;
    }
    loff_t inOffset = 0;
    loff_t outOffset = 0;
    bool kernelCopy = true;
    while (inOffset < length) {
        if (kernelCopy) {
            const loff_t start = outOffset;
            const ssize_t n = ::copy_file_range(in.get(), &inOffset, out.get(), &outOffset,
                                                size_t(qMin<qint64>(length - inOffset, Slice)), 0);
            if (n > 0) {
                // Start writing this slice to disk now, without waiting, so the disk
                // works while the next slice is copied and the final fsync has little
                // left to do.
                ::sync_file_range(out.get(), start, n, SYNC_FILE_RANGE_WRITE);
                continue;
            }
            if (n == 0)
                break; // the file got shorter: the log replay below fails or copes
            if (errno == EINTR)
                continue;
            if (errno != EXDEV && errno != ENOSYS && errno != EOPNOTSUPP && errno != EINVAL) {
                *error = osError(QStringLiteral("Cannot write"), to);
                return false;
            }
            kernelCopy = false;
        }
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        const ssize_t n = ::pread(in.get(), buffer.data(),
                                  size_t(qMin<qint64>(buffer.size(), length - inOffset)), inOffset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = osError(QStringLiteral("Cannot read"), from);
            return false;
        }
        if (n == 0)
            break;
        for (ssize_t written = 0; written < n;) {
            const ssize_t w = ::pwrite(out.get(), buffer.constData() + written, size_t(n - written),
                                       outOffset + written);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                *error = osError(QStringLiteral("Cannot write"), to);
                return false;
            }
            written += w;
        }
        inOffset += n;
        outOffset += n;
    }
    return true;
}

/// True when the file's header says it is in WAL mode (its log may hold commits).
bool usesWal(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = file.read(20);
    return header.size() == 20 && header.at(18) == 2 && header.at(19) == 2;
}

bool backupCopy(const QString &source, const QString &target, QString *error) {
    SqliteDatabase from;
    SqliteDatabase to;
    if (!from.open(source, SqliteDatabase::Mode::ReadOnly, error) ||
        !to.open(target, SqliteDatabase::Mode::ReadWrite, error)) {
        return false;
    }
    // The copy is synced and renamed as a whole, so its own journal is only overhead.
    to.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;", nullptr);
    sqlite3_backup *backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) {
        *error = to.describeError(QStringLiteral("Cannot write"));
        return false;
    }
    // One step copies everything inside one read transaction: a consistent snapshot
    // even while a journal keeps committing to the source.
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        *error = (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL
                     ? to.describeError(QStringLiteral("Cannot write"))
                     : QStringLiteral("Cannot copy %1 to %2: %3")
                           .arg(source, target, QString::fromUtf8(sqlite3_errstr(rc)));
        return false;
    }
    return to.exec("PRAGMA journal_mode = DELETE", error);
}

} // namespace

namespace SessionCopy {

bool copy(const QString &source, const QString &target, QString *error) {
    QString reason;
    SqliteDatabase lock;
    if (!lock.open(source, SqliteDatabase::Mode::ReadWrite, &reason))
        return backupCopy(source, target, error);
    // Fold the log into the file first when no reader needs it, so the copy is one file;
    // never wait for that.
    sqlite3_busy_timeout(lock.handle(), 0);
    lock.exec("PRAGMA wal_checkpoint(TRUNCATE)", nullptr);
    sqlite3_busy_timeout(lock.handle(), 5000);
    // The write lock keeps every writer (and every log reset) out while the bytes are
    // copied; readers go on. Reading the schema replays a crashed writer's journal first.
    if (!lock.exec("BEGIN IMMEDIATE", &reason) ||
        lock.queryInt("SELECT count(*) FROM sqlite_schema", -1, &reason) < 0) {
        lock.rollbackIfNeeded();
        lock.close();
        return backupCopy(source, target, error);
    }
    const QString log = source + QStringLiteral("-wal");
    const bool wal = usesWal(source);
    const qint64 logSize = wal ? QFileInfo(log).size() : 0;
    const bool copied =
        copyBytes(source, target, QFileInfo(source).size(), &reason) &&
        (logSize == 0 || copyBytes(log, target + QStringLiteral("-wal"), logSize, &reason));
    lock.rollbackIfNeeded();
    lock.close();
    if (!copied) {
        if (error)
            *error = reason;
        return false;
    }
    // Opening the copy replays its log; switching to the rollback journal folds the log
    // in and deletes it, leaving one self-contained file.
    SqliteDatabase copy;
    if (!copy.open(target, SqliteDatabase::Mode::ReadWrite, error))
        return false;
    SqliteStatement mode = copy.prepare("PRAGMA journal_mode = DELETE", error);
    if (!mode.isValid() || mode.step() != SqliteStatement::Step::Row ||
        mode.columnText(0) != QLatin1String("delete")) {
        if (error)
            *error = copy.describeError(QStringLiteral("Cannot write"));
        return false;
    }
    return true;
}

} // namespace SessionCopy
