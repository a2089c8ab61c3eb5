#include "capturepipeline.h"

#include "captureanalyser.h"
#include "capturebacklog.h"
#include "capturejournal.h"
#include "heaptrim.h"
#include "http/listenerhost.h"

#include <QPointer>
#include <QSemaphore>
#include <QTimer>

namespace {

/// The listener's committer: forwards to the session's journal, which outlives
/// listener restarts. Both live on the listener thread.
class JournalCommitter final : public CaptureCommitter {
public:
    explicit JournalCommitter(CaptureJournal *journal)
        : m_journal(journal) {}

    bool commit(QList<Capture> &captures, QString *error, QList<qsizetype> *refused) override {
        if (!m_journal->isOpen()) {
            if (error)
                *error = QStringLiteral("no session file is open to record captures in");
            return false;
        }
        return m_journal->commit(captures, error, refused);
    }

    void responsesReplaced(const QList<Capture> &captures) override {
        // The 503 actually sent after a failed commit replaces the planned response
        // in the rows the journal still holds or writes later.
        for (const Capture &capture : captures)
            m_journal->amendResponse(capture.id, capture.response, capture.rejection);
    }

private:
    CaptureJournal *m_journal;
};

qint64 bytesOf(const QList<Capture> &batch) {
    qint64 bytes = 0;
    for (const Capture &capture : batch)
        bytes += CaptureBacklog::weightOf(capture);
    return bytes;
}

/// Bounds every wait of the destructor, so a wedged thread cannot hang the app on exit.
constexpr int ShutdownWaitMs = 10000;

/// Runs work in object's thread and blocks until it has run (or the wait times out).
bool runAndWait(QObject *object, const std::function<void()> &work) {
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        object,
        [work, done] {
            work();
            done->release();
        },
        Qt::QueuedConnection);
    return done->tryAcquire(1, ShutdownWaitMs);
}

} // namespace

CapturePipeline::CapturePipeline(QObject *parent)
    : QObject(parent)
    , m_host(new ListenerHost(this))
    , m_analyser(new CaptureAnalyser)
    , m_journal(new CaptureJournal)
    , m_backlog(std::make_shared<CaptureBacklog>()) {
    qRegisterMetaType<SessionInfo>();
    m_analysisThread.setObjectName(QStringLiteral("mwi-analysis"));
    m_analyser->moveToThread(&m_analysisThread);
    m_analysisThread.start();

    m_journal->moveToThread(m_host->listenerThread());
    m_host->setCommitterFactory(
        [journal = m_journal](QString *) { return std::make_unique<JournalCommitter>(journal); });

    // Captures go from the listener thread straight to the analysis thread, and the
    // analyses straight back to the journal: the owner's thread is never a relay.
    connect(m_host, &ListenerHost::captured, m_analyser, &CaptureAnalyser::analyseBatch);
    connect(m_analyser, &CaptureAnalyser::analysed, m_journal, &CaptureJournal::addAnalyses);
    connect(m_analyser, &CaptureAnalyser::reanalysed, m_journal, &CaptureJournal::addReanalyses);
    connect(m_analyser, &CaptureAnalyser::analysed, this, &CapturePipeline::analysed);
    // Flow control (CaptureBacklog): the listener thread waits, after handing a batch
    // on, while too much of what it handed on has not reached the owner yet. Connected
    // after the hand-off and after the owner's signal, so both have run first.
    connect(
        m_host, &ListenerHost::captured, m_journal,
        [backlog = m_backlog](const QList<Capture> &batch) {
            backlog->admit(batch.size(), bytesOf(batch));
        },
        Qt::DirectConnection);
    connect(m_analyser, &CaptureAnalyser::analysed, this,
            [this](const QList<AnalysedCapture> &batch) {
                if (m_ownerAcknowledges)
                    return; // the owner calls acknowledge() once it has used them
                qint64 bytes = 0;
                for (const AnalysedCapture &capture : batch)
                    bytes += CaptureBacklog::weightOf(capture.capture);
                m_backlog->done(batch.size(), bytes);
            });
    // The owner applies each piece while it is emitted here, and the journal writes it;
    // only then may the analyser send another (CaptureAnalyser::PiecesInFlight).
    connect(m_analyser, &CaptureAnalyser::reanalysed, this,
            [this](const QString &path, const QList<AnalysedCapture> &batch) {
                if (path == m_sessionPath)
                    Q_EMIT reanalysed(batch);
                m_reanalysedSent += batch.size();
                m_reanalysedPieceEnds.enqueue(m_reanalysedSent);
                releaseReanalysedPieces();
            });
    connect(m_journal, &CaptureJournal::reanalysesDone, this, [this](qsizetype count) {
        m_reanalysedWritten += count;
        releaseReanalysedPieces();
    });
    // The last piece was applied before this arrives (both are queued from the analyser).
    connect(m_analyser, &CaptureAnalyser::reanalysisFinished, this,
            [this](qint64 count, const QString &error) {
                // The old analyses were freed piece by piece; the journal frees the last
                // pieces once it has written them (within CaptureJournal::AnalysisDelayMs).
                QTimer::singleShot(ReanalysisTrimDelayMs, this,
                                   [] { HeapTrim::releaseFreePagesSoon(); });
                Q_EMIT reanalysisFinished(count, error);
            });

    connect(m_host, &ListenerHost::listening, this, &CapturePipeline::listening);
    connect(m_host, &ListenerHost::listenerFailed, this, &CapturePipeline::listenerFailed);
    connect(m_host, &ListenerHost::stopped, this, &CapturePipeline::listenerStopped);
    connect(m_journal, &CaptureJournal::writeFailed, this, &CapturePipeline::storageFailed);
    connect(m_journal, &CaptureJournal::writeRecovered, this,
            [this](qsizetype written) { Q_EMIT storageRecovered(written); });
}

