#pragma once

#include "session/sessionexport.h"
#include "work/workerjob.h"

#include <QObject>

/**
 * Runs SessionExport::writeFile on a worker thread (WorkerJob): progress comes back at
 * most every ProgressIntervalMs, and cancel() stops it at the next capture, leaving any
 * existing target file as it was. Damaged captures are left out and counted rather than
 * failing the export; captures whose body was altered since it arrived are exported as
 * stored and named.
 */
class ExportJob : public QObject {
    Q_OBJECT

public:
    /// How an export ended.
    struct Result {
        bool ok = false;
        bool cancelled = false;
        QString error; ///< why it failed
        QString target;
        qint64 skipped = 0; ///< damaged captures left out (a salvaged session's, without payload)
        /// Captures whose body no longer matches what was received, exported as stored.
        QList<qint64> altered;
    };

    static constexpr int ProgressIntervalMs = WorkerJob::ProgressIntervalMs;

    /// Destroying it cancels and waits for a running export.
    explicit ExportJob(QObject *parent = nullptr);

    /// False when an export is running already.
    bool start(const QString &sessionPath, const QList<qint64> &ids, SessionExport::Format format,
               const QString &target, const SessionExport::Options &options);
    void cancel() { m_job->cancel(); }
    bool isRunning() const { return m_job->isRunning(); }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const ExportJob::Result &result);

private:
    WorkerJob *m_job;
};
