#pragma once

#include <QString>

class QIODevice;

/**
 * The file-system steps of session files: the paths beside a file (lock, SQLite's
 * write-ahead log and shared memory), fsync of a file or folder, private creation, and
 * one wording for what the OS refused.
 */
namespace FileOperations {

/// "<what> <path>: <strerror(errno)>", for an error right after a failed system call.
QString osError(const QString &what, const QString &path);
/// The lock file beside a session file, held while the app records into it; beside the
/// file a symbolic link points to, for a link.
QString lockPath(const QString &path);
/// fsync() of a file (opened for writing) or of a folder, so a rename in it is durable.
bool syncPath(const QString &path, bool directory, QString *error);
/// Creates an empty file only the owner may read and write (0600); fails if it exists.
bool createPrivateFile(const QString &path, QString *error);
/// Creates a hidden, private, empty file beside target (".<name>.<random>.tmp") to be
/// written and then renamed over it; empty on failure.
QString createTemporaryBeside(const QString &target, QString *error);
/// Removes SQLite's -wal and -shm files beside path, if any.
void removeSideFiles(const QString &path);
/// Renames the session file from over target (same folder). Target's -wal and -shm are
/// set aside first and deleted only once the rename is done, so they are never replayed
/// onto the new file, and a failed rename leaves target with them as it was.
bool replaceSession(const QString &from, const QString &target, QString *error);
/// Why a write to device failed. QFileDevice reports "Unknown error" when the kernel took
/// part of a block before failing (a disk that fills up mid-write); then savedErrno, the
/// errno read right after the failed write, names the reason.
QString writeError(const QIODevice *device, int savedErrno);
/// Whether two paths name one file (through symbolic links when both exist).
bool sameFile(const QString &a, const QString &b);

} // namespace FileOperations
