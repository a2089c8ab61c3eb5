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

/// Whether table (in the attached database schema, "main" for the file itself) has
/// column: a column added to format 2 later (analyses.body_digest) may be missing.
bool hasColumn(SqliteDatabase &db, const char *schema, const char *table, const char *column);

/// Brings a format 2 file written by an older build up to this build's: adds the columns
/// it lacks (analyses.body_digest; their rows read as NULL) and replaces views whose
/// definition changed since (`overview`'s remote and status). Run on a file opened for
/// writing, after check().
bool upgrade(SqliteDatabase &db, QString *error);

/// "<path>: the session file is damaged (<detail>)", with where to salvage what still
/// reads (SessionSalvage): for damage met after the schema read, so a salvage can help.
QString damagedMessage(const QString &path, const QString &detail);

/// Detects a file cut short: the header's page count exceeds the file's size.
bool checkFileLength(const QString &path, QString *error);

/// Connection settings every session connection uses (foreign keys, cache size).
bool configureConnection(SqliteDatabase &db, QString *error);

} // namespace SessionSchema
