#include "capturereader.h"

#include "capture/bodydigest.h"
#include "captureanalyser.h"
#include "sessioncolumns.h"
#include "sessionschema.h"

#include <sqlite3.h>

namespace {

// LEFT JOIN payloads: a capture whose payload row is missing reads as damaged, not absent.
#define MWI_CAPTURE_COLUMNS                                                                        \
    "SELECT c.id, c.origin, p.connection_id, p.sequence, c.remote_address, c.remote_port, "        \
    "p.local_port, c.received_ms, p.completed_ms, c.method, p.target, p.http_version, p.headers, " \
    "p.trailers, p.chunked, p.body, c.rejection, c.response_status, p.response_headers, "          \
    "p.responded_ms, p.response_body, p.raw_head, a.capture_id IS NOT NULL, a.kind, "              \
    "a.kind_reason, a.lenient, a.action, a.action_known, a.enterprise_id, a.enterprise_name, "     \
    "a.integration_id, a.integration_name, a.findings, a.json_error, a.events, a.entities, "       \
    "p.capture_id IS NOT NULL, %1 "                                                                \
    "FROM captures c LEFT JOIN payloads p ON p.capture_id = c.id "                                 \
    "LEFT JOIN analyses a ON a.capture_id = c.id "

/// The stored digest: a file written before digests were stored has no such column.
QByteArray captureColumns(SqliteDatabase &db) {
    const bool digests = SessionSchema::hasColumn(db, "main", "analyses", "body_digest");
    return QByteArray(MWI_CAPTURE_COLUMNS)
        .replace("%1", digests ? QByteArrayLiteral("a.body_digest") : QByteArrayLiteral("NULL"));
}

QByteArrayView columnView(const SqliteStatement &row, int column) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(row.handle(), column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(row.handle(), column))
                : QByteArrayView();
}

} // namespace

bool CaptureReader::open(const QString &path, QString *error) {
    if (!SessionSchema::checkFileLength(path, error))
        return false;
    if (!m_db.open(path, SqliteDatabase::Mode::ReadOnly, error))
        return false;
    if (!SessionSchema::check(m_db, error) || !SessionSchema::configureConnection(m_db, error) ||
        !prepare(error)) {
        m_one = {};
        m_db.close();
        return false;
    }
    return true;
}

bool CaptureReader::prepare(QString *error) {
    m_columns = captureColumns(m_db);
    m_one = m_db.prepare(QByteArray(m_columns + "WHERE c.id = ?1").constData(), error);
    return m_one.isValid();
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
    if (row.columnInt(36) == 0)
        return damaged("its payload row is missing");
    c.origin = SessionColumns::originFromId(row.columnText(1));
    c.connectionId = quint64(row.columnInt(2));
    // A value out of its range is damage: read as not known and said so, never wrapped.
    QStringList outOfRange;
    const auto checked = [&](auto read, int column, const char *name) {
        bool damaged = false;
        const auto value = read(row.columnInt(column), &damaged);
        if (damaged)
            outOfRange.append(
                QStringLiteral("%1 %2").arg(QLatin1String(name)).arg(row.columnInt(column)));
        return value;
    };
    c.sequence = checked(SessionColumns::sequenceFromColumn, 3, "sequence");
    c.remoteAddress = row.columnText(4);
    c.remotePort = checked(SessionColumns::portFromColumn, 5, "remote_port");
    c.localPort = checked(SessionColumns::portFromColumn, 6, "local_port");
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
    c.response.status = checked(SessionColumns::statusFromColumn, 17, "response_status");
    if (!SessionColumns::headersFromJson(row.columnBytes(18), &c.response.headers))
        return damaged("response headers unreadable");
    c.response.sentUtcMs = row.columnInt(19);
    c.response.body = row.columnBytes(20);
    c.rawHead = row.columnBytes(21);
    const quint64 digest = BodyDigest::of(c.body);
    out->bodyDigest = digest;
    // Bit rot or an edit inside the body leaves the row readable: only the digest stored
    // when the body arrived tells. NULL: not known (an older file, or an empty body).
    const bool digestKnown = sqlite3_column_type(row.handle(), 37) != SQLITE_NULL;
    const quint64 received = quint64(row.columnInt(37));

    MewsAnalysis &a = out->analysis;
    a = MewsAnalysis();
    out->analysed = row.columnInt(22) != 0 && readAnalysis(row, &a);
    if (!out->analysed) {
        // Missing or unreadable: the analysis is derived from the payload, which is intact.
        a = MewsAnalysis();
        if (m_analyseMissing)
            *out = CaptureAnalyser().analyse(c);
    }
    out->bodyAltered = digestKnown && received != digest;
    if (out->bodyAltered) {
        out->bodyDigest = received; // the message it was, so its deliveries stay together
        // First, and as an error: nothing else said of this body can be trusted.
        a.findings.prepend({QString(), FindingSeverity::Error, alteredBodyMessage()});
    }
    if (!outOfRange.isEmpty()) {
        a.findings.prepend(
            {QString(), FindingSeverity::Warning,
             QStringLiteral("The session file is damaged: this capture's row holds %1, out of "
                            "the range of such values; shown as not known.")
                 .arg(outOfRange.join(QStringLiteral(", ")))});
    }
    return true;
}