CapturePipeline::~CapturePipeline() {
    // This thread is the owner and stops receiving batches now: the listener must not
    // wait for it while it answers what it already received.
    m_backlog->release();
    m_analyser->cancelReanalysis();
    // Order matters: the listener answers what it already received and hands it to the
    // analyser; the analyser's last results reach the journal's queue before the journal
    // is closed (events between two threads keep their order).
    m_host->stopAndWait(ListenerHost::DefaultGraceMs);
    runAndWait(m_analyser, [] {});
    CaptureJournal *journal = m_journal;
    if (runAndWait(journal, [journal] { journal->close(); }))
        delete journal; // its thread is idle now; the timers it owns are stopped by close()
    delete m_host;
    m_analysisThread.quit();
    m_analysisThread.wait();
    delete m_analyser;
}

void CapturePipeline::runOnListenerThread(std::function<void()> work) {
    QMetaObject::invokeMethod(m_journal, std::move(work), Qt::QueuedConnection);
}

void CapturePipeline::openSession(const QString &path, SessionFile::Durability durability) {
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    CaptureAnalyser *analyser = m_analyser;
    runOnListenerThread([self, journal, analyser, path, durability] {
        QString error;
        if (journal->isOpen())
            journal->close(&error);
        error.clear();
        bool ok = !SessionFile::needsCreating(path) || SessionFile::create(path, &error);
        ok = ok && journal->open(path, durability, &error);
        std::optional<SessionInfo> info;
        // Not counted here: that reads the captures table, and a big session's would
        // hold up the listener (whoever needs the count asks for it).
        if (ok)
            info = SessionFile::inspect(path, &error, false);
        const auto tell = [self, path, ok, error, info] {
            if (!self)
                return;
            if (!ok) {
                Q_EMIT self->sessionFailed(path, error);
                return;
            }
            self->m_sessionPath = path;
            SessionInfo fallback;
            fallback.path = path;
            Q_EMIT self->sessionOpened(path, info.value_or(fallback));
        };
        // By way of the analysis thread, where the captures of the session before are
        // queued ahead of this (as drained() is): the owner gets every analysed() batch of
        // theirs before sessionOpened(), and only this session's after it.
        QMetaObject::invokeMethod(
            analyser,
            [self, tell] {
                if (self)
                    QMetaObject::invokeMethod(self.data(), tell);
            },
            Qt::QueuedConnection);
    });
}

