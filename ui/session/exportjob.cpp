#include "exportjob.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>

ExportJob::ExportJob(QObject *parent)
    : QObject(parent) {
}

ExportJob::~ExportJob() {
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool ExportJob::start(const QString &sessionPath, const QList<qint64> &ids,
                      SessionExport::Format format, const QString &target,
                      const SessionExport::Options &options) {
    if (m_thread)
        return false;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    QPointer<ExportJob> self(this);
    m_thread = QThread::create([self, cancel, sessionPath, ids, format, target, given = options] {
        qint64 skipped = 0;
        SessionExport::Options options = given;
        options.skipDamaged = [&skipped](qint64, const QString &) {
            ++skipped;
        };
        QElapsedTimer clock;
        clock.start();
        qint64 reported = -ExportJob::ProgressIntervalMs;
        const SessionExport::Progress progress = [&](qint64 done, qint64 total) {
            if (clock.elapsed() - reported >= ExportJob::ProgressIntervalMs || done == total) {
                reported = clock.elapsed();
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, done, total] {
                        if (self)
                            Q_EMIT self->progress(done, total);
                    },
                    Qt::QueuedConnection);
            }
            return !cancel->load();
        };
        QString error;
        const bool ok =
            SessionExport::writeFile(sessionPath, ids, format, target, options, &error, progress);
        const bool cancelled = cancel->load();
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, cancelled, error, target, skipped] {
                if (!self)
                    return;
                if (self->m_thread) {
                    self->m_thread->wait();
                    self->m_thread->deleteLater();
                    self->m_thread = nullptr;
                }
                Q_EMIT self->finished(ok && !cancelled, cancelled, error, target, skipped);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("mwi-export"));
    m_thread->start(QThread::LowPriority);
    return true;
}

void ExportJob::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}
