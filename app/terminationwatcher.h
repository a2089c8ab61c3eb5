#pragma once

#include <QObject>

class QSocketNotifier;

/**
 * Turns SIGINT and SIGTERM into a Qt signal on the thread that made the watcher
 * (the self-pipe trick: the handler only writes a byte). A second Ctrl+C (SIGINT at
 * least 300 ms after the first) ends the process at once, for a user who means it;
 * repeated SIGTERMs, and a signal sent to the process and its group at once (as `timeout`
 * does), leave the graceful stop running.
 *
 * main() calls catchSignals() first, so that a signal sent while the app starts up waits
 * for the watcher instead of killing the process before it can stop cleanly.
 */
class TerminationWatcher : public QObject {
    Q_OBJECT

public:
    explicit TerminationWatcher(QObject *parent = nullptr);
    ~TerminationWatcher() override;

    /// Catches SIGINT and SIGTERM from now on; the first watcher made later reports one
    /// that came before it. The watcher's constructor calls it too.
    static void catchSignals();

    /// The first SIGINT or SIGTERM caught (since catchSignals()), or 0: for a job that runs
    /// without an event loop and looks between steps.
    static int receivedSignal();

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