void CapturePipeline::closeSession() {
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    runOnListenerThread([self, journal] {
        QString error;
        const bool ok = journal->close(&error);
        QMetaObject::invokeMethod(self, [self, ok, error] {
            if (!self)
                return;
            self->m_sessionPath.clear();
            if (!ok)
                Q_EMIT self->operationFailed(QStringLiteral("Close session"), error);
            Q_EMIT self->sessionClosed();
        });
    });
}

void CapturePipeline::saveSessionAs(const QString &target, bool moveFile) {
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    // On the listener thread, so no capture can be committed between the copy and the
    // switch: whatever arrives meanwhile waits a moment and lands in the new file.
    runOnListenerThread([self, journal, target, moveFile] {
        QString error;
        const QString source = journal->path();
        const SessionFile::Durability durability = SessionFile::Durability::Normal;
        bool ok = journal->isOpen();
        if (!ok)
            error = QStringLiteral("no session is open");
        ok = ok && journal->flush();
        if (ok && moveFile) {
            ok = journal->close(&error) && SessionFile::move(source, target, &error);
            if (!ok) {
                QString reopenError;
                journal->open(source, durability, &reopenError);
            }
        } else if (ok) {
            ok = SessionFile::saveCopy(source, target, &error) && journal->close(&error);
        }
        if (ok && !journal->open(target, durability, &error)) {
            // The copy is good but cannot be written: go on recording into the original.
            ok = false;
            QString reopenError;
            journal->open(source, durability, &reopenError);
        }
        if (!ok && error.isEmpty())
            error = journal->lastError();
        QMetaObject::invokeMethod(self, [self, ok, error, target] {
            if (!self)
                return;
            if (!ok) {
                Q_EMIT self->operationFailed(QStringLiteral("Save As"), error);
                return;
            }
            // Pieces of a reanalysis still to come belong to the new file (those on
            // their way now are dropped, and analysed again at the next open).
            QMetaObject::invokeMethod(self->m_analyser,
                                      [analyser = self->m_analyser, from = self->m_sessionPath,
                                       target] { analyser->sessionMoved(from, target); });
            self->m_sessionPath = target;
            Q_EMIT self->sessionSaved(target);
        });
    });
}

void CapturePipeline::clearSession() {
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    runOnListenerThread([self, journal] {
        QString error;
        const bool ok = journal->clear(&error);
        QMetaObject::invokeMethod(self, [self, ok, error] {
            if (!self)
                return;
            if (ok)
                Q_EMIT self->sessionCleared();
            else
                Q_EMIT self->operationFailed(QStringLiteral("Clear"), error);
        });
    });
}

void CapturePipeline::appendSession(const QString &otherPath) {
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    runOnListenerThread([self, journal, otherPath] {
        QString error;
        const std::optional<AppendResult> result = journal->append(otherPath, &error);
        QMetaObject::invokeMethod(self, [self, result, error] {
            if (!self)
                return;
            if (result)
                Q_EMIT self->sessionAppended(result->firstId, result->lastId);
            else
                Q_EMIT self->operationFailed(QStringLiteral("Append session"), error);
        });
    });
}

void CapturePipeline::retire(QList<QList<AnalysedCapture>> batches) {
    // The functor, and the lists in it, is destroyed on the analyser's thread after it ran
    // (or, if that thread has stopped, with the analyser).
    QMetaObject::invokeMethod(
        m_analyser, [dead = std::move(batches)]() mutable { dead = {}; }, Qt::QueuedConnection);
}

