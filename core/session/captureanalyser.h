#pragma once

#include "analysedcapture.h"
#include "mews/webhookdecoder.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

/**
 * The analysis stage of the live pipeline: decodes captures off the listener and
 * GUI threads. Lives on its own thread; every batch in gives one batch out, in order.
 *
 * It also analyses a session's stored captures again (reanalyse()), one piece per turn
 * of its event loop, so live batches keep their turn. At most PiecesInFlight pieces are
 * out before their consumer calls pieceApplied(): a session of a million captures
 * otherwise queued gigabytes of results faster than the window could apply them.
 */
class CaptureAnalyser : public QObject {
    Q_OBJECT

public:
    /// Re-analysed captures are read from the file in pieces of this many.
    static constexpr int ReanalysisBatch = 256;
    /// Pieces emitted and not yet applied, at most.
    static constexpr int PiecesInFlight = 4;

    explicit CaptureAnalyser(QObject *parent = nullptr);
    ~CaptureAnalyser() override;

    /// The decoder's contract version, stored with every analysis row.
    static int decoderVersion();
    /// Decodes one capture; what every stage and tool uses, so results never differ.
    AnalysedCapture analyse(const Capture &capture) const;

    /// Stops the running and queued reanalyse() runs at their next piece (thread-safe).
    void cancelReanalysis() { m_cancelReanalysis = true; }

public Q_SLOTS:
    void analyseBatch(const QList<Capture> &captures);
    /// Reads the given captures from a session file and analyses them again, emitting
    /// reanalysed() per piece and reanalysisFinished() at the end. Runs after the
    /// reanalyses of the same file asked for before it; those of another file (a
    /// session no longer open) stop.
    void reanalyse(const QString &sessionPath, const QList<qint64> &ids);
    /// The session file was saved as another (Save As): runs for from go on as runs for
    /// to, where the journal now writes.
    void sessionMoved(const QString &from, const QString &to);
    /// The consumer has applied one piece of reanalysed(): the next may follow.
    void pieceApplied();
    /// Emits drained() once every batch queued before this call has been analysed.
    void drain();

Q_SIGNALS:
    void analysed(const QList<AnalysedCapture> &batch);
    /// One piece of a reanalysis of the session file at sessionPath.
    void reanalysed(const QString &sessionPath, const QList<AnalysedCapture> &batch);
    void reanalysisFinished(qint64 count, const QString &error);
    void drained();

private:
    struct Reanalysis;

    /// Analyses the next piece of the current reanalysis, if the consumer is ready.
    void reanalyseNext();
    void scheduleNext();
    void finishCurrent(const QString &error);

    WebhookDecoder m_decoder;
    std::atomic_bool m_cancelReanalysis = false;
    QList<std::pair<QString, QList<qint64>>> m_queued; ///< runs asked for, not started
    std::unique_ptr<Reanalysis> m_current;
    int m_inFlight = 0;
    bool m_scheduled = false;
};
