#include "sessionloader.h"

#include "indexbuilder.h"
#include "sessioncolumns.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"

#include <sqlite3.h>

namespace {

QByteArrayView textView(sqlite3_stmt *statement, int column) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(statement, column)) : QByteArrayView();
}

enum CaptureColumn {
    CaptureId,
    ReceivedMs,
    Origin,
    Method,
    Path,
    RemoteAddress,
    RemotePort,
    BodySize,
    ResponseStatus,
    Rejection
};
enum AnalysisColumn {
    AnalysisCaptureId,
    DecoderVersion,
    Kind,
    ContractStateColumn,
    Summary,
    Action,
    EnterpriseId,
    EnterpriseName,
    IntegrationId,
    IntegrationName,
    EventCount,
    Events,
    Entities
};

} // namespace

std::optional<LoadedSession> SessionLoader::load(const QString &path, const Options &options,
                                                 QString *error) {
    SqliteDatabase db;
    if (!SessionSchema::checkFileLength(path, error) ||
        !db.open(path, SqliteDatabase::Mode::ReadOnly, error) || !SessionSchema::check(db, error)) {
        return std::nullopt;
    }
    // The scans read each page once; a big cache would only cost memory.
    db.exec("PRAGMA cache_size = -8192", nullptr);
    if (!db.exec("BEGIN", error)) // both cursors see the same snapshot
        return std::nullopt;

    LoadedSession loaded;
    loaded.path = path;
    SqliteStatement captures = db.prepare(
        "SELECT id, received_ms, origin, method, path, remote_address, remote_port, body_size, "
        "response_status, rejection FROM captures WHERE id >= ?1 ORDER BY id",
        error);
    SqliteStatement analyses = db.prepare(
        "SELECT capture_id, decoder_version, kind, contract_state, summary, action, "
        "enterprise_id, enterprise_name, integration_id, integration_name, event_count, events, "
        "entities FROM analyses WHERE capture_id >= ?1 ORDER BY capture_id",
        error);
    // The ends of the rowid b-tree bound the row count without a scan.
    SqliteStatement count = db.prepare("SELECT (SELECT max(id) FROM captures) - "
                                       "(SELECT min(id) FROM captures WHERE id >= ?1) + 1",
                                       error);
    if (!captures.isValid() || !analyses.isValid() || !count.isValid())
        return std::nullopt;
    captures.bindInt(1, options.fromId);
    analyses.bindInt(1, options.fromId);
    count.bindInt(1, options.fromId);
    if (count.step() == SqliteStatement::Step::Row)
        loaded.index.reserve(count.columnInt(0));
    count = {};

    // sqlite3_stmt access directly: this loop runs a million times on open.
    sqlite3_stmt *c = captures.handle();
    sqlite3_stmt *a = analyses.handle();
    int analysisStep = sqlite3_step(a);
    IndexBuilder loading(loaded.index);
    qint64 processed = 0;
    int step;
    while ((step = sqlite3_step(c)) == SQLITE_ROW) {
        if (options.cancel && (++processed & 0xfff) == 0 && options.cancel->load()) {
            if (error)
                *error = QStringLiteral("Opening %1 was cancelled").arg(path);
            return std::nullopt;
        }
        CaptureIndex::Entry entry;
        entry.id = sqlite3_column_int64(c, CaptureId);
        entry.receivedUtcMs = sqlite3_column_int64(c, ReceivedMs);
        entry.harImported = textView(c, Origin) == "har-import";
        entry.method = textView(c, Method);
        entry.path = textView(c, Path);
        entry.remoteAddress = textView(c, RemoteAddress);
        entry.remotePort = quint16(sqlite3_column_int(c, RemotePort));
        entry.bodySize = sqlite3_column_int64(c, BodySize);
        entry.status = sqlite3_column_int(c, ResponseStatus);
        entry.rejected = sqlite3_column_type(c, Rejection) != SQLITE_NULL;
        entry.rejection = textView(c, Rejection);

        // Analyses come ordered by capture id too: advance the second cursor in step.
        while (analysisStep == SQLITE_ROW && sqlite3_column_int64(a, AnalysisCaptureId) < entry.id)
            analysisStep = sqlite3_step(a);
        QByteArrayView events;
        QByteArrayView entities;
        if (analysisStep == SQLITE_ROW && sqlite3_column_int64(a, AnalysisCaptureId) == entry.id) {
            entry.analysed = true;
            entry.kind = webhookKindFromId(textView(a, Kind));
            entry.state = contractStateFromId(textView(a, ContractStateColumn));
            entry.summary = textView(a, Summary);
            entry.action = textView(a, Action);
            entry.enterpriseId = textView(a, EnterpriseId);
            entry.enterpriseName = textView(a, EnterpriseName);
            entry.integrationId = textView(a, IntegrationId);
            entry.integrationName = textView(a, IntegrationName);
            entry.eventCount = sqlite3_column_int64(a, EventCount);
            events = textView(a, Events);
            entities = textView(a, Entities);
            if (sqlite3_column_int(a, DecoderVersion) < options.minDecoderVersion)
                loaded.needingAnalysis.append(entry.id);
        } else {
            loaded.needingAnalysis.append(entry.id);
        }
        if (!loading.append(entry, events, entities)) {
            if (error) {
                *error = loading.damaged()
                             ? QStringLiteral("%1: the session file is damaged (the events of "
                                              "capture %2 are unreadable)")
                                   .arg(path)
                                   .arg(entry.id)
                             : QStringLiteral("%1: the session file is damaged (capture ids "
                                              "out of order at %2)")
                                   .arg(path)
                                   .arg(entry.id);
            }
            return std::nullopt;
        }
    }
    if (step != SQLITE_DONE || (analysisStep != SQLITE_DONE && analysisStep != SQLITE_ROW)) {
        if (error) {
            const int code = db.extendedErrorCode() & 0xff;
            *error = code == SQLITE_CORRUPT || code == SQLITE_NOTADB
                         ? QStringLiteral("%1: the session file is damaged (%2)")
                               .arg(path, QString::fromUtf8(sqlite3_errmsg(db.handle())))
                         : db.describeError(QStringLiteral("Cannot read"));
        }
        return std::nullopt;
    }
    return loaded;
}
