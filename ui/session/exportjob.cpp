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
            Result result;
            result.target = target;
            SessionExport::Options options = given;
            options.skipDamaged = [&result](qint64, const QString &) {
                ++result.skipped;
            };
            options.alteredBody = [&result](qint64 id, const QString &) {
                result.altered.append(id);
            };
            const bool ok = SessionExport::writeFile(
                sessionPath, ids, format, target, options, &result.error,
                [&control](qint64 done, qint64 total) { return control.report(done, total); });
            result.cancelled = control.cancelled();
            result.ok = ok && !result.cancelled;
            return [this, result] {
                Q_EMIT finished(result);
            };
        });
}
