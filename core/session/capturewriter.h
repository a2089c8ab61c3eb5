#pragma once

#include "capture/capture.h"
#include "mews/mewsanalysis.h"
#include "sqlitedatabase.h"

#include <QString>

/**
 * Inserts captures and their analyses into an open session database with
 * prepared statements that are reused for every row. The caller owns the
 * transaction; every method returns false with a one-line reason on failure.
 */
class CaptureWriter {
public:
    explicit CaptureWriter(SqliteDatabase &db);

    bool prepare(QString *error);
    /// Finalizes the statements (before the connection closes).
    void finalize();
    /// capture.id must be set (> 0). Writes its captures row and its payloads row.
    bool insertCapture(const Capture &capture, QString *error);
    /// Replaces any earlier analysis of the capture (re-analysis with a newer decoder).
    /// bodyDigest: BodyDigest::of() its body (0, stored as NULL, when the body is empty).
    bool insertAnalysis(qint64 captureId, const MewsAnalysis &analysis, quint64 bodyDigest,
                        int decoderVersion, QString *error);
    /// Rewrites the response of a stored capture (the listener answered 503 after a failed commit).
    bool updateResponse(qint64 captureId, const CaptureResponse &response, const QString &rejection,
                        QString *error);

private:
    bool fail(QString *error);

    SqliteDatabase &m_db;
    SqliteStatement m_capture;
    SqliteStatement m_payload;
    SqliteStatement m_analysis;
    SqliteStatement m_status;
    SqliteStatement m_response;
    // Reused for every row, so a commit allocates little.
    QByteArray m_headers;
    QByteArray m_trailers;
    QByteArray m_responseHeaders;
};
