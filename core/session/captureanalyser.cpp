#include "captureanalyser.h"

#include "capturereader.h"

CaptureAnalyser::CaptureAnalyser(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<QList<Capture>>();
    qRegisterMetaType<QList<AnalysedCapture>>();
}

int CaptureAnalyser::decoderVersion() {
    // Bump when the decoder or contract changes what it reports, so older analyses
    // stored in session files are recomputed when those files are opened.
    // 2: entities and findings follow the body's member order (JsonTree), not name order.
    return 2;
}

AnalysedCapture CaptureAnalyser::analyse(const Capture &capture) const {
    AnalysedCapture result;
    result.capture = capture;
    result.analysis = m_decoder.decode(capture.body, capture.headerValue("Content-Type"));
    result.analysis.memoiseSummary();
    return result;
}

void CaptureAnalyser::analyseBatch(const QList<Capture> &captures) {
    QList<AnalysedCapture> batch;
    batch.reserve(captures.size());
    for (const Capture &capture : captures)
        batch.append(analyse(capture));
    Q_EMIT analysed(batch);
}

void CaptureAnalyser::reanalyse(const QString &sessionPath, const QList<qint64> &ids) {
    m_cancelReanalysis = false;
    CaptureReader reader;
    QString error;
    qint64 done = 0;
    if (!reader.open(sessionPath, &error)) {
        Q_EMIT reanalysisFinished(done, error);
        return;
    }
    QList<AnalysedCapture> piece;
    const bool ok = reader.forEach(
        ids,
        [&](const AnalysedCapture &stored) {
            if (m_cancelReanalysis)
                return false;
            piece.append(analyse(stored.capture));
            if (piece.size() >= ReanalysisBatch) {
                done += piece.size();
                Q_EMIT reanalysed(piece);
                piece.clear();
            }
            return true;
        },
        &error);
    if (!piece.isEmpty()) {
        done += piece.size();
        Q_EMIT reanalysed(piece);
    }
    Q_EMIT reanalysisFinished(done, ok ? QString() : error);
}

void CaptureAnalyser::drain() {
    Q_EMIT drained();
}
