#pragma once

#include "session/sessionexport.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

/**
 * Runs SessionExport::writeFile on a worker thread: progress comes back through queued
 * calls guarded by a QPointer (at most every ProgressIntervalMs), and cancel() stops it
 * at the next capture, leaving any existing target file as it was. Damaged captures are
 * left out and counted rather than failing the export.
 */
class ExportJob : public QObject {
    Q_OBJECT

public:
    static constexpr int ProgressIntervalMs = 100;

    explicit ExportJob(QObject *parent = nullptr);
    /// Cancels and waits for a running export.
    ~ExportJob() override;

    /// False when an export is running already.
    bool start(const QString &sessionPath, const QList<qint64> &ids, SessionExport::Format format,
               const QString &target, const SessionExport::Options &options);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    /// skipped: damaged captures left out (a salvaged session's captures without payload).
    void finished(bool ok, bool cancelled, const QString &error, const QString &target,
                  qint64 skipped);

private:
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};
