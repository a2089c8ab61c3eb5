#pragma once

#include "analysedcapture.h"
#include "mews/webhookdecoder.h"

#include <QObject>
#include <QString>

#include <atomic>

/**
 * The analysis stage of the live pipeline: decodes captures off the listener and
 * GUI threads. Lives on its own thread; every batch in gives one batch out, in order.
 */
class CaptureAnalyser : public QObject {
    Q_OBJECT

public:
    /// Re-analysed captures are read from the file in pieces of this many.
    static constexpr int ReanalysisBatch = 256;

    explicit CaptureAnalyser(QObject *parent = nullptr);

    /// The decoder's contract version, stored with every analysis row.
    static int decoderVersion();
    /// Decodes one capture; what every stage and tool uses, so results never differ.
    AnalysedCapture analyse(const Capture &capture) const;

    /// Stops a running reanalyse() at its next batch.
    void cancelReanalysis() { m_cancelReanalysis = true; }

public Q_SLOTS:
    void analyseBatch(const QList<Capture> &captures);
    /// Reads the given captures from a session file and analyses them again, emitting
    /// reanalysed() per piece and reanalysisFinished() at the end.
    void reanalyse(const QString &sessionPath, const QList<qint64> &ids);
    /// Emits drained() once every batch queued before this call has been analysed.
    void drain();

Q_SIGNALS:
    void analysed(const QList<AnalysedCapture> &batch);
    void reanalysed(const QList<AnalysedCapture> &batch);
    void reanalysisFinished(qint64 count, const QString &error);
    void drained();

private:
    WebhookDecoder m_decoder;
    std::atomic_bool m_cancelReanalysis = false;
};
