#pragma once

#include "analysedcapture.h"
#include "captureindex.h"
#include "capturereader.h"
#include "recentcaptures.h"
#include "sessionloader.h"

#include <QObject>
#include <QSet>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

/**
 * The app's single source of truth about the current session, on the GUI thread.
 *
 * Holds only the CaptureIndex (64 bytes per capture plus interned strings) and
 * reads whole captures from the session file on demand through its own read
 * connection; the most recent live captures are kept whole so the detail view
 * of a capture that just arrived never waits for the disk. Append-only: a row's
 * position never changes until clear() or a new session.
 *
 * Models take the store in their constructor and follow its signals: on
 * rowsAppended(first, last) a model calls beginInsertRows(first, last) /
 * endInsertRows() once for the whole batch.
 */
class CaptureStore : public QObject {
    Q_OBJECT

public:
    /// How many of the most recently appended captures are kept whole in memory.
    static constexpr int KeptRecentCaptures = 512;

    explicit CaptureStore(QObject *parent = nullptr);
    ~CaptureStore() override;

    /// Reads the session's index on a worker thread; opened() or openFailed() follows
    /// on this thread. A second call cancels the first. Nothing changes until success.
    void openAsync(const QString &path, const SessionLoader::Options &options = {});
    void cancelOpen();
    bool isOpening() const { return m_loader != nullptr; }

    /// Replaces the contents with a loaded session and reads from its file; emits reset().
    bool adopt(LoadedSession session, QString *error);
    /// Adds index rows read after an append to the file (ids above the current ones).
    void appendLoaded(const LoadedSession &more);
    /// Forgets every row (after the journal cleared the file); emits cleared().
    void clear();
    /// Forgets the rows and closes the read connection; emits cleared(). Close the store
    /// before the journal so the journal's close can fold the WAL into the file.
    void close();
    QString path() const { return m_reader.isOpen() ? m_reader.path() : QString(); }
    /// Closes the read connection but keeps every row (before the file is moved by Save
    /// As); until relocate(), capture() answers only for the recent captures.
    void releaseFile();
    /// Reads from another file that holds the same captures (the file after Save As).
    /// Keeps the rows; on failure the store stays without a file.
    bool relocate(const QString &path, QString *error);

    /// Appends live captures, ids above the current ones; one rowsAppended() per call.
    void append(QList<AnalysedCapture> batch);
    /// The same for several batches in order, with one rowsAppended(); each batch is kept
    /// as it is (shared, not copied capture by capture) among the recent captures.
    void append(QList<QList<AnalysedCapture>> batches);
    /// New analyses of captures already in the store; emits rowsChanged() per run.
    void updateAnalyses(const QList<AnalysedCapture> &batch);
    /// A reanalysis ended, finished or not (failed, cancelled): delivery numbers it left
    /// provisional follow arrival order again among the rows with known digests.
    void reanalysisEnded();
    /// While rowsChanged() is being emitted: whether a capture in first..last now has
    /// another number of events, or an event that gained or lost its embedded entity,
    /// so that the branch an event tree shows for it has another shape.
    bool eventsReshaped(qsizetype first, qsizetype last) const;

    const CaptureIndex &index() const { return m_index; }
    qsizetype size() const { return m_index.size(); }
    const CaptureIndexRow &row(qsizetype position) const { return m_index.row(position); }
    qsizetype positionOf(qint64 id) const { return m_index.positionOf(id); }
    /// Captures the last opened session listed as missing or outdated analyses, in id
    /// order; each leaves the list when its new analysis arrives (updateAnalyses()).
    const QList<qint64> &needingAnalysis() const { return m_needingAnalysis; }

    /// Where the recent captures the store stops keeping go (CapturePipeline::retire, which
    /// frees them off this thread); without it they are freed here.
    void setRetire(RecentCaptures::Retire retire) { m_recent.setRetire(std::move(retire)); }

    /// The whole capture with body and analysis (from memory when recent, else the file).
    std::optional<AnalysedCapture> capture(qint64 id, QString *error) const;
    /// Every version of one reservation/resource/message/resource block, in order.
    QList<EntityVersion> entityHistory(const QString &entityId, QString *error) const;

Q_SIGNALS:
    void rowsAppended(qsizetype first, qsizetype last);
    void rowsChanged(qsizetype first, qsizetype last);
    /// The whole index was replaced (a session was opened).
    void reset();
    void cleared();
    void opened(const QString &path);
    void openFailed(const QString &path, const QString &error);

private:
    void dropFromNeedingAnalysis(const QSet<qint64> &ids);
    /// Numbers provisional deliveries again (DeliveryIndex::settle); rowsChanged() for them.
    void settleDeliveries();
    /// Appends, per event of a capture, whether it embeds its entity.
    void appendEventShape(qsizetype position, std::vector<bool> &shapes) const;
    /// Whether the capture's events are [begin, end) as appendEventShape() put them.
    bool hasEventShape(qsizetype position, std::vector<bool>::const_iterator begin,
                       std::vector<bool>::const_iterator end) const;

    CaptureIndex m_index;
    QList<qint64> m_needingAnalysis;
    QList<quint32> m_reshaped; ///< positions, ascending, of the update being announced
    mutable CaptureReader m_reader;
    RecentCaptures m_recent{KeptRecentCaptures};
    QThread *m_loader = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
};
