#include "capturereader.h"

#include "sessioncolumns.h"
#include "sessionschema.h"

namespace {

#define MWI_CAPTURE_COLUMNS                                                                        \
    "SELECT c.id, c.origin, c.connection_id, c.sequence, c.remote_address, c.remote_port, "        \
    "c.local_port, c.received_ms, c.completed_ms, c.method, c.target, c.http_version, c.headers, " \
    "c.trailers, c.chunked, c.body, c.rejection, c.response_status, c.response_headers, "          \
    "c.responded_ms, c.response_body, c.raw_head, a.capture_id IS NOT NULL, a.kind, "              \
    "a.kind_reason, a.lenient, a.action, a.action_known, a.enterprise_id, a.enterprise_name, "     \
    "a.integration_id, a.integration_name, a.findings, a.json_error "                              \
    "FROM captures c LEFT JOIN analyses a ON a.capture_id = c.id "

} // namespace

bool CaptureReader::open(const QString &path, QString *error) {
    if (!SessionSchema::checkFileLength(path, error))
        return false;
    if (!m_db.open(path, SqliteDatabase::Mode::ReadOnly, error))
        return false;
    if (!SessionSchema::check(m_db, error) || !SessionSchema::configureConnection(m_db, error) ||
        !prepare(error)) {
        m_one = {};
        m_events = {};
        m_entities = {};
        m_db.close();
        return false;
    }
    return true;
}

bool CaptureReader::prepare(QString *error) {
    m_one = m_db.prepare(MWI_CAPTURE_COLUMNS "WHERE c.id = ?1", error);
    m_events = m_db.prepare("SELECT discriminator, known, entity_id, collection, entity_index "
                            "FROM events WHERE capture_id = ?1 ORDER BY ordinal",
                            error);
    m_entities = m_db.prepare("SELECT collection, known_collection, index_in_collection, "
                              "entity_id, path, event_index FROM entities WHERE capture_id = ?1 "
                              "ORDER BY ordinal",
                              error);
    return m_one.isValid() && m_events.isValid() && m_entities.isValid();
}

bool CaptureReader::readRow(SqliteStatement &row, AnalysedCapture *out, QString *error) {
    Capture &c = out->capture;
    c = Capture();
    c.id = row.columnInt(0);
    auto damaged = [&](const char *what) {
        if (error) {
            *error =
                m_db.path() +
                QStringLiteral(": capture %1 is damaged (%2)").arg(c.id).arg(QLatin1String(what));
        }
        return false;
    };
    c.origin = SessionColumns::originFromId(row.columnText(1));
    c.connectionId = quint64(row.columnInt(2));
    c.sequence = quint32(row.columnInt(3));
    c.remoteAddress = row.columnText(4);
    c.remotePort = quint16(row.columnInt(5));
    c.localPort = quint16(row.columnInt(6));
    c.firstByteUtcMs = row.columnInt(7);
    c.completeUtcMs = row.columnInt(8);
    c.method = row.columnBytes(9);
    c.target = row.columnBytes(10);
    c.httpVersion = row.columnBytes(11);
    if (!SessionColumns::headersFromJson(row.columnBytes(12), &c.headers))
        return damaged("request headers unreadable");
    if (!SessionColumns::headersFromJson(row.columnBytes(13), &c.trailers))
        return damaged("trailers unreadable");
    c.chunked = row.columnInt(14) != 0;
    c.body = row.columnBytes(15);
    c.rejection = row.columnText(16);
    c.response.status = int(row.columnInt(17));
    if (!SessionColumns::headersFromJson(row.columnBytes(18), &c.response.headers))
        return damaged("response headers unreadable");
    c.response.sentUtcMs = row.columnInt(19);
    c.response.body = row.columnBytes(20);
    c.rawHead = row.columnBytes(21);

    MewsAnalysis &a = out->analysis;
    a = MewsAnalysis();
    out->analysed = row.columnInt(22) != 0;
    if (!out->analysed)
        return true;
    a.kind = SessionColumns::kindFromId(row.columnText(23));
    a.kindReason = row.columnText(24);
    a.lenient = row.columnInt(25) != 0;
    a.action = row.columnText(26);
    a.actionKnown = row.columnInt(27) != 0;
    a.enterpriseId = row.columnText(28);
    a.enterpriseName = row.columnText(29);
    a.integrationId = row.columnText(30);
    a.integrationName = row.columnText(31);
    a.findings = SessionColumns::findingsFromJson(row.columnBytes(32));
    a.jsonError = SessionColumns::jsonErrorFromJson(row.columnBytes(33));

    m_events.reset();
    m_events.bindInt(1, c.id);
    SqliteStatement::Step step;
    while ((step = m_events.step()) == SqliteStatement::Step::Row) {
        WebhookEvent event;
        event.discriminator = m_events.columnText(0);
        event.known = m_events.columnInt(1) != 0;
        event.entityId = m_events.columnText(2);
        event.collection = m_events.columnText(3);
        event.entityIndex = m_events.isNull(4) ? -1 : int(m_events.columnInt(4));
        a.events.append(event);
    }
    if (step == SqliteStatement::Step::Error) {
        if (error)
            *error = m_db.describeError(QStringLiteral("Cannot read"));
        return false;
    }
    m_entities.reset();
    m_entities.bindInt(1, c.id);
    while ((step = m_entities.step()) == SqliteStatement::Step::Row) {
        WebhookEntity entity;
        entity.collection = m_entities.columnText(0);
        entity.knownCollection = m_entities.columnInt(1) != 0;
        entity.indexInCollection = int(m_entities.columnInt(2));
        entity.id = m_entities.columnText(3);
        entity.path = m_entities.columnText(4);
        entity.eventIndex = m_entities.isNull(5) ? -1 : int(m_entities.columnInt(5));
        a.entities.append(entity);
    }
    if (step == SqliteStatement::Step::Error) {
        if (error)
            *error = m_db.describeError(QStringLiteral("Cannot read"));
        return false;
    }
    return true;
}

