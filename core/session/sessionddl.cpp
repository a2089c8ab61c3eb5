#include "sessionddl.h"

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
const char *const Statements = R"sql(
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

const char *const RequiredTableNames[] = {"meta", "captures", "payloads", "analyses"};

const SessionDdl::OptionalColumn OptionalColumnList[] = {
    {"analyses", "body_digest", "INTEGER"},
};

bool isOptional(const char *table, const QString &column) {
    for (const SessionDdl::OptionalColumn &optional : OptionalColumnList) {
        if (qstrcmp(optional.table, table) == 0 && column == QLatin1String(optional.column))
            return true;
    }
    return false;
}

QByteArray columnBytes(sqlite3_stmt *statement, int column) {
    return QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)));
}

/// What Statements make, read once from a database built from them in memory.
struct Reference {
    QList<SessionDdl::View> views;
    QList<SessionDdl::Table> tables;

    Reference() {
        sqlite3 *db = nullptr;
        // Every required table is listed even if this fails (it cannot, short of memory),
        // so check() still asks for each of them.
        if (sqlite3_open(":memory:", &db) == SQLITE_OK)
            sqlite3_exec(db, Statements, nullptr, nullptr, nullptr);
        readViews(db);
        readTables(db);
        sqlite3_close(db);
    }

private:
    void readViews(sqlite3 *db) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT name, sql FROM sqlite_schema WHERE type = 'view' "
                               "ORDER BY rowid",
                               -1, &statement, nullptr) == SQLITE_OK) {
            while (sqlite3_step(statement) == SQLITE_ROW)
                views.append({columnBytes(statement, 0), columnBytes(statement, 1)});
        }
        sqlite3_finalize(statement);
    }

    void readTables(sqlite3 *db) {
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &statement, nullptr);
        for (const char *name : RequiredTableNames) {
            SessionDdl::Table table{QLatin1String(name), {}};
            sqlite3_reset(statement);
            sqlite3_bind_text(statement, 1, name, -1, SQLITE_STATIC);
            while (statement && sqlite3_step(statement) == SQLITE_ROW) {
                const QString column = QString::fromUtf8(columnBytes(statement, 0));
                if (!isOptional(name, column))
                    table.requiredColumns << column;
            }
            tables << table;
        }
        sqlite3_finalize(statement);
    }
};

const Reference &reference() {
    static const Reference built;
    return built;
}

} // namespace

namespace SessionDdl {

const char *statements() {
    return Statements;
}

std::span<const OptionalColumn> optionalColumns() {
    return OptionalColumnList;
}

const QList<Table> &requiredTables() {
    return reference().tables;
}

const QList<View> &views() {
    return reference().views;
}

} // namespace SessionDdl
