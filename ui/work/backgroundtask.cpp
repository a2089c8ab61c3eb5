#include "backgroundtask.h"

#include <QPointer>
#include <QThread>

BackgroundTask::BackgroundTask(QObject *parent)
    : QObject(parent) {
}

BackgroundTask::~BackgroundTask() {
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundTask::start(Work work) {
    ++m_generation; // whatever runs now is outdated
    if (m_thread) {
        m_waiting = std::move(work);
        return;
    }
    launch(std::move(work));
}

void BackgroundTask::cancel() {
    ++m_generation;
    m_waiting = nullptr;
}

void BackgroundTask::launch(Work work) {
    const quint64 generation = m_generation;
    QPointer<BackgroundTask> self(this);
    m_thread = QThread::create([self, generation, work = std::move(work)] {
        Apply apply = work();
        // Queued to this object's thread; dropped by Qt if it is gone by then.
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, apply = std::move(apply)] {
                if (self)
                    self->finished(generation, apply);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("detail loader"));
    m_thread->start(QThread::LowPriority);
}

void BackgroundTask::finished(quint64 generation, const Apply &apply) {
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (m_waiting) {
        Work next = std::move(m_waiting);
        m_waiting = nullptr;
        launch(std::move(next));
        return;
    }
    if (generation == m_generation && apply) {
        apply();
        Q_EMIT applied();
    }
}
