#pragma once

#include "analysedcapture.h"
#include "capturewriter.h"
#include "http/capturecommitter.h"
#include "sessionfile.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

/**
 * Makes captures durable in the session file before the listener answers them
 * (group commit), and writes their analyses as they arrive.
 *
 * Lives on the listener thread and owns the only write connection to the file
 * (WAL mode). Each commit() is one transaction with every capture of that
 * event-loop pass. Ids are assigned in arrival order and only grow.
 *
 * When the file cannot be written (disk full, read-only, I/O error), commit()
 * returns false with a one-line reason and the captures stay in memory with
 * their ids; every later commit(), and a retry timer, writes them first, so
 * nothing received is lost once space returns. A capture that the file can never
 * hold (a value over SQLite's length limit) is refused alone instead of holding up
 * the others: it is stored without its bodies and raw head, with a rejection that
 * says why, and commit() answers it 413 if it was going to be accepted.
 *
 * Analyses come from the analysis thread through a queued call to
 * addAnalyses() and are written in batches: with the next commit once
 * AnalysisBatchRows are queued, else in a transaction of their own after
 * AnalysisDelayMs. A commit rewrites each page it touches as a whole frame of the
 * log, so one analysis row per commit would cost a page (8 KiB) per request; in
 * batches a page takes 15-20 rows at once. They are derived data: one lost to a
 * crash is analysed again on the next open. close() (and the destructor) writes
 * whatever is still queued and marks the file as cleanly closed.
 */
class CaptureJournal : public QObject, public CaptureCommitter {
    Q_OBJECT

public:
    static constexpr int RetryIntervalMs = 1000;
    /// Longest an analysis waits to be written.
    static constexpr int AnalysisDelayMs = 250;
    /// Queued analyses that ride along with the next commit.
    static constexpr int AnalysisBatchRows = 256;

    explicit CaptureJournal(QObject *parent = nullptr);
    ~CaptureJournal() override;

    /// Opens a session file, creating it (mode 0600) when it does not exist. Call on
    /// the thread the journal lives on.
    bool open(const QString &path, SessionFile::Durability durability, QString *error);
    /// Writes everything still queued, marks the file cleanly closed (only if nothing
    /// was lost) and closes it. False with a reason when queued data could not be written.
    bool close(QString *error = nullptr);
    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.path(); }

    /// Stored with every analysis row so sessions analysed by an older decoder can be
    /// found and analysed again. CaptureAnalyser::decoderVersion() unless set.
    void setDecoderVersion(int version) { m_decoderVersion = version; }
    int decoderVersion() const { return m_decoderVersion; }

    bool commit(QList<Capture> &captures, QString *error, QList<qsizetype> *refused) override;
    /// For callers that do not answer the captures (imports, tests).
    bool commit(QList<Capture> &captures, QString *error) {
        return commit(captures, error, nullptr);
    }

    /// The largest body, head or response the file takes (1,000,000,000 bytes unless
    /// lowered, which tests do to reach the limit without a gigabyte of memory).
    void setLargestValueBytes(int bytes) { m_file.db().setLargestValueBytes(bytes); }

    /// Captures received but not yet on disk because writing failed.
    qsizetype unwrittenCaptureCount() const { return m_captures.size(); }
    qsizetype queuedAnalysisCount() const { return m_analyses.size(); }
    /// The reason of the last failed write; empty once writing works again.
    QString lastError() const { return m_lastError; }
    qint64 nextCaptureId() const { return m_nextId; }

    /// Appends another session's captures after this one's (see SessionFile::append).
    std::optional<AppendResult> append(const QString &otherPath, QString *error);
    /// Deletes every capture, including ones waiting to be written.
    bool clear(QString *error);

public Q_SLOTS:
    /// Queues analysis rows; written in the next transaction.
    void addAnalyses(const QList<AnalysedCapture> &analysed);
    /// The same for captures of the file at path analysed again, written as soon as a
    /// batch is full; ignored when another file is open now (the session changed while
    /// they were analysed). Either way reanalysesDone() follows.
    void addReanalyses(const QString &path, const QList<AnalysedCapture> &analysed);
    /// Records the response actually sent for a capture and why it was turned away (a 503
    /// after a failed commit, "not stored: ..."), whether it is written yet or not.
    void amendResponse(qint64 captureId, const CaptureResponse &response, const QString &rejection);
    /// Writes everything queued now; false when writing failed (see lastError()).
    bool flush();

Q_SIGNALS:
    /// Writing failed after having worked (or on the first try); reason is one line.
    void writeFailed(const QString &reason);
    /// Captures kept in memory after a failure have now been written.
    void writeRecovered(qsizetype writtenCaptures);
    /// Of the analyses given to addReanalyses(), this many more are written now, or were
    /// dropped (for another file, with none open, cleared, or at close). CapturePipeline
    /// paces a reanalysis by it, so that no more than a few pieces wait here.
    void reanalysesDone(qsizetype count);

private:
    bool write(QString *error, bool withAnalyses = true);
    bool writeAnalyses(QString *error);
    /// Keeps of capture what the file can hold after it refused the capture: reason.
    /// False when there is nothing left to take out.
    bool refuse(Capture &capture, const QString &reason);
    void scheduleFlush(int delayMs);
    void failed(const QString &reason);
    /// Announces the queued reanalyses as done (reanalysesDone()).
    void releaseReanalyses();

    SessionFile m_file;
    CaptureWriter m_writer;
    SqliteStatement m_begin;
    SqliteStatement m_commit;
    QList<Capture> m_captures; ///< waiting to be written (after a failure)
    QList<AnalysedCapture> m_analyses;
    qsizetype m_reanalysesQueued = 0; ///< of m_analyses, those from addReanalyses()
    struct Amendment {
        CaptureResponse response;
        QString rejection;
    };
    QHash<qint64, Amendment> m_responses;
    QHash<qint64, Amendment> m_refused; ///< by write(), for commit() to hand back
    qint64 m_nextId = 1;
    qint64 m_firstId = 1; ///< ids below this were cleared; analyses for them are dropped
    int m_decoderVersion;
    QString m_lastError;
    QTimer m_flushTimer;
    QTimer m_retryTimer;
};