bool CaptureReader::readAnalysis(SqliteStatement &row, MewsAnalysis *out) {
    MewsAnalysis &a = *out;
    bool knownKind = false;
    a.kind = webhookKindFromId(row.columnText(23), &knownKind);
    a.kindReason = row.columnText(24);
    a.lenient = row.columnInt(25) != 0;
    a.action = row.columnText(26);
    a.actionKnown = row.columnInt(27) != 0;
    a.enterpriseId = row.columnText(28);
    a.enterpriseName = row.columnText(29);
    a.integrationId = row.columnText(30);
    a.integrationName = row.columnText(31);
    // Any column that does not read as this build writes it makes the whole row unreadable,
    // so the capture is analysed again rather than shown with half an analysis.
    return knownKind && SessionColumns::findingsFromJson(row.columnBytes(32), &a.findings) &&
           SessionColumns::jsonErrorFromJson(row.columnBytes(33), &a.jsonError) &&
           SessionColumns::eventsFromJson(columnView(row, 34), &a.events) &&
           SessionColumns::entitiesFromJson(columnView(row, 35), &a.entities);
}

QString CaptureReader::alteredBodyMessage() {
    return QStringLiteral("The body no longer matches what was received: its digest differs "
                          "from the one stored when it arrived, so the session file was "
                          "damaged or changed since. It is shown as it is stored now.");
}

QString CaptureReader::readError() const {
    const int code = m_db.extendedErrorCode() & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        return SessionSchema::damagedMessage(m_db.path(),
                                             QString::fromUtf8(sqlite3_errmsg(m_db.handle())));
    return m_db.describeError(QStringLiteral("Cannot read"));
}

bool CaptureReader::readOrSkip(SqliteStatement &row, AnalysedCapture *out, bool *skipped,
                               QString *error) {
    QString damage;
    if (readRow(row, out, &damage))
        return true;
    if (!m_skipDamaged) {
        if (error)
            *error = damage;
        return false;
    }
    *skipped = true;
    m_skipDamaged(out->capture.id, damage);
    return true;
}

bool CaptureReader::stepTo(qint64 id, QString *error) {
    m_one.reset();
    m_one.bindInt(1, id);
    switch (m_one.step()) {
    case SqliteStatement::Step::Row:
        return true;
    case SqliteStatement::Step::Done:
        if (error)
            *error = m_db.path() + QStringLiteral(": there is no capture %1").arg(id);
        break;
    case SqliteStatement::Step::Error:
        if (error)
            *error = readError();
        break;
    }
    return false;
}

std::optional<AnalysedCapture> CaptureReader::read(qint64 id, QString *error) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return std::nullopt;
    }
    AnalysedCapture capture;
    const bool ok = stepTo(id, error) && readRow(m_one, &capture, error);
    m_one.reset();
    if (!ok)
        return std::nullopt;
    return capture;
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
        AnalysedCapture capture;
        for (qint64 id : ids) {
            bool skipped = false;
            if (!stepTo(id, error) || !readOrSkip(m_one, &capture, &skipped, error)) {
                ok = false;
                break;
            }
            if (!skipped && !visit(capture))
                break;
        }
        m_one.reset();
        if (transaction)
            m_db.exec("COMMIT", nullptr);
        return ok;
    }
    // One statement, one read transaction: a consistent snapshot even while the
    // journal appends.
    SqliteStatement all = m_db.prepare(QByteArray(m_columns + "ORDER BY c.id").constData(), error);
    if (!all.isValid())
        return false;
    AnalysedCapture capture;
    SqliteStatement::Step step;
    while ((step = all.step()) == SqliteStatement::Step::Row) {
        bool skipped = false;
        if (!readOrSkip(all, &capture, &skipped, error))
            return false;
        if (!skipped && !visit(capture))
            return true;
    }
    if (step == SqliteStatement::Step::Error) {
        if (error)
            *error = readError();
        return false;
    }
    return true;
}

qint64 CaptureReader::count(QString *error) {
    return m_db.queryInt("SELECT count(*) FROM captures", -1, error);
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
        *error = readError();
    return ids;
}
