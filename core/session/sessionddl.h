#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <span>

/**
 * The session format's definition: the SQL that creates a session file
 * (docs/SESSION_FORMAT.md), and what it makes, read from a database built from that SQL
 * in memory, so SessionSchema's check and upgrade can never disagree with its create.
 */
namespace SessionDdl {

/// The tables and views of a new session file, as one SQL script.
const char *statements();

/// A column added after format 2 was first released: a file without it is still read
/// (as "not known"), and gets it when it is opened for writing. Older builds read and
/// write files that have it, since they name every column they use.
struct OptionalColumn {
    const char *table;
    const char *column;
    const char *definition;
};
std::span<const OptionalColumn> optionalColumns();

/// A table every session file has, and the columns it must have (the optional ones left out).
struct Table {
    QLatin1String name;
    QStringList requiredColumns;
};
const QList<Table> &requiredTables();

struct View {
    QByteArray name;
    QByteArray sql; // as sqlite_schema keeps it: the CREATE VIEW statement
};
/// The views of this format, in the order the statements create them.
const QList<View> &views();

} // namespace SessionDdl
