#pragma once

#include "analysedcapture.h"
#include "http/listenerconfig.h"
#include "http/listenerfailure.h"
#include "sessionfile.h"

#include <QHostAddress>
#include <QObject>
#include <QQueue>
#include <QThread>

#include <memory>

class CaptureAnalyser;
class CaptureBacklog;
class CaptureJournal;
class ListenerHost;

/**
 * The live capture pipeline: listener → journal (group commit into the session
 * file) → analyser → the owner, each stage on its own thread.
 *
 *   listener thread:  HttpListener, CaptureJournal (the session file's only writer)
 *   analysis thread:  CaptureAnalyser (WebhookDecoder)
 *   owner thread:     receives analysed() batches; never parses, never touches sockets or disk
 *
 * The listener slows down (CaptureBacklog) when the owner falls too far behind, so a
 * sustained overload costs latency, not unbounded memory.
 *
 * The journal belongs to the session, not to the listener, so listening can be
 * stopped and started without touching the session file. Every call returns at
 * once; outcomes arrive as signals on the owner's thread.
 */
class CapturePipeline : public QObject {
    Q_OBJECT

public:
    explicit CapturePipeline(QObject *parent = nullptr);
    /// Stops listening (graceful), writes every queued analysis and closes the session
    /// file cleanly. Blocks for at most a few seconds.
    ~CapturePipeline() override;

    // --- the session file captures go into -----------------------------------------
    /// Opens (creating when missing) the file captures are written to; sessionOpened()
    /// or sessionFailed() follows. A session already open is closed cleanly first, and
    /// every analysed() batch of its captures comes before sessionOpened().
    void openSession(const QString &path,
                     SessionFile::Durability durability = SessionFile::Durability::Normal);
    /// Closes the session file cleanly; sessionClosed() follows.
    void closeSession();
    /// Writes the session to target and continues in it: renames an untitled live
    /// file (moveFile), or makes an atomic copy. sessionSaved() or operationFailed().
    void saveSessionAs(const QString &target, bool moveFile);
    /// Deletes every capture of the session; sessionCleared() follows.
    void clearSession();
    /// Appends another session's captures; sessionAppended() or operationFailed().
    void appendSession(const QString &otherPath);
    /// Analyses captures of the open session again (missing or outdated analyses).
    void reanalyse(const QList<qint64> &ids);
    /// Records captures received into another session file into this one, as new
    /// captures after its own (they get new ids); they are analysed and reach analysed()
    /// like live ones. For captures recorded into a file the window then could not read.
    void recordAgain(const QList<Capture> &captures);
    QString sessionPath() const { return m_sessionPath; }

    // --- the listener -------------------------------------------------------------------
    void startListening(const ListenerConfig &config);
    bool setListenerConfig(const ListenerConfig &config, QString *error = nullptr);
    void stopListening();
    bool isListening() const;
    ListenerConfig listenerConfig() const;

    // --- flow control ---------------------------------------------------------------------
    /// By default a batch counts as consumed once analysed() has been delivered. An owner
    /// that queues the batches further (the window's CaptureFeed) turns this on and calls
    /// acknowledge() as it uses or drops them, so the listener slows down (TCP pushes back
    /// on senders) instead of the queue growing without limit under overload.
    void setOwnerAcknowledges(bool on) { m_ownerAcknowledges = on; }
    /// Owner thread: that many captures of analysed() batches, weighing
    /// CaptureBacklog::weightOf() bytes in all, are used or dropped.
    void acknowledge(qsizetype captures, qint64 bytes);

    /// Frees captures the owner no longer keeps (CaptureStore::setRetire) on the analysis
    /// thread, which made their analyses. On the owner's thread that took about a fifth of
    /// its time under load: glibc frees into another thread's arena under that arena's lock.
    void retire(QList<QList<AnalysedCapture>> batches);

    /// Stops listening gracefully, waits until every capture has been analysed and
    /// written, closes the session cleanly, then shutDown(). For SIGINT/SIGTERM.
    void shutdown();

Q_SIGNALS:
    /// info.captureCount is -1: counting them would hold up the listener.
    void sessionOpened(const QString &path, const SessionInfo &info);
    void sessionFailed(const QString &path, const QString &error);
    void sessionClosed();
    void sessionSaved(const QString &path);
    void sessionCleared();
    void sessionAppended(qint64 firstId, qint64 lastId);
    void operationFailed(const QString &operation, const QString &error);

    void listening(const QHostAddress &address, quint16 port);
    void listenerFailed(const ListenerFailure &failure);
    void listenerStopped();

    /// Live captures, analysed, in arrival order; one signal per listener batch.
    void analysed(const QList<AnalysedCapture> &batch);
    /// Captures of the open session analysed again after reanalyse().
    void reanalysed(const QList<AnalysedCapture> &batch);
    void reanalysisFinished(qint64 count, const QString &error);

    /// The session file could not be written (disk full, I/O error); captures are kept
    /// in memory and answered with 503 until writing works again.
    void storageFailed(const QString &reason);
    void storageRecovered(qint64 writtenCaptures);

    void shutDown();

private:
    /// After a reanalysis, when the free heap goes back to the system (HeapTrim): the
    /// journal has written and freed the last pieces by then.
    static constexpr int ReanalysisTrimDelayMs = 1000;

    void runOnListenerThread(std::function<void()> work);
    /// Lets the analyser go on for each reanalysed piece both applied and written.
    void releaseReanalysedPieces();
    void finishShutdown();

    ListenerHost *m_host;
    QThread m_analysisThread;
    CaptureAnalyser *m_analyser;
    CaptureJournal *m_journal;                 ///< lives on the listener thread
    std::shared_ptr<CaptureBacklog> m_backlog; ///< shared with the listener thread's hook
    QString m_sessionPath;
    /// Reanalysis pacing: a piece counts as in flight (CaptureAnalyser::PiecesInFlight)
    /// until the owner has applied it and the journal has written it. Without the
    /// journal's part, the analyses of 1,000,000 captures ran up to 650 MiB ahead of it.
    qint64 m_reanalysedSent = 0;          ///< captures in the pieces the owner applied
    qint64 m_reanalysedWritten = 0;       ///< captures the journal wrote (reanalysesDone())
    QQueue<qint64> m_reanalysedPieceEnds; ///< m_reanalysedSent at the end of each piece
    bool m_shuttingDown = false;
    bool m_ownerAcknowledges = false;
};
