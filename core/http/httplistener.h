#pragma once

#include "capture/capture.h"
#include "capturecommitter.h"
#include "listenerconfig.h"
#include "listenerfailure.h"
#include "requestparser.h"
#include "tokenguard.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTcpServer>

#include <memory>

class HttpConnection;

/**
 * The HTTP/1.1 listener: a QTcpServer with one HttpConnection per socket.
 *
 * Every request that arrives, accepted or rejected, becomes a Capture. All captures
 * completed in one event-loop pass are committed together (CaptureCommitter, group
 * commit), only then are their responses written, and then captured() is emitted once
 * with the whole batch. If the commit fails, accepted requests are answered 503 instead.
 *
 * Lives on one thread (see ListenerHost) and never blocks it: the configured response
 * delay and all timeouts are timers; one coarse timer sweeps every connection's deadline.
 */
class HttpListener : public QTcpServer {
    Q_OBJECT

public:
    explicit HttpListener(QObject *parent = nullptr);
    ~HttpListener() override;

    /// Why a configuration cannot be used, or an empty string if it can.
    static QString checkConfig(const ListenerConfig &config);

    /// Listens as configured; emits listening() or listenerFailed() and returns the outcome.
    bool start(const ListenerConfig &config);
    /**
     * Moves a running listener to config's bind address and port, and takes the rest of
     * config as setConfig() does. The new address is bound before the old one is given
     * up: if it cannot be (a port in use), false with *error, and the listener goes on as
     * it was. Open connections stay open either way. Emits listening() when it moved.
     */
    bool rebind(const ListenerConfig &config, QString *error);
    /**
     * New response, token and limits for later requests; open connections stay open.
     * A different bind address or port takes effect at the next start() or rebind().
     * Returns false (and keeps the old configuration) if checkConfig() finds a problem.
     */
    bool setConfig(const ListenerConfig &config, QString *error = nullptr);
    const ListenerConfig &config() const { return m_config; }

    /// Captures are committed here before they are answered. The listener owns it and
    /// calls it on its own thread. Without one, ids come from the listener's own counter.
    void setCommitter(std::unique_ptr<CaptureCommitter> committer);
    CaptureCommitter *committer() const { return m_committer.get(); }

    /**
     * Stops gracefully: no new connections; requests already received are answered, a
     * request still arriving gets 503, idle connections close. stopped() follows once
     * every connection is closed, or after graceMs when the rest are cut off.
     */
    void stop(int graceMs);
    bool isStopping() const { return m_stopping; }
    /// Open connections, not counting refused ones on their way out.
    int connectionCount() const { return m_servingCount; }

Q_SIGNALS:
    void listening(const QHostAddress &address, quint16 port);
    void listenerFailed(const ListenerFailure &failure);
    /// One batch per event-loop pass, in arrival order, after commit and response.
    void captured(const QList<Capture> &captures);
    void stopped();

protected:
    void incomingConnection(qintptr socketDescriptor) override;
    void timerEvent(QTimerEvent *event) override;

private:
    friend class HttpConnection;

    // for HttpConnection
    const RequestParser::Limits &parserLimits() const { return m_limits; }
    const TokenGuard &tokenGuard() const { return m_tokenGuard; }
    qint64 monotonicMs() const { return m_clock.elapsed(); }
    void enqueue(HttpConnection *connection, Capture &&capture, int delayMs);
    void connectionClosed(HttpConnection *connection);

    struct Owner {
        QPointer<HttpConnection> connection;
        int delayMs = 0;
    };

    void flush();
    void applyConfig(const ListenerConfig &config);
    void updateSweepTimer();
    void finishStopIfDone();

    ListenerConfig m_config;
    RequestParser::Limits m_limits;
    TokenGuard m_tokenGuard;
    std::unique_ptr<CaptureCommitter> m_committer;
    QSet<HttpConnection *> m_connections;
    int m_servingCount = 0;
    quint64 m_lastConnectionId = 0;
    qint64 m_lastCaptureId = 0;
    QList<Capture> m_batch;
    QList<Owner> m_batchOwners;
    QBasicTimer m_flushTimer;
    QElapsedTimer m_clock;
    QBasicTimer m_sweepTimer;
    int m_sweepIntervalMs = 0;
    bool m_stopping = false;
    bool m_stopAnnounced = false;
    qint64 m_stopDeadlineMs = 0;
};
