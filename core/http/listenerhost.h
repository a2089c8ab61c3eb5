#pragma once

#include "capture/capture.h"
#include "capturecommitter.h"
#include "listenerconfig.h"
#include "listenerfailure.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

class HttpListener;

/**
 * Runs an HttpListener on its own thread, driven from the thread that owns the host.
 *
 * All calls return at once; outcomes arrive as the signals below, queued to the
 * owner's thread. The owner never touches a socket. The committer is made by a
 * factory on the listener thread at every start (it may open its own database
 * connection there) and destroyed there at stop.
 */
class ListenerHost : public QObject {
    Q_OBJECT

public:
    /// Makes the committer on the listener thread; null with a reason if it cannot.
    using CommitterFactory = std::function<std::unique_ptr<CaptureCommitter>(QString *error)>;

    /// How long stop() lets requests already received finish by default.
    static constexpr int DefaultGraceMs = 5000;
    /// How long setConfig() waits by default for the listener thread to take up a rebind.
    static constexpr int DefaultRebindWaitMs = 2000;

    explicit ListenerHost(QObject *parent = nullptr);
    /// Stops gracefully (waiting at most DefaultGraceMs) and ends the thread.
    ~ListenerHost() override;

    /// Used from the next start() on; without a factory there is no committer.
    void setCommitterFactory(CommitterFactory factory);

    /// Starts listening; emits listening() or listenerFailed(). A running listener is
    /// stopped gracefully first.
    void start(const ListenerConfig &config);
    /**
     * Applies a configuration to the running listener without dropping connections.
     * A different bind address or port is bound first and the listener moves there
     * (HttpListener::rebind(); listening() follows); this call waits for that bind.
     * If the listener thread has not taken the rebind up within the rebind wait (it is
     * in a slow commit), the rebind is withdrawn and never happens later. False with
     * *error, and nothing changes, if HttpListener::checkConfig() finds a problem, the
     * new address cannot be bound or the rebind was withdrawn: the listener goes on
     * where it was. True means it moved.
     */
    bool setConfig(const ListenerConfig &config, QString *error = nullptr);
    /// How long setConfig() waits for the listener thread to take a rebind up.
    void setRebindWait(int ms) { m_rebindWaitMs = ms; }
    /// Finishes answering requests already received (at most graceMs), then stopped().
    void stop(int graceMs = DefaultGraceMs);

    /**
     * Stops the listener and blocks until it has finished (at most graceMs plus a
     * margin), keeping the thread for a later start(). For destructors and shutdown
     * paths that cannot wait for stopped(). False if the wait timed out.
     */
    bool stopAndWait(int graceMs = DefaultGraceMs);

    /// The thread the listener runs on, for objects that must share it (the session's
    /// journal, which the committer calls). Lives as long as the host.
    QThread *listenerThread() { return &m_thread; }

    /// Started and not yet stopped (or failed).
    bool isActive() const { return m_state != State::Idle; }
    ListenerConfig config() const { return m_config; }

Q_SIGNALS:
    void listening(const QHostAddress &address, quint16 port);
    void listenerFailed(const ListenerFailure &failure);
    /// Emitted on the LISTENER thread (unlike the others), so a consumer on a third
    /// thread (the analyser) gets captures without a detour through the owner's thread.
    /// Connect with an automatic or queued connection.
    void captured(const QList<Capture> &captures);
    void stopped();

private:
    enum class State { Idle, Running, Stopping };

    bool rebind(const ListenerConfig &config, QString *error);

    // run on the listener thread
    void startOnThread(const ListenerConfig &config, const CommitterFactory &factory);
    void stopOnThread(int graceMs);
    void finishOnThread();

    // run on the owner's thread
    void onFailed(const ListenerFailure &failure);
    void onStopped();

    QThread m_thread;
    QObject *m_context;                 ///< lives on m_thread; receiver of work posted there
    HttpListener *m_listener = nullptr; ///< touched only on m_thread
    CommitterFactory m_factory;
    State m_state = State::Idle;
    ListenerConfig m_config;
    std::optional<ListenerConfig> m_pendingStart;
    int m_rebindWaitMs = DefaultRebindWaitMs;
};
