#include "sessionloader.h"

#include "boundedqueue.h"
#include "captureanalyser.h"
#include "indexbuilder.h"
#include "indexrowchunk.h"
#include "scanprefetcher.h"
#include "sessioncolumns.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"

#include <sqlite3.h>

#include <thread>
#include <utility>

SessionLoader::Options SessionLoader::Options::current(qint64 fromId) {
    Options options;
    options.minDecoderVersion = CaptureAnalyser::decoderVersion();
    options.fromId = fromId;
    return options;
}

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
    Entities,
    BodyDigestColumn
};

/// Rows per chunk, and the text size at which a chunk is handed on early.
constexpr qsizetype ChunkRows = 1024;
constexpr qsizetype ChunkTextBytes = qsizetype(4) << 20;
/// Chunks read ahead of the builder: enough to ride out an uneven row, little memory.
constexpr qsizetype ChunksInFlight = 8;

/// What the reading thread found: SQLite's verdict on the two cursors, or cancellation.
struct ReadResult {
    bool ok = true;
    bool cancelled = false;
    QString error;
    /// Analysis rows whose kind or contract state names no value this build knows.
    qint64 unreadable = 0;
};

/**
 * The reading half of load(): steps the captures and analyses cursors in id order
 * and hands the rows on in chunks. Runs on its own thread while the caller parses
 * the packed columns into the index, so reading and parsing overlap.
 */
