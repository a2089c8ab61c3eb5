#pragma once

#include "session/capturestore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

/**
 * Free-text search over the request head (request line and headers) and body of
 * every capture of the store's session file, off the GUI thread.
 *
 * Each run reads the file through its own read-only SQLite connection (WAL lets it
 * read while the journal writes), in id order, and sends the ids it finds back in
 * chunks through a queued call guarded by a QPointer; a new text or cancel() stops the
 * run in flight and its late results are dropped. After a run, captures that arrive
 * are searched too: only ids above the last one searched, a short moment after they
 * arrive. A session opened or cleared starts over.
 *
 * Matching is case-insensitive (ASCII byte for byte, other scripts after decoding; see
 * TextNeedle). Captures the journal could not write yet are found once written.
 */
class TextSearch : public QObject {
    Q_OBJECT

public:
    /// How long captures that arrived wait to be searched together.
    static constexpr int FollowUpDelayMs = 100;
    /// How often a run sends what it found so far.
    static constexpr int ChunkIntervalMs = 200;

    explicit TextSearch(CaptureStore *store, QObject *parent = nullptr);
    ~TextSearch() override;

    /// Starts searching for text (empty: stops, and there is no text criterion).
    void setText(const QString &text);
    QString text() const { return m_text; }
    /// Stops the run in flight and searches no more (not even captures that arrive) until
    /// the next setText(); the matches found so far stay.
    void cancel();
    bool isCancelled() const { return m_cancelled; }
    bool isRunning() const { return m_running; }
    /// Ids found so far for text(), ascending.
    const QList<qint64> &matches() const { return m_matches; }
    /// The highest id searched so far (0 before the first run finished).
    qint64 searchedUpTo() const { return m_searchedUpTo; }

Q_SIGNALS:
    /// Earlier matches are void: a new text, or a session opened or cleared.
    void matchesReset(const QString &text);
    /// More matching ids, ascending, all above the ones sent before.
    void matchesFound(const QList<qint64> &ids);
    void progress(qint64 searched, qint64 total);
    /// A run went through every capture that was in the file when it started.
    void finished(qsizetype matchCount);
    void failed(const QString &error);

private:
    struct Chunk;
    void startOver();
    void startRun();
    void scheduleFollowUp();
    void receive(quint64 generation, const Chunk &chunk);
    void stopRun();

    QPointer<CaptureStore> m_store;
    QString m_text;
    QList<qint64> m_matches;
    qint64 m_searchedUpTo = 0;
    bool m_running = false;
    bool m_followUp = false;  ///< captures arrived during the run
    bool m_cancelled = false; ///< cancel() was called for the current text
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QThread *> m_threads; ///< runs not yet finished (cancelled ones included)
    QTimer m_followUpTimer;
};
