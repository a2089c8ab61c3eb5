#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

/**
 * Runs one long job (an export, a salvage) on a thread of its own, with progress and
 * cancellation. The job reports through a Control, which passes progress on at most
 * every ProgressIntervalMs and says whether to go on; it returns the continuation that
 * delivers its result, which runs on this object's thread once the job's thread has
 * ended. Destroying the WorkerJob cancels the job and waits for it; the continuation
 * is then dropped.
 */
class WorkerJob : public QObject {
    Q_OBJECT

public:
    static constexpr int ProgressIntervalMs = 100;

    /// What a running job holds: used on the job's thread only.
    class Control {
    public:
        /// Passes progress on (at most every ProgressIntervalMs, and always the last
        /// step); false once the job was cancelled.
        bool report(qint64 done, qint64 total);
        bool cancelled() const { return m_cancel->load(); }

    private:
        friend class WorkerJob;
        Control(WorkerJob *job, std::shared_ptr<std::atomic_bool> cancel);

        WorkerJob *m_job; ///< outlives the job: its destructor waits for the thread
        std::shared_ptr<std::atomic_bool> m_cancel;
        QElapsedTimer m_clock;
        qint64 m_reportedMs = -ProgressIntervalMs;
    };

    using Finish = std::function<void()>;
    using Work = std::function<Finish(Control &)>;

    explicit WorkerJob(QObject *parent = nullptr);
    /// Cancels a running job and waits for it.
    ~WorkerJob() override;

    /// Starts work on a thread named threadName; false when a job is running already.
    bool start(const QString &threadName, Work work);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);

private:
    void ended(const Finish &finish);

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};
