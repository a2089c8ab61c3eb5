#include "exportjob.h"

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
    , m_job(new WorkerJob(this)) {
    connect(m_job, &WorkerJob::progress, this, &ExportJob::progress);
}

bool ExportJob::start(const QString &sessionPath, const QList<qint64> &ids,
                      SessionExport::Format format, const QString &target,
                      const SessionExport::Options &options) {
    return m_job->start(
        QStringLiteral("mwi-export"),
        [this, sessionPath, ids, format, target, given = options](WorkerJob::Control &control) {
            qint64 skipped = 0;
            SessionExport::Options options = given;
            options.skipDamaged = [&skipped](qint64, const QString &) {
                ++skipped;
            };
            QString error;
            const bool ok = SessionExport::writeFile(
                sessionPath, ids, format, target, options, &error,
                [&control](qint64 done, qint64 total) { return control.report(done, total); });
            const bool cancelled = control.cancelled();
            return [this, ok, cancelled, error, target, skipped] {
                Q_EMIT finished(ok && !cancelled, cancelled, error, target, skipped);
            };
        });
}
