#include "sessionappend.h"

#include "sqlitedatabase.h"

namespace {

// Every column but the id, in schema order; append copies them verbatim.
const char *const CaptureColumns =
    "origin, connection_id, sequence, remote_address, remote_port, local_port, received_ms, "
    "received_utc, completed_ms, completed_utc, method, target, path, http_version, headers, "
    "trailers, chunked, content_type, body_size, rejection, response_status, response_headers, "
    "responded_ms, responded_utc, raw_head, body, response_body";
const char *const AnalysisColumns =
    "decoder_version, kind, kind_reason, lenient, action, action_known, enterprise_id, "
    "enterprise_name, integration_id, integration_name, event_count, entity_count, "
    "contract_state, error_count, warning_count, note_count, events_summary, summary, findings, "
    "json_error";
const char *const EventColumns =
    "ordinal, discriminator, known, entity_id, collection, entity_index, entity_included";
const char *const EntityColumns =
    "ordinal, collection, known_collection, index_in_collection, entity_id, path, event_index";

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
                          "INSERT INTO main.analyses (capture_id, ") +
        AnalysisColumns + QByteArrayLiteral(") SELECT m.new, ") + AnalysisColumns +
        QByteArrayLiteral(" FROM other.analyses a JOIN temp.append_ids m ON m.old = a.capture_id;"
                          "INSERT INTO main.events (capture_id, ") +
        EventColumns + QByteArrayLiteral(") SELECT m.new, ") + EventColumns +
        QByteArrayLiteral(" FROM other.events e JOIN temp.append_ids m ON m.old = e.capture_id;"
                          "INSERT INTO main.entities (capture_id, ") +
        EntityColumns + QByteArrayLiteral(") SELECT m.new, ") + EntityColumns +
        QByteArrayLiteral(" FROM other.entities n JOIN temp.append_ids m ON m.old = n.capture_id;");
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
