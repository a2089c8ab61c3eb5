#pragma once

#include <QObject>

#include <functional>

class QThread;

/**
 * Runs short jobs off the GUI thread (the detail pane parsing and formatting a big body,
 * an append reading its new rows), one job at a time. A job returns the continuation
 * that applies its result; the continuation runs on this object's thread, and only if
 * no newer job was started meanwhile: a newer selection supersedes an older load. A job
 * started while one runs waits for it (only the newest waiting job is kept). Long jobs
 * that report progress and can be cancelled use WorkerJob.
 */
class BackgroundTask : public QObject {
    Q_OBJECT

public:
    using Apply = std::function<void()>;
    using Work = std::function<Apply()>;

    explicit BackgroundTask(QObject *parent = nullptr);
    /// Waits for a running job (jobs are bounded: one body's parse).
    ~BackgroundTask() override;

    void start(Work work);
    /// Forgets the waiting job and drops the result of the running one.
    void cancel();
    bool isBusy() const { return m_thread != nullptr; }

Q_SIGNALS:
    /// A job's result was applied.
    void applied();

private:
    void launch(Work work);
    void finished(quint64 generation, const Apply &apply);

    QThread *m_thread = nullptr;
    Work m_waiting;
    quint64 m_generation = 0;
};
