#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QThread;
class QWidget;
class SessionPrompts;

/**
 * File → Salvage Damaged Session…: asks for a damaged session file and where to write
 * what still reads of it, runs SessionSalvage on a worker thread behind a cancellable
 * progress dialog, then shows what was copied and lost and offers to open the result.
 */
class SalvageFlow : public QObject {
    Q_OBJECT

public:
    SalvageFlow(SessionPrompts *prompts, QWidget *window);
    /// Cancels and waits for a running salvage.
    ~SalvageFlow() override;

    /// Asks for the two files, then start()s.
    void runWithDialogs();
    /// Salvages source into target; false when a salvage is running already.
    bool start(const QString &source, const QString &target);
    bool isRunning() const { return m_thread != nullptr; }
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
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};
