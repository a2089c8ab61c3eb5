#include "sessionschema.h"

#include "sqlitedatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace {

// Three tables, each read by its own path (docs/SESSION_FORMAT.md): `captures` is the
// narrow row the capture list shows, so opening scans only it and `analyses`;
// `payloads` holds the bytes, read one capture at a time; `analyses` packs the
// decoder's events and entities into JSON columns instead of rows with indexes.
// Nothing but the primary keys is indexed: the in-memory CaptureIndex answers the
// filters and the entity history, and appending at the end of three rowid tables is
// what keeps a commit cheap (one secondary index on analyses costs more than the
// whole analysis row). No foreign keys either: the journal is the only writer and
// writes a capture's rows in one transaction.
const char *const Ddl = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE captures (
    id              INTEGER PRIMARY KEY,
    received_ms     INTEGER NOT NULL,
    origin          TEXT    NOT NULL,
    method          TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    remote_address  TEXT    NOT NULL,
    remote_port     INTEGER NOT NULL,
    body_size       INTEGER NOT NULL,
    response_status INTEGER NOT NULL,
    rejection       TEXT
);

CREATE TABLE payloads (
    capture_id       INTEGER PRIMARY KEY,
    connection_id    INTEGER NOT NULL,
    sequence         INTEGER NOT NULL,
    local_port       INTEGER NOT NULL,
    completed_ms     INTEGER NOT NULL,
    responded_ms     INTEGER NOT NULL,
    target           TEXT    NOT NULL,
    http_version     TEXT    NOT NULL,
    chunked          INTEGER NOT NULL,
    content_type     TEXT,
    headers          TEXT    NOT NULL,
    trailers         TEXT    NOT NULL,
    response_headers TEXT    NOT NULL,
    response_body    BLOB    NOT NULL,
    raw_head         BLOB    NOT NULL,
    body             BLOB    NOT NULL
);

CREATE TABLE analyses (
    capture_id       INTEGER PRIMARY KEY,
    decoder_version  INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    contract_state   TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    action           TEXT,
    enterprise_id    TEXT,
    enterprise_name  TEXT,
    integration_id   TEXT,
    integration_name TEXT,
    event_count      INTEGER NOT NULL,
    events           TEXT,
    entities         TEXT,
    kind_reason      TEXT    NOT NULL,
    lenient          INTEGER NOT NULL,
    action_known     INTEGER NOT NULL,
    error_count      INTEGER NOT NULL,
    warning_count    INTEGER NOT NULL,
    note_count       INTEGER NOT NULL,
    findings         TEXT,
    json_error       TEXT,
    body_digest      INTEGER
);

CREATE VIEW overview AS
SELECT c.id, strftime('%Y-%m-%dT%H:%M:%fZ', c.received_ms / 1000.0, 'unixepoch') AS received_utc,
       c.method, c.path,
       CASE WHEN c.remote_address = '' THEN NULL
            WHEN instr(c.remote_address, ':') > 0
            THEN '[' || c.remote_address || ']:' || c.remote_port
            ELSE c.remote_address || ':' || c.remote_port
       END AS remote,
       NULLIF(c.response_status, 0) AS status, c.body_size, c.rejection,
       a.kind, a.action, a.event_count, a.enterprise_id, a.enterprise_name,
       a.integration_id, a.integration_name, a.contract_state, a.summary
FROM captures c LEFT JOIN analyses a ON a.capture_id = c.id;

CREATE VIEW requests AS
SELECT c.id, c.origin,
       strftime('%Y-%m-%dT%H:%M:%fZ', c.received_ms / 1000.0, 'unixepoch') AS received_utc,
       strftime('%Y-%m-%dT%H:%M:%fZ', p.completed_ms / 1000.0, 'unixepoch') AS completed_utc,
       c.remote_address, c.remote_port, p.local_port, p.connection_id, p.sequence,
       c.method, p.target, c.path, p.http_version, p.headers, p.trailers, p.chunked,
       p.content_type, c.body_size, p.body, c.rejection, c.response_status,
       CASE WHEN p.responded_ms > 0
            THEN strftime('%Y-%m-%dT%H:%M:%fZ', p.responded_ms / 1000.0, 'unixepoch')
       END AS responded_utc,
       p.response_headers, p.response_body, p.raw_head
FROM captures c JOIN payloads p ON p.capture_id = c.id;

CREATE VIEW webhook_events AS
SELECT a.capture_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', c.received_ms / 1000.0, 'unixepoch') AS received_utc,
       e.key AS ordinal,
       json_extract(e.value, '$[0]') AS discriminator,
       json_extract(e.value, '$[1]') AS entity_id,
       json_extract(e.value, '$[2]') AS known,
       json_extract(e.value, '$[3]') AS collection,
       json_extract(e.value, '$[4]') AS entity_index,
       json_extract(e.value, '$[4]') IS NOT NULL AS entity_included,
       a.enterprise_id, a.integration_id
FROM analyses a JOIN captures c ON c.id = a.capture_id, json_each(a.events) e;

