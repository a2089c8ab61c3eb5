#pragma once

#include <QString>

/**
 * Copies a session file's committed state into another (new, empty) file, even
 * while a journal is recording into it. Used by SessionFile::saveCopy(), which
 * syncs and renames the copy.
 */
namespace SessionCopy {

/// Copies source into target: the file's bytes (and its write-ahead log) while holding
/// the source's write lock, so no commit can land in between, then folds the log into
/// target. Falls back to SQLite's backup API when the source cannot be locked for
/// writing (a read-only file or folder). target must exist and be empty.
bool copy(const QString &source, const QString &target, QString *error);

} // namespace SessionCopy
