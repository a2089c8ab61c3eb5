#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QWidget;
class SessionPrompts;
class WorkerJob;

/**
 * File → Salvage Damaged Session…: asks for a damaged session file and where to write
 * what still reads of it, runs SessionSalvage on a worker thread (WorkerJob) behind a
 * cancellable progress dialog, then shows what was copied and lost and offers to open the result.
 */
class SalvageFlow : public QObject {
    Q_OBJECT

public:
    /// Destroying it cancels and waits for a running salvage.
    SalvageFlow(SessionPrompts *prompts, QWidget *window);

    /// Asks for the two files, then start()s.
    void runWithDialogs();
    /// Salvages source into target; false when a salvage is running already.
    bool start(const QString &source, const QString &target);
    bool isRunning() const;
    void cancel();

Q_SIGNALS:
    void progress(int permille);
    /// ok: target holds what could be read, and text says what was lost; else text is
    /// the error (or that it was cancelled).
    void finished(bool ok, const QString &text, const QString &target);
    /// The user chose to open the salvaged session.
    void openRequested(const QString &target);

private:
    void showProgress();
    void onFinished(bool ok, bool cancelled, const QString &text, const QString &target);

    SessionPrompts *m_prompts;
    QPointer<QWidget> m_window;
    WorkerJob *m_job;
};
