#include "httplistener.h"

#include "bindaddress.h"
#include "httpconnection.h"
#include "httpresponse.h"
#include "responserules.h"
#include "tcpstream.h"

#include <QDateTime>
#include <QTimerEvent>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

/// Where config listens, as the messages name it.
QString endpoint(const ListenerConfig &config) {
    const QHostAddress address = BindAddress::listenable(config.bindAddress);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(config.port);
}

ListenerFailure listenError(const QTcpServer &server, const ListenerConfig &config) {
    using Reason = ListenerFailure::Reason;
    const QString where = endpoint(config);
    const auto failure = [&where](Reason reason, const QString &why) {
        return ListenerFailure{reason, QStringLiteral("Cannot listen on %1: %2").arg(where, why)};
    };
    switch (server.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return failure(Reason::PortInUse, QStringLiteral("the port is already in use"));
    case QAbstractSocket::SocketAddressNotAvailableError:
        return failure(Reason::AddressNotHere,
                       QStringLiteral("the address is not on this machine"));
    case QAbstractSocket::SocketAccessError:
        return failure(Reason::PermissionDenied, QStringLiteral("permission denied"));
    default:
        break;
    }
    return failure(Reason::Other, server.errorString());
}

} // namespace

HttpListener::HttpListener(QObject *parent)
    : QTcpServer(parent) {
    m_clock.start();
    applyConfig(m_config);
}

HttpListener::~HttpListener() {
    // Connections are children; make sure none reports back while this object goes away.
    const QSet<HttpConnection *> connections = std::exchange(m_connections, {});
    qDeleteAll(connections);
    if (!m_batch.isEmpty() && m_committer) {
        // never answered, but received: keep them
        QString error;
        m_committer->commit(m_batch, &error, nullptr);
    }
}

QString HttpListener::checkConfig(const ListenerConfig &config) {
    if (const QString problem = BindAddress::problem(config.bindAddress); !problem.isEmpty())
        return problem;
    if (config.maxConnections < 1 || config.maxConnections > ListenerConfig::MaxConnectionsLimit)
        return QStringLiteral("the connection limit must be between 1 and %1")
            .arg(ListenerConfig::MaxConnectionsLimit);
    if (config.maxHeadBytes < 64)
        return QStringLiteral("the request head limit must be at least 64 bytes");
    if (config.maxTargetBytes < 1)
        return QStringLiteral("the request target limit must be at least 1 byte");
    if (config.maxBodyBytes < 1)
        return QStringLiteral("the request body limit must be at least 1 byte");
    if (config.maxBodyBytes > ListenerConfig::MaxBodyLimit)
        return QStringLiteral("the request body limit can be at most %1, the largest body a "
                              "session file can keep")
            .arg(ListenerConfig::mebibytes(ListenerConfig::MaxBodyLimit));
    if (config.maxHeadBytes > ListenerConfig::MaxHeadLimit)
        return QStringLiteral("the request head limit can be at most %1")
            .arg(ListenerConfig::mebibytes(ListenerConfig::MaxHeadLimit));
    if (config.requestTimeoutMs < 1 ||
        config.requestTimeoutMs > ListenerConfig::MaxRequestTimeoutSeconds * 1000)
        return QStringLiteral("the request timeout must be between 1 ms and %1 s")
            .arg(ListenerConfig::MaxRequestTimeoutSeconds);
    const ResponseSpec &response = config.response;
    if (response.status < 200 || response.status > 599)
        return QStringLiteral("the response status must be between 200 and 599");
    if (response.body.size() > ListenerConfig::MaxResponseBodyBytes)
        return QStringLiteral("the response body can be at most %1")
            .arg(ListenerConfig::mebibytes(ListenerConfig::MaxResponseBodyBytes));
    if (HttpResponse::forbidsBody(response.status) && !response.body.isEmpty())
        return QStringLiteral("a %1 response cannot have a body").arg(response.status);
    if (response.delayMs < 0 || response.delayMs > ListenerConfig::MaxResponseDelayMs)
        return QStringLiteral("the response delay must be between 0 and %1 ms")
            .arg(ListenerConfig::MaxResponseDelayMs);
    return ResponseRules::checkHeaders(response.headers);
}

