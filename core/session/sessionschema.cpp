#include "sessionschema.h"

#include "sqlitedatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace {

// Column order puts the big BLOBs last; the captures_overview index exists so that
// opening a session scans ~100 bytes per capture instead of every body (see
// docs/SESSION_FORMAT.md).
const char *const Ddl = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE captures (
    id               INTEGER PRIMARY KEY,
    origin           TEXT    NOT NULL,
    connection_id    INTEGER NOT NULL,
    sequence         INTEGER NOT NULL,
    remote_address   TEXT    NOT NULL,
    remote_port      INTEGER NOT NULL,
    local_port       INTEGER NOT NULL,
    received_ms      INTEGER NOT NULL,
    received_utc     TEXT    NOT NULL,
    completed_ms     INTEGER NOT NULL,
    completed_utc    TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    target           TEXT    NOT NULL,
    path             TEXT    NOT NULL,
    http_version     TEXT    NOT NULL,
    headers          TEXT    NOT NULL,
    trailers         TEXT    NOT NULL,
    chunked          INTEGER NOT NULL,
    content_type     TEXT,
    body_size        INTEGER NOT NULL,
    rejection        TEXT,
    response_status  INTEGER NOT NULL,
    response_headers TEXT    NOT NULL,
    responded_ms     INTEGER NOT NULL,
    responded_utc    TEXT,
    raw_head         BLOB    NOT NULL,
    body             BLOB    NOT NULL,
    response_body    BLOB    NOT NULL
);
CREATE INDEX captures_overview ON captures (id, received_ms, method, path, remote_address,
    remote_port, origin, body_size, response_status, rejection);
CREATE INDEX captures_received ON captures (received_ms);

CREATE TABLE analyses (
    capture_id       INTEGER PRIMARY KEY REFERENCES captures (id) ON DELETE CASCADE,
    decoder_version  INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    kind_reason      TEXT    NOT NULL,
    lenient          INTEGER NOT NULL,
    action           TEXT,
    action_known     INTEGER NOT NULL,
    enterprise_id    TEXT,
    enterprise_name  TEXT,
    integration_id   TEXT,
    integration_name TEXT,
    event_count      INTEGER NOT NULL,
    entity_count     INTEGER NOT NULL,
    contract_state   TEXT    NOT NULL,
    error_count      INTEGER NOT NULL,
    warning_count    INTEGER NOT NULL,
    note_count       INTEGER NOT NULL,
    events_summary   TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    findings         TEXT    NOT NULL,
    json_error       TEXT
);
CREATE INDEX analyses_kind ON analyses (kind);
CREATE INDEX analyses_action ON analyses (action);
CREATE INDEX analyses_enterprise ON analyses (enterprise_id);
CREATE INDEX analyses_integration ON analyses (integration_id);
CREATE INDEX analyses_state ON analyses (contract_state);

CREATE TABLE events (
    capture_id      INTEGER NOT NULL REFERENCES captures (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    discriminator   TEXT    NOT NULL,
    known           INTEGER NOT NULL,
    entity_id       TEXT,
    collection      TEXT,
    entity_index    INTEGER,
    entity_included INTEGER NOT NULL,
    PRIMARY KEY (capture_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX events_discriminator ON events (discriminator);
CREATE INDEX events_entity ON events (entity_id);

CREATE TABLE entities (
    capture_id          INTEGER NOT NULL REFERENCES captures (id) ON DELETE CASCADE,
    ordinal             INTEGER NOT NULL,
    collection          TEXT    NOT NULL,
    known_collection    INTEGER NOT NULL,
    index_in_collection INTEGER NOT NULL,
    entity_id           TEXT,
    path                TEXT    NOT NULL,
    event_index         INTEGER,
    PRIMARY KEY (capture_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX entities_entity ON entities (entity_id);

CREATE VIEW overview AS
SELECT c.id, c.received_utc, c.method, c.path,
       c.remote_address || ':' || c.remote_port AS remote,
       c.response_status AS status, c.body_size, c.rejection,
       a.kind, a.action, a.events_summary, a.event_count,
       a.enterprise_id, a.enterprise_name, a.integration_id, a.integration_name,
       a.contract_state, a.summary
FROM captures c LEFT JOIN analyses a ON a.capture_id = c.id;

CREATE VIEW webhook_events AS
SELECT e.capture_id, c.received_utc, e.ordinal, e.discriminator, e.known, e.entity_id,
       e.entity_included, a.enterprise_id, a.integration_id
FROM events e
JOIN captures c ON c.id = e.capture_id
LEFT JOIN analyses a ON a.capture_id = e.capture_id;

CREATE VIEW entity_versions AS
SELECT n.entity_id, n.capture_id, c.received_utc, n.collection, n.path,
       CASE WHEN json_valid(CAST(c.body AS TEXT))
            THEN json_extract(CAST(c.body AS TEXT), '$.' || n.path) END AS snapshot
FROM entities n JOIN captures c ON c.id = n.capture_id;

CREATE VIEW findings AS
SELECT a.capture_id, c.received_utc,
       json_extract(f.value, '$.severity') AS severity,
       json_extract(f.value, '$.path') AS path,
       json_extract(f.value, '$.message') AS message
FROM analyses a
JOIN captures c ON c.id = a.capture_id, json_each(a.findings) f;

CREATE VIEW missing_analyses AS
SELECT c.id FROM captures c WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE a.capture_id = c.id);
)sql";

const char *const RequiredObjects[] = {
    "meta", "captures", "analyses", "events", "entities", "captures_overview",
};

} // namespace

namespace SessionSchema {

bool configureConnection(SqliteDatabase &db, QString *error) {
    return db.exec("PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;", error);
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
        if (code == SQLITE_CORRUPT)
            return fail(QStringLiteral("the session file is damaged (%1)").arg(sqlError));
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
    if (version < 1)
        return fail(QStringLiteral("unknown session format version %1").arg(version));
    SqliteStatement exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?1", error);
    if (!exists.isValid())
        return false;
    for (const char *object : RequiredObjects) {
        exists.reset();
        exists.bindText(1, QLatin1String(object));
        if (exists.step() != SqliteStatement::Step::Row) {
            return fail(QStringLiteral("the session file is damaged (%1 is missing)")
                            .arg(QLatin1String(object)));
        }
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
