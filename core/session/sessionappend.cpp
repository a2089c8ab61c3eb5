#include "sessionappend.h"

#include "sessionschema.h"
#include "sqlitedatabase.h"

namespace {

// Every column but the capture id, in schema order; append copies them verbatim.
const char *const CaptureColumns =
    "received_ms, origin, method, path, remote_address, remote_port, body_size, "
    "response_status, rejection";
const char *const PayloadColumns =
    "connection_id, sequence, local_port, completed_ms, responded_ms, target, http_version, "
    "chunked, content_type, headers, trailers, response_headers, response_body, raw_head, body";
const char *const AnalysisColumns =
    "decoder_version, kind, contract_state, summary, action, enterprise_id, enterprise_name, "
    "integration_id, integration_name, event_count, events, entities, kind_reason, lenient, "
    "action_known, error_count, warning_count, note_count, findings, json_error, body_digest";

} // namespace

namespace SessionAppend {

std::optional<AppendResult> append(SqliteDatabase &db, const QString &otherPath, qint64 first,
                                   QString *error) {
    SqliteStatement attach = db.prepare("ATTACH DATABASE ?1 AS other", error);
    if (!attach.isValid())
        return std::nullopt;
    attach.bindText(1, otherPath);
    if (!attach.run()) {
        if (error)
            *error = db.describeError(QStringLiteral("Cannot read"));
        return std::nullopt;
    }
    attach = {};
    auto detach = [&] {
        db.exec("DETACH DATABASE other", nullptr);
    };

    // A file written before digests were stored has none to copy: they read as unknown.
    QByteArray theirAnalysisColumns(AnalysisColumns);
    if (!SessionSchema::hasColumn(db, "other", "analyses", "body_digest"))
        theirAnalysisColumns.replace("body_digest", "NULL");
    const QByteArray sql =
        QByteArrayLiteral("BEGIN IMMEDIATE;"
                          "CREATE TEMP TABLE append_ids (old INTEGER PRIMARY KEY, new INTEGER);"
                          "INSERT INTO temp.append_ids SELECT id, ") +
        QByteArray::number(first) +
        QByteArrayLiteral(" - 1 + row_number() OVER (ORDER BY id) FROM other.captures;"
                          "INSERT INTO main.captures (id, ") +
        CaptureColumns + QByteArrayLiteral(") SELECT m.new, ") + CaptureColumns +
        QByteArrayLiteral(" FROM other.captures c JOIN temp.append_ids m ON m.old = c.id "
                          "ORDER BY c.id;"
                          "INSERT INTO main.payloads (capture_id, ") +
        PayloadColumns + QByteArrayLiteral(") SELECT m.new, ") + PayloadColumns +
        QByteArrayLiteral(" FROM other.payloads p JOIN temp.append_ids m ON m.old = p.capture_id "
                          "ORDER BY p.capture_id;"
                          "INSERT INTO main.analyses (capture_id, ") +
        AnalysisColumns + QByteArrayLiteral(") SELECT m.new, ") + theirAnalysisColumns +
        QByteArrayLiteral(" FROM other.analyses a JOIN temp.append_ids m ON m.old = a.capture_id "
                          "ORDER BY a.capture_id;");
    if (!db.exec(sql.constData(), error)) {
        db.rollbackIfNeeded();
        db.exec("DROP TABLE IF EXISTS temp.append_ids", nullptr);
        detach();
        return std::nullopt;
    }
    const qint64 added = db.queryInt("SELECT count(*) FROM temp.append_ids", 0);
    if (!db.exec("DROP TABLE temp.append_ids; COMMIT;", error)) {
        db.rollbackIfNeeded();
        db.exec("DROP TABLE IF EXISTS temp.append_ids", nullptr);
        detach();
        return std::nullopt;
    }
    detach();
    return AppendResult{first, first + added - 1};
}

} // namespace SessionAppend