ReadResult readRows(SqliteDatabase &db, sqlite3_stmt *c, sqlite3_stmt *a, const QString &path,
                    const SessionLoader::Options &options, BoundedQueue<IndexRowChunk> &queue,
                    ScanPrefetcher &prefetcher) {
    ReadResult result;
    IndexRowChunk chunk(ChunkRows, ChunkTextBytes);
    int analysisStep = sqlite3_step(a);
    qint64 processed = 0;
    int step;
    while ((step = sqlite3_step(c)) == SQLITE_ROW) {
        if (options.cancel && (++processed & 0xfff) == 0 && options.cancel->load()) {
            result.cancelled = true;
            break;
        }
        CaptureIndex::Entry entry;
        entry.id = sqlite3_column_int64(c, CaptureId);
        entry.receivedUtcMs = sqlite3_column_int64(c, ReceivedMs);
        entry.harImported = textView(c, Origin) == "har-import";
        // Out of range (only damage does that): not known, as the capture's read says.
        bool damaged = false;
        entry.remotePort =
            SessionColumns::portFromColumn(sqlite3_column_int64(c, RemotePort), &damaged);
        entry.bodySize = sqlite3_column_int64(c, BodySize);
        entry.status =
            SessionColumns::statusFromColumn(sqlite3_column_int64(c, ResponseStatus), &damaged);
        entry.rejected = sqlite3_column_type(c, Rejection) != SQLITE_NULL;

        // Analyses come ordered by capture id too: advance the second cursor in step.
        while (analysisStep == SQLITE_ROW && sqlite3_column_int64(a, AnalysisCaptureId) < entry.id)
            analysisStep = sqlite3_step(a);
        bool analysed =
            analysisStep == SQLITE_ROW && sqlite3_column_int64(a, AnalysisCaptureId) == entry.id;
        if (analysed) {
            bool knownKind = false;
            bool knownState = false;
            const WebhookKind kind = webhookKindFromId(textView(a, Kind), &knownKind);
            const ContractState state =
                contractStateFromId(textView(a, ContractStateColumn), &knownState);
            if (knownKind && knownState) {
                entry.analysed = true;
                entry.kind = kind;
                entry.state = state;
                entry.eventCount = sqlite3_column_int64(a, EventCount);
                entry.bodyDigest = quint64(sqlite3_column_int64(a, BodyDigestColumn)); // NULL: 0
            } else {
                // Not what any build writes: the capture is loaded unanalysed and analysed
                // again, like one whose packed columns do not parse.
                analysed = false;
                ++result.unreadable;
            }
        }
        const bool needsAnalysis =
            !analysed || sqlite3_column_int(a, DecoderVersion) < options.minDecoderVersion;
        chunk.append(entry, needsAnalysis);
        chunk.setText(IndexRowChunk::Method, textView(c, Method));
        chunk.setText(IndexRowChunk::Path, textView(c, Path));
        chunk.setText(IndexRowChunk::RemoteAddress, textView(c, RemoteAddress));
        chunk.setText(IndexRowChunk::Rejection, textView(c, Rejection));
        if (analysed) {
            chunk.setText(IndexRowChunk::Summary, textView(a, Summary));
            chunk.setText(IndexRowChunk::Action, textView(a, Action));
            chunk.setText(IndexRowChunk::EnterpriseId, textView(a, EnterpriseId));
            chunk.setText(IndexRowChunk::EnterpriseName, textView(a, EnterpriseName));
            chunk.setText(IndexRowChunk::IntegrationId, textView(a, IntegrationId));
            chunk.setText(IndexRowChunk::IntegrationName, textView(a, IntegrationName));
            chunk.setText(IndexRowChunk::Events, textView(a, Events));
            chunk.setText(IndexRowChunk::Entities, textView(a, Entities));
        }
        if (chunk.size() >= ChunkRows || chunk.textBytes() >= ChunkTextBytes) {
            prefetcher.advance(entry.id);
            if (!queue.push(std::exchange(chunk, IndexRowChunk(ChunkRows, ChunkTextBytes))))
                return result; // the builder stopped; it has its own error
        }
    }
    if (!chunk.isEmpty() && !result.cancelled)
        queue.push(std::move(chunk));
    if (result.cancelled) {
        result.ok = false;
        result.error = QStringLiteral("Opening %1 was cancelled").arg(path);
    } else if (step != SQLITE_DONE || (analysisStep != SQLITE_DONE && analysisStep != SQLITE_ROW)) {
        result.ok = false;
        const int code = db.extendedErrorCode() & 0xff;
        result.error = code == SQLITE_CORRUPT || code == SQLITE_NOTADB
                           ? SessionSchema::damagedMessage(
                                 path, QString::fromUtf8(sqlite3_errmsg(db.handle())))
                           : db.describeError(QStringLiteral("Cannot read"));
    }
    return result;
}

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
    // A file from before digests were stored has no body_digest: its digests are unknown.
    const QByteArray digest = SessionSchema::hasColumn(db, "main", "analyses", "body_digest")
                                  ? QByteArrayLiteral("body_digest")
                                  : QByteArrayLiteral("NULL");
    const QByteArray analysesSql =
        QByteArrayLiteral("SELECT capture_id, decoder_version, kind, contract_state, summary, "
                          "action, enterprise_id, enterprise_name, integration_id, "
                          "integration_name, event_count, events, entities, ") +
        digest + QByteArrayLiteral(" FROM analyses WHERE capture_id >= ?1 ORDER BY capture_id");
    SqliteStatement analyses = db.prepare(analysesSql.constData(), error);
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

    // The pages of captures and analyses, read ahead of the scan (and not the bodies'
    // pages between them, which the kernel's own read-ahead would bring in too).
    QList<qint64> roots;
    SqliteStatement rootPages = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = "
                                           "'table' AND name IN ('captures', 'analyses')",
                                           nullptr);
    while (rootPages.isValid() && rootPages.step() == SqliteStatement::Step::Row)
        roots.append(rootPages.columnInt(0));
    rootPages = {};
    ScanPrefetcher prefetcher(path, roots, options.fromId);

    // One thread steps SQLite (only it touches the connection until it has finished);
    // this one parses the packed columns and builds the index.
    BoundedQueue<IndexRowChunk> queue(ChunksInFlight);
    ReadResult read;
    std::thread reader([&] {
        read = readRows(db, captures.handle(), analyses.handle(), path, options, queue, prefetcher);
        queue.close();
    });
    IndexBuilder loading(loaded.index);
    QString buildError;
    while (std::optional<IndexRowChunk> chunk = queue.pop()) {
        for (qsizetype i = 0; i < chunk->size(); ++i) {
            const CaptureIndex::Entry entry = chunk->entry(i);
            const IndexBuilder::Appended appended =
                loading.append(entry, chunk->text(i, IndexRowChunk::Events),
                               chunk->text(i, IndexRowChunk::Entities));
            if (appended == IndexBuilder::Appended::No) {
                buildError = QStringLiteral("%1: the session file is damaged (capture ids "
                                            "out of order at %2)")
                                 .arg(path, QString::number(entry.id));
                break;
            }
            if (appended == IndexBuilder::Appended::WithoutAnalysis)
                ++loaded.unreadableAnalyses;
            if (chunk->needsAnalysis(i) || appended == IndexBuilder::Appended::WithoutAnalysis)
                loaded.needingAnalysis.append(entry.id);
        }
        if (!buildError.isEmpty()) {
            queue.abort();
            break;
        }
    }
    reader.join();
    loaded.unreadableAnalyses += read.unreadable;
    if (buildError.isEmpty() && !read.ok)
        buildError = read.error;
    if (!buildError.isEmpty()) {
        if (error)
            *error = buildError;
        return std::nullopt;
    }
    loaded.index.squeeze();
    return loaded;
}