bool HttpListener::start(const ListenerConfig &config) {
    if (isListening())
        close();
    m_stopping = false;
    m_stopAnnounced = false;
    const QString problem = checkConfig(config);
    if (!problem.isEmpty()) {
        Q_EMIT listenerFailed({ListenerFailure::Reason::InvalidConfig,
                               QStringLiteral("Cannot listen: %1").arg(problem)});
        return false;
    }
    applyConfig(config);
    if (!listen(BindAddress::listenable(config.bindAddress), config.port)) {
        Q_EMIT listenerFailed(listenError(*this, config));
        return false;
    }
    Q_EMIT listening(serverAddress(), serverPort());
    return true;
}

bool HttpListener::rebind(const ListenerConfig &config, QString *error) {
    const QString problem = checkConfig(config);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    // The new address is bound while the old one still listens: if it cannot be had,
    // nothing changes. Its descriptor outlives the probe through a duplicate.
    QTcpServer next;
    if (!next.listen(BindAddress::listenable(config.bindAddress), config.port)) {
        if (error)
            *error = listenError(next, config).message;
        return false;
    }
    const int descriptor = ::fcntl(int(next.socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0) {
        if (error)
            *error = QStringLiteral("Cannot listen on %1: %2")
                         .arg(endpoint(config), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    next.close();
    const ListenerConfig previous = m_config;
    const QHostAddress previousAddress = serverAddress();
    const quint16 previousPort = serverPort();
    close(); // connections already accepted stay open
    if (!setSocketDescriptor(descriptor)) {
        ::close(descriptor);
        if (error)
            *error = QStringLiteral("Cannot listen on %1: %2").arg(endpoint(config), errorString());
        if (!listen(previousAddress, previousPort))
            Q_EMIT listenerFailed(listenError(*this, previous));
        return false;
    }
    applyConfig(config);
    updateSweepTimer();
    Q_EMIT listening(serverAddress(), serverPort());
    return true;
}

bool HttpListener::setConfig(const ListenerConfig &config, QString *error) {
    const QString problem = checkConfig(config);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    applyConfig(config);
    updateSweepTimer();
    return true;
}

void HttpListener::applyConfig(const ListenerConfig &config) {
    m_config = config;
    m_limits.maxHeadBytes = config.maxHeadBytes;
    m_limits.maxTargetBytes = config.maxTargetBytes;
    m_limits.maxBodyBytes = config.maxBodyBytes;
    m_tokenGuard = TokenGuard(config.token);
}

void HttpListener::setCommitter(std::unique_ptr<CaptureCommitter> committer) {
    m_committer = std::move(committer);
}

void HttpListener::incomingConnection(qintptr socketDescriptor) {
    auto *stream = new TcpStream(socketDescriptor);
    const bool refused = m_stopping || m_servingCount >= m_config.maxConnections;
    auto *connection = new HttpConnection(stream, ++m_lastConnectionId, this, refused);
    m_connections.insert(connection);
    if (!refused)
        ++m_servingCount;
    updateSweepTimer();
    connection->start();
}

void HttpListener::enqueue(HttpConnection *connection, Capture &&capture, int delayMs) {
    m_batch.append(std::move(capture));
    m_batchOwners.append({connection, delayMs});
    // Everything completed in this event-loop pass goes into one commit. A zero timer fires
    // once the pass is over, and unlike a posted event it needs no wakeup of the thread.
    if (!m_flushTimer.isActive())
        m_flushTimer.start(0, this);
}

void HttpListener::flush() {
    m_flushTimer.stop();
    QList<Capture> captures = std::exchange(m_batch, {});
    const QList<Owner> owners = std::exchange(m_batchOwners, {});
    if (!captures.isEmpty()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (qsizetype i = 0; i < captures.size(); ++i) {
            CaptureResponse &response = captures[i].response;
            if (response.status != 0)
                response.sentUtcMs = now + (captures[i].isRejected() ? 0 : owners[i].delayMs);
        }

        QList<bool> replaced(captures.size(), false);
        QList<qsizetype> refused;
        QString error;
        if (!m_committer) {
            for (Capture &capture : captures)
                capture.id = ++m_lastCaptureId;
        } else if (!m_committer->commit(captures, &error, &refused)) {
            // Not durable: tell the client to retry rather than acknowledge. Why stays
            // here: the error names local files, and the sender may be anyone on a tunnel.
            const QByteArray reason = "the inspector could not store the request; try again later";
            QList<Capture> changed;
            for (qsizetype i = 0; i < captures.size(); ++i) {
                if (captures[i].isRejected())
                    continue;
                captures[i].rejection = QStringLiteral("not stored: %1").arg(error);
                captures[i].response =
                    HttpResponse::error(503, reason, now, captures[i].method == "HEAD");
                captures[i].response.sentUtcMs = now;
                replaced[i] = true;
                changed.append(captures[i]);
            }
            if (!changed.isEmpty())
                m_committer->responsesReplaced(changed);
        }
        // One the committer refused alone comes back rejected, with the response to send
        // instead. That holds after a failed commit too: the committer keeps the capture
        // with that response to write later, so no 503 replaces it.
        for (const qsizetype i : std::as_const(refused)) {
            if (i >= 0 && i < captures.size())
                replaced[i] = true;
        }

        const qsizetype count = qMin(captures.size(), owners.size());
        for (qsizetype i = 0; i < count; ++i) {
            if (HttpConnection *connection = owners[i].connection) {
                connection->deliver(captures[i].sequence, captures[i].response, replaced[i],
                                    replaced[i] ? 0 : owners[i].delayMs);
            }
        }
        Q_EMIT captured(captures);
    }
    finishStopIfDone();
}

void HttpListener::connectionClosed(HttpConnection *connection) {
    if (!m_connections.remove(connection))
        return;
    if (!connection->isRefused())
        --m_servingCount;
    updateSweepTimer();
    if (m_stopping)
        QMetaObject::invokeMethod(this, &HttpListener::finishStopIfDone, Qt::QueuedConnection);
}

void HttpListener::stop(int graceMs) {
    close(); // no new connections
    if (!m_stopping) {
        m_stopping = true;
        m_stopAnnounced = false;
        m_stopDeadlineMs = monotonicMs() + qMax(0, graceMs);
        const QList<HttpConnection *> connections = m_connections.values();
        for (HttpConnection *connection : connections) {
            if (m_connections.contains(connection))
                connection->beginShutdown();
        }
        updateSweepTimer();
    }
    QMetaObject::invokeMethod(this, &HttpListener::finishStopIfDone, Qt::QueuedConnection);
}

void HttpListener::finishStopIfDone() {
    if (!m_stopping || m_stopAnnounced || !m_connections.isEmpty() || !m_batch.isEmpty() ||
        m_flushTimer.isActive())
        return;
    m_stopAnnounced = true;
    Q_EMIT stopped();
}

void HttpListener::updateSweepTimer() {
    if (m_connections.isEmpty()) {
        m_sweepTimer.stop();
        return;
    }
    // Deadlines need no finer grain than a quarter of the timeout (and at most a second).
    const int interval = qBound(10, m_config.requestTimeoutMs / 4, 1000);
    if (!m_sweepTimer.isActive() || m_sweepIntervalMs != interval) {
        m_sweepIntervalMs = interval;
        m_sweepTimer.start(interval, Qt::CoarseTimer, this);
    }
}

void HttpListener::timerEvent(QTimerEvent *event) {
    if (event->timerId() == m_flushTimer.timerId()) {
        flush();
        return;
    }
    if (event->timerId() != m_sweepTimer.timerId()) {
        QTcpServer::timerEvent(event);
        return;
    }
    const qint64 now = monotonicMs();
    const bool cutOff = m_stopping && now >= m_stopDeadlineMs;
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections) {
        if (!m_connections.contains(connection))
            continue;
        if (cutOff)
            connection->abort();
        else
            connection->checkDeadline(now);
    }
}
