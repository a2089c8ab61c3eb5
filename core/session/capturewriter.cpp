#include "capturewriter.h"

#include "sessioncolumns.h"

CaptureWriter::CaptureWriter(SqliteDatabase &db)
    : m_db(db) {
}

bool CaptureWriter::prepare(QString *error) {
    m_capture = m_db.prepare(
        "INSERT INTO captures (id, origin, connection_id, sequence, remote_address, remote_port, "
        "local_port, received_ms, received_utc, completed_ms, completed_utc, method, target, path, "
        "http_version, headers, trailers, chunked, content_type, body_size, rejection, "
        "response_status, response_headers, responded_ms, responded_utc, raw_head, body, "
        "response_body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
        error);
    m_deleteEvents = m_db.prepare("DELETE FROM events WHERE capture_id = ?1", error);
    m_deleteEntities = m_db.prepare("DELETE FROM entities WHERE capture_id = ?1", error);
    m_analysis = m_db.prepare(
        "INSERT OR REPLACE INTO analyses (capture_id, decoder_version, kind, kind_reason, lenient, "
        "action, action_known, enterprise_id, enterprise_name, integration_id, integration_name, "
        "event_count, entity_count, contract_state, error_count, warning_count, note_count, "
        "events_summary, summary, findings, json_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        error);
    m_event = m_db.prepare("INSERT INTO events (capture_id, ordinal, discriminator, known, "
                           "entity_id, collection, entity_index, entity_included) VALUES "
                           "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
    m_entity = m_db.prepare("INSERT INTO entities (capture_id, ordinal, collection, "
                            "known_collection, index_in_collection, entity_id, path, "
                            "event_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
    m_response = m_db.prepare("UPDATE captures SET response_status = ?2, response_headers = ?3, "
                              "responded_ms = ?4, responded_utc = ?5, response_body = ?6 "
                              "WHERE id = ?1",
                              error);
    return m_capture.isValid() && m_deleteEvents.isValid() && m_deleteEntities.isValid() &&
           m_analysis.isValid() && m_event.isValid() && m_entity.isValid() && m_response.isValid();
}

void CaptureWriter::finalize() {
    m_capture = {};
    m_deleteEvents = {};
    m_deleteEntities = {};
    m_analysis = {};
    m_event = {};
    m_entity = {};
    m_response = {};
}

bool CaptureWriter::fail(QString *error) {
    if (error)
        *error = m_db.describeError(QStringLiteral("Cannot write"));
    return false;
}

bool CaptureWriter::insertCapture(const Capture &capture, QString *error) {
    SqliteStatement &s = m_capture;
    s.reset();
    s.bindInt(1, capture.id);
    s.bindText(2, SessionColumns::originId(capture.origin));
    s.bindInt(3, qint64(capture.connectionId));
    s.bindInt(4, capture.sequence);
    s.bindText(5, capture.remoteAddress);
    s.bindInt(6, capture.remotePort);
    s.bindInt(7, capture.localPort);
    s.bindInt(8, capture.firstByteUtcMs);
    s.bindText(9, SessionColumns::isoUtc(capture.firstByteUtcMs));
    s.bindInt(10, capture.completeUtcMs);
    s.bindText(11, SessionColumns::isoUtc(capture.completeUtcMs));
    s.bindBytesAsText(12, capture.method);
    s.bindBytesAsText(13, capture.target);
    s.bindBytesAsText(14, capture.path());
    s.bindBytesAsText(15, capture.httpVersion);
    s.bindBytesAsText(16, SessionColumns::headersToJson(capture.headers));
    s.bindBytesAsText(17, SessionColumns::headersToJson(capture.trailers));
    s.bindInt(18, capture.chunked ? 1 : 0);
    s.bindNullableText(19, SessionColumns::mediaType(capture));
    s.bindInt(20, capture.body.size());
    s.bindNullableText(21, capture.rejection);
    s.bindInt(22, capture.response.status);
    s.bindBytesAsText(23, SessionColumns::headersToJson(capture.response.headers));
    s.bindInt(24, capture.response.sentUtcMs);
    if (capture.response.sentUtcMs > 0)
        s.bindText(25, SessionColumns::isoUtc(capture.response.sentUtcMs));
    else
        s.bindNull(25);
    s.bindBlob(26, capture.rawHead);
    s.bindBlob(27, capture.body);
    s.bindBlob(28, capture.response.body);
    return s.run() || fail(error);
}

bool CaptureWriter::insertAnalysis(qint64 captureId, const MewsAnalysis &analysis,
                                   int decoderVersion, QString *error) {
    for (SqliteStatement *clear : {&m_deleteEvents, &m_deleteEntities}) {
        clear->reset();
        clear->bindInt(1, captureId);
        if (!clear->run())
            return fail(error);
    }
    SqliteStatement &a = m_analysis;
    a.reset();
    a.bindInt(1, captureId);
    a.bindInt(2, decoderVersion);
    a.bindText(3, webhookKindId(analysis.kind));
    a.bindText(4, analysis.kindReason);
    a.bindInt(5, analysis.lenient ? 1 : 0);
    a.bindNullableText(6, analysis.action);
    a.bindInt(7, analysis.actionKnown ? 1 : 0);
    a.bindNullableText(8, analysis.enterpriseId);
    a.bindNullableText(9, analysis.enterpriseName);
    a.bindNullableText(10, analysis.integrationId);
    a.bindNullableText(11, analysis.integrationName);
    a.bindInt(12, analysis.events.size());
    a.bindInt(13, analysis.entities.size());
    a.bindText(14, contractStateId(analysis.contractState()));
    a.bindInt(15, analysis.count(FindingSeverity::Error));
    a.bindInt(16, analysis.count(FindingSeverity::Warning));
    a.bindInt(17, analysis.count(FindingSeverity::Note));
    const QString eventsSummary = analysis.eventsSummary();
    a.bindText(18, eventsSummary);
    a.bindText(19, analysis.summary());
    a.bindBytesAsText(20, SessionColumns::findingsToJson(analysis.findings));
    const QByteArray jsonError = SessionColumns::jsonErrorToJson(analysis.jsonError);
    if (jsonError.isEmpty())
        a.bindNull(21);
    else
        a.bindBytesAsText(21, jsonError);
    if (!a.run())
        return fail(error);

    for (qsizetype i = 0; i < analysis.events.size(); ++i) {
        const WebhookEvent &event = analysis.events.at(i);
        SqliteStatement &e = m_event;
        e.reset();
        e.bindInt(1, captureId);
        e.bindInt(2, i);
        e.bindText(3, event.discriminator);
        e.bindInt(4, event.known ? 1 : 0);
        e.bindNullableText(5, event.entityId);
        e.bindNullableText(6, event.collection);
        if (event.entityIncluded())
            e.bindInt(7, event.entityIndex);
        else
            e.bindNull(7);
        e.bindInt(8, event.entityIncluded() ? 1 : 0);
        if (!e.run())
            return fail(error);
    }
    for (qsizetype i = 0; i < analysis.entities.size(); ++i) {
        const WebhookEntity &entity = analysis.entities.at(i);
        SqliteStatement &n = m_entity;
        n.reset();
        n.bindInt(1, captureId);
        n.bindInt(2, i);
        n.bindText(3, entity.collection);
        n.bindInt(4, entity.knownCollection ? 1 : 0);
        n.bindInt(5, entity.indexInCollection);
        n.bindNullableText(6, entity.id);
        n.bindText(7, entity.path);
        if (entity.eventIndex >= 0)
            n.bindInt(8, entity.eventIndex);
        else
            n.bindNull(8);
        if (!n.run())
            return fail(error);
    }
    return true;
}

bool CaptureWriter::updateResponse(qint64 captureId, const CaptureResponse &response,
                                   QString *error) {
    SqliteStatement &r = m_response;
    r.reset();
    r.bindInt(1, captureId);
    r.bindInt(2, response.status);
    r.bindBytesAsText(3, SessionColumns::headersToJson(response.headers));
    r.bindInt(4, response.sentUtcMs);
    if (response.sentUtcMs > 0)
        r.bindText(5, SessionColumns::isoUtc(response.sentUtcMs));
    else
        r.bindNull(5);
    r.bindBlob(6, response.body);
    return r.run() || fail(error);
}
