#include "workerjob.h"

#include <QThread>

WorkerJob::Control::Control(WorkerJob *job, std::shared_ptr<std::atomic_bool> cancel)
    : m_job(job)
    , m_cancel(std::move(cancel)) {
    m_clock.start();
}

bool WorkerJob::Control::report(qint64 done, qint64 total) {
    const qint64 now = m_clock.elapsed();
    if (now - m_reportedMs >= ProgressIntervalMs || done == total) {
        m_reportedMs = now;
        // Queued to the job's object: a call still waiting when it is destroyed is dropped.
        WorkerJob *job = m_job;
        QMetaObject::invokeMethod(
            job, [job, done, total] { Q_EMIT job->progress(done, total); }, Qt::QueuedConnection);
    }
    return !cancelled();
}

WorkerJob::WorkerJob(QObject *parent)
    : QObject(parent) {
}

WorkerJob::~WorkerJob() {
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool WorkerJob::start(const QString &threadName, Work work) {
    if (m_thread)
        return false;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_thread = QThread::create([this, cancel = m_cancel, work = std::move(work)] {
        Control control(this, cancel);
        Finish finish = work(control);
        QMetaObject::invokeMethod(
            this, [this, finish = std::move(finish)] { ended(finish); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(threadName);
    m_thread->start(QThread::LowPriority);
    return true;
}

void WorkerJob::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

void WorkerJob::ended(const Finish &finish) {
    if (m_thread) {
        m_thread->wait();
        m_thread->deleteLater();
        m_thread = nullptr;
    }
    if (finish)
        finish();
}
