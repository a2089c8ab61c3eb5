#include "sessionschema.h"

#include "sessionddl.h"
#include "sqlitedatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace SessionSchema {

bool configureConnection(SqliteDatabase &db, QString *error) {
    // Temporary tables and statement journals in memory: never a temp file per write.
    return db.exec("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;", error);
}

bool create(SqliteDatabase &db, QString *error) {
    // page_size must be set before the first table exists. 8 KiB pages keep the
    // waste of ~2 KiB rows low without making single-capture commits expensive.
    if (!db.exec("PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;", error))
        return false;
    if (!db.exec("BEGIN IMMEDIATE", error))
        return false;
    const QByteArray stamp =
        QByteArrayLiteral("PRAGMA application_id = ") + QByteArray::number(ApplicationId) +
        QByteArrayLiteral("; PRAGMA user_version = ") + QByteArray::number(FormatVersion) + ';';
    if (!db.exec(SessionDdl::statements(), error) || !db.exec(stamp.constData(), error)) {
        db.rollbackIfNeeded();
        return false;
    }
    SqliteStatement meta = db.prepare(
        "INSERT INTO meta (key, value) VALUES ('format_version', ?1), "
        "('created_utc', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ('clean_shutdown', '1')",
        error);
    if (!meta.isValid()) {
        db.rollbackIfNeeded();
        return false;
    }
    meta.bindInt(1, FormatVersion);
    if (!meta.run()) {
        if (error)
            *error = db.describeError(QStringLiteral("Cannot write"));
        db.rollbackIfNeeded();
        return false;
    }
    return db.exec("COMMIT", error);
}

QString damagedMessage(const QString &path, const QString &detail) {
    return QStringLiteral("%1: the session file is damaged (%2). File → Salvage damaged "
                          "session… (or --open FILE --salvage OUT) copies what can still be "
                          "read into a new file.")
        .arg(path, detail);
}

bool check(SqliteDatabase &db, QString *error) {
    const QString name = db.path();
    auto fail = [&](const QString &reason) {
        if (error)
            *error = name + QStringLiteral(": ") + reason;
        return false;
    };
    QString sqlError;
    const qint64 objects = db.queryInt("SELECT count(*) FROM sqlite_schema", -1, &sqlError);
    if (objects < 0) {
        const int code = db.extendedErrorCode() & 0xff;
        if (code == SQLITE_NOTADB)
            return fail(QStringLiteral("not a session file (not an SQLite database)"));
        // The list of tables itself is damaged: no table can be found, so a salvage,
        // which copies table by table, cannot help either and is not suggested.
        if (code == SQLITE_CORRUPT)
            return fail(QStringLiteral("the session file is damaged where it lists its tables "
                                       "(%1); nothing in it can be read or salvaged")
                            .arg(QString::fromUtf8(sqlite3_errmsg(db.handle()))));
        if (error)
            *error = sqlError;
        return false;
    }
    const qint64 applicationId = db.queryInt("PRAGMA application_id", 0);
    if (applicationId != ApplicationId) {
        if (objects == 0 && applicationId == 0)
            return fail(QStringLiteral("not a session file (an empty SQLite database)"));
        return fail(QStringLiteral("not a session file (an SQLite database of another "
                                   "application, application id 0x%1)")
                        .arg(quint32(applicationId), 8, 16, QLatin1Char('0')));
    }
    const qint64 version = db.queryInt("PRAGMA user_version", 0);
    if (version > FormatVersion) {
        return fail(QStringLiteral("written by a newer version of the app (session format %1; "
                                   "this version reads up to format %2)")
                        .arg(version)
                        .arg(FormatVersion));
    }
    if (version == 1)
        return fail(QStringLiteral("written by a development build of the app before 0.9 "
                                   "(session format 1, which this version cannot read; format "
                                   "2 keeps payloads in a table of their own)"));
    if (version < 1)
        return fail(QStringLiteral("unknown session format version %1").arg(version));
    SqliteStatement exists =
        db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", error);
    SqliteStatement columns = db.prepare("SELECT name FROM pragma_table_info(?1)", error);
    if (!exists.isValid() || !columns.isValid())
        return false;
    for (const SessionDdl::Table &table : SessionDdl::requiredTables()) {
        exists.reset();
        exists.bindText(1, table.name);
        if (exists.step() != SqliteStatement::Step::Row)
            return fail(QStringLiteral("the session file is damaged (table %1 is missing)")
                            .arg(table.name));
        // Checked before anything is written: a file the journal cannot write to must stay
        // exactly as it was.
        QStringList present;
        columns.reset();
        columns.bindText(1, table.name);
        while (columns.step() == SqliteStatement::Step::Row)
            present << columns.columnText(0);
        for (const QString &column : table.requiredColumns) {
            if (!present.contains(column)) {
                return fail(
                    QStringLiteral("the session file is damaged (table %1 has no column %2)")
                        .arg(table.name, column));
            }
        }
    }
    return true;
}