void CapturePipeline::releaseReanalysedPieces() {
    while (!m_reanalysedPieceEnds.isEmpty() &&
           m_reanalysedPieceEnds.head() <= m_reanalysedWritten) {
        m_reanalysedPieceEnds.dequeue();
        QMetaObject::invokeMethod(m_analyser, &CaptureAnalyser::pieceApplied, Qt::QueuedConnection);
    }
}

void CapturePipeline::recordAgain(const QList<Capture> &captures) {
    if (captures.isEmpty())
        return;
    QPointer<CapturePipeline> self(this);
    CaptureJournal *journal = m_journal;
    CaptureAnalyser *analyser = m_analyser;
    runOnListenerThread([self, journal, analyser, backlog = m_backlog, captures] {
        if (!journal->isOpen()) {
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, n = captures.size()] {
                    if (self)
                        Q_EMIT self->operationFailed(
                            QStringLiteral("Record %1 captures again").arg(n),
                            QStringLiteral("no session file is open"));
                });
            return;
        }
        // New ids come from the commit. When it fails (a full disk), the journal keeps them
        // and writes them first once it can, as it does live captures.
        QList<Capture> batch = captures;
        QString error;
        journal->commit(batch, &error);
        QMetaObject::invokeMethod(
            analyser, [analyser, batch] { analyser->analyseBatch(batch); }, Qt::QueuedConnection);
        backlog->admit(batch.size(), bytesOf(batch));
    });
}

void CapturePipeline::reanalyse(const QList<qint64> &ids) {
    if (ids.isEmpty() || m_sessionPath.isEmpty())
        return;
    QMetaObject::invokeMethod(m_analyser, [analyser = m_analyser, path = m_sessionPath, ids] {
        analyser->reanalyse(path, ids);
    });
}

void CapturePipeline::acknowledge(qsizetype captures, qint64 bytes) {
    m_backlog->done(captures, bytes);
}

void CapturePipeline::startListening(const ListenerConfig &config) {
    // A stop asked for before the session opened (Ctrl+C at start-up) stays a stop: the
    // listener would outlive shutDown(), and write into a closed journal.
    if (m_shuttingDown)
        return;
    m_host->start(config);
}

bool CapturePipeline::setListenerConfig(const ListenerConfig &config, QString *error) {
    return m_host->setConfig(config, error);
}

void CapturePipeline::stopListening() {
    m_host->stop();
}

bool CapturePipeline::isListening() const {
    return m_host->isActive();
}

ListenerConfig CapturePipeline::listenerConfig() const {
    return m_host->config();
}

void CapturePipeline::shutdown() {
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_analyser->cancelReanalysis();
    if (!m_host->isActive()) {
        finishShutdown();
        return;
    }
    connect(m_host, &ListenerHost::stopped, this, &CapturePipeline::finishShutdown,
            Qt::SingleShotConnection);
    m_host->stop();
}

void CapturePipeline::finishShutdown() {
    // drained() is queued behind every analysed() batch, so the owner has seen them all.
    connect(
        m_analyser, &CaptureAnalyser::drained, this,
        [this] {
            QPointer<CapturePipeline> self(this);
            CaptureJournal *journal = m_journal;
            runOnListenerThread([self, journal] {
                QString error;
                const bool ok = journal->close(&error);
                QMetaObject::invokeMethod(self, [self, ok, error] {
                    if (!self)
                        return;
                    if (!ok)
                        Q_EMIT self->operationFailed(QStringLiteral("Close session"), error);
                    self->m_sessionPath.clear();
                    Q_EMIT self->shutDown();
                });
            });
        },
        Qt::SingleShotConnection);
    QMetaObject::invokeMethod(m_analyser, &CaptureAnalyser::drain, Qt::QueuedConnection);
}
