#include "capturewriter.h"

#include "sessioncolumns.h"

namespace {

QByteArrayView ascii(QLatin1String id) {
    return {id.data(), id.size()};
}

/// Content-Type without parameters, lower case; empty when there is none.
QByteArray mediaType(const Capture &capture) {
    QByteArray value = capture.headerValue("Content-Type");
    const qsizetype semicolon = value.indexOf(';');
    if (semicolon >= 0)
        value.truncate(semicolon);
    return value.trimmed().toLower();
}

} // namespace

CaptureWriter::CaptureWriter(SqliteDatabase &db)
    : m_db(db) {
}

bool CaptureWriter::prepare(QString *error) {
    m_capture =
        m_db.prepare("INSERT INTO captures (id, received_ms, origin, method, path, remote_address, "
                     "remote_port, body_size, response_status, rejection) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                     error);
    m_payload = m_db.prepare(
        "INSERT INTO payloads (capture_id, connection_id, sequence, local_port, completed_ms, "
        "responded_ms, target, http_version, chunked, content_type, headers, trailers, "
        "response_headers, response_body, raw_head, body) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        error);
    m_analysis = m_db.prepare(
        "INSERT OR REPLACE INTO analyses (capture_id, decoder_version, kind, contract_state, "
        "summary, action, enterprise_id, enterprise_name, integration_id, integration_name, "
        "event_count, events, entities, kind_reason, lenient, action_known, error_count, "
        "warning_count, note_count, findings, json_error, body_digest) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        error);
    m_status = m_db.prepare(
        "UPDATE captures SET response_status = ?2, rejection = ?3 WHERE id = ?1", error);
    m_response = m_db.prepare("UPDATE payloads SET responded_ms = ?2, response_headers = ?3, "
                              "response_body = ?4 WHERE capture_id = ?1",
                              error);
    return m_capture.isValid() && m_payload.isValid() && m_analysis.isValid() &&
           m_status.isValid() && m_response.isValid();
}

void CaptureWriter::finalize() {
    m_capture = {};
    m_payload = {};
    m_analysis = {};
    m_status = {};
    m_response = {};
}

bool CaptureWriter::fail(QString *error) {
    if (error)
        *error = m_db.describeError(QStringLiteral("Cannot write"));
    return false;
}

// Values are bound without copying (SqliteStatement::bind*View): every buffer below
// lives until the statement has run.
bool CaptureWriter::insertCapture(const Capture &capture, QString *error) {
    const QByteArray path = capture.path();
    const QByteArray remote = capture.remoteAddress.toUtf8();
    const QByteArray rejection = capture.rejection.toUtf8();
    SqliteStatement &c = m_capture;
    c.reset();
    c.bindInt(1, capture.id);
    c.bindInt(2, capture.firstByteUtcMs);
    c.bindTextView(3, capture.origin == CaptureOrigin::HarImport ? QByteArrayView("har-import")
                                                                 : QByteArrayView("listener"));
    c.bindBytesView(4, capture.method);
    c.bindBytesView(5, path);
    c.bindTextView(6, remote);
    c.bindInt(7, capture.remotePort);
    c.bindInt(8, capture.body.size());
    c.bindInt(9, capture.response.status);
    if (capture.rejection.isEmpty())
        c.bindNull(10);
    else
        c.bindTextView(10, rejection);
    if (!c.run())
        return fail(error);

    m_headers.clear();
    SessionColumns::appendHeadersJson(m_headers, capture.headers);
    m_trailers.clear();
    SessionColumns::appendHeadersJson(m_trailers, capture.trailers);
    m_responseHeaders.clear();
    SessionColumns::appendHeadersJson(m_responseHeaders, capture.response.headers);
    const QByteArray contentType = mediaType(capture);
    SqliteStatement &p = m_payload;
    p.reset();
    p.bindInt(1, capture.id);
    p.bindInt(2, qint64(capture.connectionId));
    p.bindInt(3, capture.sequence);
    p.bindInt(4, capture.localPort);
    p.bindInt(5, capture.completeUtcMs);
    p.bindInt(6, capture.response.sentUtcMs);
    p.bindBytesView(7, capture.target);
    p.bindBytesView(8, capture.httpVersion);
    p.bindInt(9, capture.chunked ? 1 : 0);
    if (contentType.isEmpty())
        p.bindNull(10);
    else
        p.bindBytesView(10, contentType);
    p.bindTextView(11, m_headers);
    p.bindTextView(12, m_trailers);
    p.bindTextView(13, m_responseHeaders);
    p.bindBlobView(14, capture.response.body);
    p.bindBlobView(15, capture.rawHead);
    p.bindBlobView(16, capture.body);
    return p.run() || fail(error);
}

bool CaptureWriter::insertAnalysis(qint64 captureId, const MewsAnalysis &analysis,
                                   quint64 bodyDigest, int decoderVersion, QString *error) {
    const QByteArray summary = analysis.summary().toUtf8();
    const QByteArray action = analysis.action.toUtf8();
    const QByteArray enterpriseId = analysis.enterpriseId.toUtf8();
    const QByteArray enterpriseName = analysis.enterpriseName.toUtf8();
    const QByteArray integrationId = analysis.integrationId.toUtf8();
    const QByteArray integrationName = analysis.integrationName.toUtf8();
    const QByteArray events = SessionColumns::eventsToJson(analysis.events);
    const QByteArray entities = SessionColumns::entitiesToJson(analysis.entities);
    const QByteArray kindReason = analysis.kindReason.toUtf8();
    const QByteArray findings = SessionColumns::findingsToJson(analysis.findings);
    const QByteArray jsonError = SessionColumns::jsonErrorToJson(analysis.jsonError);
    const auto nullable = [](SqliteStatement &s, int index, const QByteArray &utf8) {
        if (utf8.isEmpty())
            s.bindNull(index);
        else
            s.bindTextView(index, utf8);
    };
    SqliteStatement &a = m_analysis;
    a.reset();
    a.bindInt(1, captureId);
    a.bindInt(2, decoderVersion);
    a.bindTextView(3, ascii(webhookKindId(analysis.kind)));
    a.bindTextView(4, ascii(contractStateId(analysis.contractState())));
    a.bindTextView(5, summary);
    nullable(a, 6, action);
    nullable(a, 7, enterpriseId);
    nullable(a, 8, enterpriseName);
    nullable(a, 9, integrationId);
    nullable(a, 10, integrationName);
    a.bindInt(11, analysis.events.size());
    nullable(a, 12, events);
    nullable(a, 13, entities);
    a.bindTextView(14, kindReason);
    a.bindInt(15, analysis.lenient ? 1 : 0);
    a.bindInt(16, analysis.actionKnown ? 1 : 0);
    a.bindInt(17, analysis.count(FindingSeverity::Error));
    a.bindInt(18, analysis.count(FindingSeverity::Warning));
    a.bindInt(19, analysis.count(FindingSeverity::Note));
    nullable(a, 20, findings);
    nullable(a, 21, jsonError);
    // SQLite integers are signed: the digest's 64 bits are stored as they are.
    if (bodyDigest == 0)
        a.bindNull(22);
    else
        a.bindInt(22, qint64(bodyDigest));
    return a.run() || fail(error);
}

bool CaptureWriter::updateResponse(qint64 captureId, const CaptureResponse &response,
                                   const QString &rejection, QString *error) {
    m_status.reset();
    m_status.bindInt(1, captureId);
    m_status.bindInt(2, response.status);
    if (rejection.isNull())
        m_status.bindNull(3);
    else
        m_status.bindText(3, rejection);
    if (!m_status.run())
        return fail(error);
    m_responseHeaders.clear();
    SessionColumns::appendHeadersJson(m_responseHeaders, response.headers);
    SqliteStatement &r = m_response;
    r.reset();
    r.bindInt(1, captureId);
    r.bindInt(2, response.sentUtcMs);
    r.bindTextView(3, m_responseHeaders);
    r.bindBlobView(4, response.body);
    return r.run() || fail(error);
}
