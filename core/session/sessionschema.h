#pragma once

#include <QString>

class SqliteDatabase;

/**
 * The session file format: one SQLite database per session, identified by its
 * application id and versioned by user_version (see docs/SESSION_FORMAT.md).
 */
namespace SessionSchema {

/// PRAGMA application_id of every session file: "MWSI" in ASCII.
inline constexpr qint32 ApplicationId = 0x4D575349;
/// PRAGMA user_version this build writes and the newest it reads.
inline constexpr int FormatVersion = 2;
/// The file name extension, without the dot.
inline constexpr const char *FileSuffix = "mwsession";

/// Creates the tables, indexes and views in an empty database and stamps it.
bool create(SqliteDatabase &db, QString *error);

/// Checks that an open database is a session file this build can read; on failure a
/// clear one-line reason (not a database, another application's database, newer
/// format, damaged). Reads only; changes nothing.
bool check(SqliteDatabase &db, QString *error);

/// Detects a file cut short: the header's page count exceeds the file's size.
bool checkFileLength(const QString &path, QString *error);

/// Connection settings every session connection uses (foreign keys, cache size).
bool configureConnection(SqliteDatabase &db, QString *error);

} // namespace SessionSchema
