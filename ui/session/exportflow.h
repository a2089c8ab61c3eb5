#pragma once

#include "exportjob.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QWidget;
class SessionPrompts;

/**
 * File → Export's dialogs around an ExportJob: asks where to write, shows a cancellable
 * progress dialog while the job runs, and tells how it ended (done, cancelled, failed, or
 * done without damaged captures or with altered bodies).
 */
class ExportFlow : public QObject {
    Q_OBJECT

public:
    ExportFlow(ExportJob *job, SessionPrompts *prompts, QWidget *window);

    /// Asks for a HAR or JSON Lines file named after sessionPath, then calls start with
    /// it; start returns false when the export could not begin (no progress is shown).
    void runWithDialog(bool har, const QString &sessionPath,
                       const std::function<bool(const QString &target)> &start);

Q_SIGNALS:
    /// A line for the status bar.
    void message(const QString &text);

private:
    void onFinished(const ExportJob::Result &result);

    ExportJob *m_job;
    SessionPrompts *m_prompts;
    QPointer<QWidget> m_window;
};