std::optional<AnalysedCapture> CaptureReader::read(qint64 id, QString *error) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return std::nullopt;
    }
    m_one.reset();
    m_one.bindInt(1, id);
    switch (m_one.step()) {
    case SqliteStatement::Step::Row: {
        AnalysedCapture capture;
        const bool ok = readRow(m_one, &capture, error);
        m_one.reset();
        if (!ok)
            return std::nullopt;
        return capture;
    }
    case SqliteStatement::Step::Done:
        if (error)
            *error = m_db.path() + QStringLiteral(": there is no capture %1").arg(id);
        break;
    case SqliteStatement::Step::Error:
        if (error)
            *error = m_db.describeError(QStringLiteral("Cannot read"));
        break;
    }
    m_one.reset();
    return std::nullopt;
}

bool CaptureReader::forEach(const QList<qint64> &ids,
                            const std::function<bool(const AnalysedCapture &)> &visit,
                            QString *error) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return false;
    }
    if (!ids.isEmpty()) {
        // One read transaction: a consistent snapshot, and SQLite takes its file lock
        // once instead of once per capture.
        const bool transaction = m_db.exec("BEGIN", nullptr);
        bool ok = true;
        for (qint64 id : ids) {
            const std::optional<AnalysedCapture> capture = read(id, error);
            if (!capture) {
                ok = false;
                break;
            }
            if (!visit(*capture))
                break;
        }
        if (transaction)
            m_db.exec("COMMIT", nullptr);
        return ok;
    }
    // One statement, one read transaction: a consistent snapshot even while the
    // journal appends.
    SqliteStatement all = m_db.prepare(MWI_CAPTURE_COLUMNS "ORDER BY c.id", error);
    if (!all.isValid())
        return false;
    AnalysedCapture capture;
    SqliteStatement::Step step;
    while ((step = all.step()) == SqliteStatement::Step::Row) {
        if (!readRow(all, &capture, error))
            return false;
        if (!visit(capture))
            return true;
    }
    if (step == SqliteStatement::Step::Error) {
        if (error)
            *error = m_db.describeError(QStringLiteral("Cannot read"));
        return false;
    }
    return true;
}

qint64 CaptureReader::count(QString *error) {
    return m_db.queryInt("SELECT count(*) FROM captures", -1, error);
}

QList<EntityVersion> CaptureReader::entityHistory(const QString &entityId, QString *error) {
    QList<EntityVersion> history;
    SqliteStatement query = m_db.prepare(
        "SELECT v.capture_id, c.received_ms, v.discriminator, v.collection, v.path FROM ("
        "  SELECT e.capture_id, e.ordinal, e.discriminator, e.collection, n.path"
        "  FROM events e LEFT JOIN entities n"
        "    ON n.capture_id = e.capture_id AND n.ordinal = e.entity_index"
        "  WHERE e.entity_id = ?1"
        "  UNION ALL"
        "  SELECT n.capture_id, n.event_index, NULL, n.collection, n.path FROM entities n"
        "  WHERE n.entity_id = ?1 AND n.event_index IS NULL"
        ") v JOIN captures c ON c.id = v.capture_id ORDER BY v.capture_id, v.ordinal",
        error);
    if (!query.isValid())
        return history;
    query.bindText(1, entityId);
    SqliteStatement::Step step;
    while ((step = query.step()) == SqliteStatement::Step::Row) {
        history.append({query.columnInt(0), query.columnInt(1), query.columnText(2),
                        query.columnText(3), query.columnText(4)});
    }
    if (step == SqliteStatement::Step::Error && error)
        *error = m_db.describeError(QStringLiteral("Cannot read"));
    return history;
}

QList<qint64> CaptureReader::capturesNeedingAnalysis(int minDecoderVersion, QString *error) {
    QList<qint64> ids;
    SqliteStatement query =
        m_db.prepare("SELECT c.id FROM captures c LEFT JOIN analyses a ON a.capture_id = c.id "
                     "WHERE a.capture_id IS NULL OR a.decoder_version < ?1 ORDER BY c.id",
                     error);
    if (!query.isValid())
        return ids;
    query.bindInt(1, minDecoderVersion);
    SqliteStatement::Step step;
    while ((step = query.step()) == SqliteStatement::Step::Row)
        ids.append(query.columnInt(0));
    if (step == SqliteStatement::Step::Error && error)
        *error = m_db.describeError(QStringLiteral("Cannot read"));
    return ids;
}