bool hasColumn(SqliteDatabase &db, const char *schema, const char *table, const char *column) {
    SqliteStatement columns =
        db.prepare("SELECT 1 FROM pragma_table_info(?1, ?2) WHERE name = ?3", nullptr);
    if (!columns.isValid())
        return false;
    columns.bindText(1, QLatin1String(table));
    columns.bindText(2, QLatin1String(schema));
    columns.bindText(3, QLatin1String(column));
    return columns.step() == SqliteStatement::Step::Row;
}

bool upgrade(SqliteDatabase &db, QString *error) {
    for (const SessionDdl::OptionalColumn &optional : SessionDdl::optionalColumns()) {
        if (hasColumn(db, "main", optional.table, optional.column))
            continue;
        // Adding a nullable column rewrites only the schema, not the rows.
        const QByteArray sql = QByteArrayLiteral("ALTER TABLE ") + optional.table +
                               QByteArrayLiteral(" ADD COLUMN ") + optional.column + ' ' +
                               optional.definition;
        if (!db.exec(sql.constData(), error))
            return false;
    }
    // A view is only SQL text in the schema, so replacing an older definition touches
    // no row. Views of the user's own are left alone.
    SqliteStatement stored =
        db.prepare("SELECT sql FROM main.sqlite_schema WHERE type = 'view' AND name = ?1", error);
    if (!stored.isValid())
        return false;
    for (const SessionDdl::View &view : SessionDdl::views()) {
        stored.reset();
        stored.bindText(1, QLatin1String(view.name));
        if (stored.step() == SqliteStatement::Step::Row &&
            stored.columnText(0) == QLatin1String(view.sql))
            continue;
        stored.reset();
        const QByteArray replace = QByteArrayLiteral("DROP VIEW IF EXISTS main.\"") + view.name +
                                   QByteArrayLiteral("\"; ") + view.sql;
        if (!db.exec(replace.constData(), error))
            return false;
    }
    return true;
}

bool checkFileLength(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    const qint64 size = file.size();
    if (size == 0)
        return true; // SQLite sees an empty database; check() reports it
    const QByteArray header = file.read(100);
    static const QByteArray magic("SQLite format 3\0", 16);
    if (!header.startsWith(magic))
        return true; // not SQLite at all; check() reports it
    auto fail = [&] {
        if (error) {
            *error = path + QStringLiteral(": the session file is truncated (%1 bytes; it is "
                                           "incomplete or was cut short while copying)")
                                .arg(size);
        }
        return false;
    };
    if (header.size() < 100)
        return fail();
    // A WAL file may legitimately hold pages the main file does not have yet.
    if (QFileInfo(path + QStringLiteral("-wal")).size() > 0)
        return true;
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    quint32 pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
    const quint32 pageCount = qFromBigEndian<quint32>(bytes + 28);
    const quint32 validFor = qFromBigEndian<quint32>(bytes + 92);
    if (changeCounter == validFor && pageCount > 0 && qint64(pageCount) * pageSize > size)
        return fail();
    return true;
}

} // namespace SessionSchema