CREATE VIEW entity_versions AS
SELECT json_extract(n.value, '$[3]') AS entity_id, a.capture_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', c.received_ms / 1000.0, 'unixepoch') AS received_utc,
       json_extract(n.value, '$[0]') AS collection, json_extract(n.value, '$[4]') AS path,
       CASE WHEN json_valid(CAST(p.body AS TEXT))
            THEN json_extract(CAST(p.body AS TEXT), '$.' || json_extract(n.value, '$[4]'))
       END AS snapshot
FROM analyses a JOIN captures c ON c.id = a.capture_id
JOIN payloads p ON p.capture_id = a.capture_id, json_each(a.entities) n;

CREATE VIEW findings AS
SELECT a.capture_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', c.received_ms / 1000.0, 'unixepoch') AS received_utc,
       json_extract(f.value, '$.severity') AS severity,
       json_extract(f.value, '$.path') AS path,
       json_extract(f.value, '$.message') AS message
FROM analyses a JOIN captures c ON c.id = a.capture_id, json_each(a.findings) f;

CREATE VIEW missing_analyses AS
SELECT c.id FROM captures c WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE a.capture_id = c.id);
)sql";

const char *const RequiredObjects[] = {"meta", "captures", "payloads", "analyses"};

/// Columns added after format 2 was first released: a file without them is still read
/// (as "not known"), and gets them when it is opened for writing. Older builds read and
/// write files that have them, since they name every column they use.
struct OptionalColumn {
    const char *table;
    const char *column;
    const char *definition;
};
const OptionalColumn OptionalColumns[] = {
    {"analyses", "body_digest", "INTEGER"},
};

bool isOptional(const char *table, const QString &column) {
    for (const OptionalColumn &optional : OptionalColumns) {
        if (qstrcmp(optional.table, table) == 0 && column == QLatin1String(optional.column))
            return true;
    }
    return false;
}

struct ViewDefinition {
    QByteArray name;
    QByteArray sql; // as sqlite_schema keeps it: the CREATE VIEW statement
};

// The views of this format, read once from the DDL itself (built in memory).
const QList<ViewDefinition> &currentViews() {
    static const QList<ViewDefinition> views = [] {
        QList<ViewDefinition> result;
        sqlite3 *db = nullptr;
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_open(":memory:", &db) == SQLITE_OK &&
            sqlite3_exec(db, Ddl, nullptr, nullptr, nullptr) == SQLITE_OK &&
            sqlite3_prepare_v2(db,
                               "SELECT name, sql FROM sqlite_schema WHERE type = 'view' "
                               "ORDER BY rowid",
                               -1, &statement, nullptr) == SQLITE_OK) {
            while (sqlite3_step(statement) == SQLITE_ROW) {
                result.append(
                    {QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0))),
                     QByteArray(
                         reinterpret_cast<const char *>(sqlite3_column_text(statement, 1)))});
            }
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return result;
    }();
    return views;
}

// The columns each required table has in this format, read once from the DDL itself
// (built in memory), so the check can never disagree with what create() makes.
const QList<QStringList> &requiredColumns() {
    static const QList<QStringList> columns = [] {
        QList<QStringList> result;
        sqlite3 *db = nullptr;
        if (sqlite3_open(":memory:", &db) == SQLITE_OK &&
            sqlite3_exec(db, Ddl, nullptr, nullptr, nullptr) == SQLITE_OK) {
            for (const char *table : RequiredObjects) {
                QStringList names;
                sqlite3_stmt *statement = nullptr;
                if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &statement,
                                       nullptr) == SQLITE_OK) {
                    sqlite3_bind_text(statement, 1, table, -1, SQLITE_STATIC);
                    while (sqlite3_step(statement) == SQLITE_ROW) {
                        const QString name = QString::fromUtf8(
                            reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
                        if (!isOptional(table, name))
                            names << name;
                    }
                }
                sqlite3_finalize(statement);
                result << names;
            }
        }
        sqlite3_close(db);
        return result;
    }();
    return columns;
}

} // namespace

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
    if (!db.exec(Ddl, error) || !db.exec(stamp.constData(), error)) {
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
    const QList<QStringList> &required = requiredColumns();
    for (qsizetype i = 0; i < qsizetype(std::size(RequiredObjects)); ++i) {
        const QLatin1String table(RequiredObjects[i]);
        exists.reset();
        exists.bindText(1, table);
        if (exists.step() != SqliteStatement::Step::Row)
            return fail(
                QStringLiteral("the session file is damaged (table %1 is missing)").arg(table));
        // Checked before anything is written: a file the journal cannot write to must stay
        // exactly as it was.
        QStringList present;
        columns.reset();
        columns.bindText(1, table);
        while (columns.step() == SqliteStatement::Step::Row)
            present << columns.columnText(0);
        for (const QString &column : required.value(i)) {
            if (!present.contains(column)) {
                return fail(
                    QStringLiteral("the session file is damaged (table %1 has no column %2)")
                        .arg(table, column));
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
    for (const OptionalColumn &optional : OptionalColumns) {
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
    for (const ViewDefinition &view : currentViews()) {
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
