#include "sessionloader.h"

#include "sessioncolumns.h"
#include "sessionschema.h"
#include "sqlitedatabase.h"

#include <sqlite3.h>

namespace {

QByteArrayView textView(sqlite3_stmt *statement, int column) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(statement, column)) : QByteArrayView();
}

WebhookKind kindOf(QByteArrayView id) {
    if (id == "general")
        return WebhookKind::General;
    if (id == "integration")
        return WebhookKind::Integration;
    if (id == "other-json")
        return WebhookKind::OtherJson;
    if (id == "invalid-json")
        return WebhookKind::InvalidJson;
    return WebhookKind::NotJson;
}

ContractState stateOf(QByteArrayView id) {
    if (id == "notes")
        return ContractState::Notes;
    if (id == "warnings")
        return ContractState::Warnings;
    if (id == "errors")
        return ContractState::Errors;
    if (id == "invalid-json")
        return ContractState::InvalidJson;
    if (id == "rejected")
        return ContractState::Rejected;
    return ContractState::Ok;
}

} // namespace

std::optional<LoadedSession> SessionLoader::load(const QString &path, const Options &options,
                                                 QString *error) {
    SqliteDatabase db;
    if (!SessionSchema::checkFileLength(path, error) ||
        !db.open(path, SqliteDatabase::Mode::ReadOnly, error) || !SessionSchema::check(db, error)) {
        return std::nullopt;
    }
    // The scan reads each index page once; a big cache would only cost memory.
    db.exec("PRAGMA cache_size = -8192", nullptr);
    if (!db.exec("BEGIN", error)) // both passes see the same snapshot
        return std::nullopt;

    LoadedSession loaded;
    loaded.path = path;
    {
        SqliteStatement count = db.prepare(
            "SELECT count(*) FROM captures INDEXED BY captures_received WHERE id >= ?1", error);
        if (!count.isValid())
            return std::nullopt;
        count.bindInt(1, options.fromId);
        if (count.step() == SqliteStatement::Step::Row)
            loaded.index.reserve(count.columnInt(0));
    }
    SqliteStatement rows = db.prepare(
        "SELECT c.id, c.received_ms, c.method, c.path, c.remote_address, c.remote_port, c.origin, "
        "c.body_size, c.response_status, c.rejection, a.capture_id IS NOT NULL, a.kind, "
        "a.contract_state, a.summary, a.enterprise_id, a.enterprise_name, a.integration_id, "
        "a.event_count, a.action, a.decoder_version, a.integration_name "
        "FROM captures c INDEXED BY captures_overview "
        "LEFT JOIN analyses a ON a.capture_id = c.id WHERE c.id >= ?1 ORDER BY c.id",
        error);
    SqliteStatement events =
        db.prepare("SELECT capture_id, discriminator, entity_id, collection, entity_included "
                   "FROM events WHERE capture_id >= ?1 ORDER BY capture_id, ordinal",
                   error);
    if (!rows.isValid() || !events.isValid())
        return std::nullopt;
    rows.bindInt(1, options.fromId);
    events.bindInt(1, options.fromId);

    // sqlite3_stmt access directly: this loop runs a million times on open.
    sqlite3_stmt *r = rows.handle();
    sqlite3_stmt *e = events.handle();

    int eventStep = sqlite3_step(e);
    QList<QByteArrayView> tags;
    QList<CaptureIndex::EventEntry> eventEntries;
    // Event texts are only valid until the cursor moves: copied into one reused buffer.
    QByteArray eventTexts;
    struct EventSpans {
        qsizetype discriminator, discriminatorSize, entityId, entityIdSize, collection,
            collectionSize;
        bool entityIncluded;
    };
    QList<EventSpans> spans;
    const auto keep = [&eventTexts](QByteArrayView text, qsizetype *size) {
        const qsizetype at = eventTexts.size();
        eventTexts.append(text);
        *size = text.size();
        return at;
    };
    QByteArray failure;
    qint64 processed = 0;
    int step;
    while ((step = sqlite3_step(r)) == SQLITE_ROW) {
        if (options.cancel && (++processed & 0xfff) == 0 && options.cancel->load()) {
            if (error)
                *error = QStringLiteral("Opening %1 was cancelled").arg(path);
            return std::nullopt;
        }
        CaptureIndex::Entry entry;
        entry.id = sqlite3_column_int64(r, 0);
        entry.receivedUtcMs = sqlite3_column_int64(r, 1);
        entry.method = textView(r, 2);
        entry.path = textView(r, 3);
        entry.remoteAddress = textView(r, 4);
        entry.remotePort = quint16(sqlite3_column_int(r, 5));
        entry.harImported = textView(r, 6) == "har-import";
        entry.bodySize = sqlite3_column_int64(r, 7);
        entry.status = sqlite3_column_int(r, 8);
        entry.rejected = sqlite3_column_type(r, 9) != SQLITE_NULL;
        entry.rejection = textView(r, 9);
        entry.analysed = sqlite3_column_int(r, 10) != 0;
        entry.kind = kindOf(textView(r, 11));
        entry.state = stateOf(textView(r, 12));
        entry.summary = textView(r, 13);
        entry.enterpriseId = textView(r, 14);
        entry.enterpriseName = textView(r, 15);
        entry.integrationId = textView(r, 16);
        entry.eventCount = sqlite3_column_int64(r, 17);
        entry.action = textView(r, 18);
        entry.integrationName = textView(r, 20);
        if (!entry.analysed || sqlite3_column_int(r, 19) < options.minDecoderVersion)
            loaded.needingAnalysis.append(entry.id);

        tags.clear();
        if (sqlite3_column_type(r, 18) != SQLITE_NULL)
            tags.append(textView(r, 18));
        // Events come ordered by capture id: advance the second cursor in step.
        while (eventStep == SQLITE_ROW && sqlite3_column_int64(e, 0) < entry.id)
            eventStep = sqlite3_step(e);
        eventTexts.clear();
        spans.clear();
        while (eventStep == SQLITE_ROW && sqlite3_column_int64(e, 0) == entry.id) {
            EventSpans span;
            span.discriminator = keep(textView(e, 1), &span.discriminatorSize);
            span.entityId = keep(textView(e, 2), &span.entityIdSize);
            span.collection = keep(textView(e, 3), &span.collectionSize);
            span.entityIncluded = sqlite3_column_int(e, 4) != 0;
            spans.append(span);
            eventStep = sqlite3_step(e);
        }
        eventEntries.clear();
        for (const EventSpans &span : std::as_const(spans)) {
            const QByteArrayView texts(eventTexts);
            const QByteArrayView discriminator =
                texts.sliced(span.discriminator, span.discriminatorSize);
            tags.append(discriminator);
            eventEntries.append({discriminator, texts.sliced(span.entityId, span.entityIdSize),
                                 texts.sliced(span.collection, span.collectionSize),
                                 span.entityIncluded});
        }
        if (!loaded.index.append(entry, tags, eventEntries)) {
            if (error)
                *error = QStringLiteral("%1: the session file is damaged (capture ids out of "
                                        "order at %2)")
                             .arg(path)
                             .arg(entry.id);
            return std::nullopt;
        }
    }
    if (step != SQLITE_DONE || (eventStep != SQLITE_DONE && eventStep != SQLITE_ROW)) {
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
