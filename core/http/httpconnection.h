#pragma once

#include "capture/capture.h"
#include "requestparser.h"
#include "responsequeue.h"

#include <QBasicTimer>
#include <QObject>

class HttpListener;
class TcpStream;

/**
 * One accepted TCP connection of an HttpListener.
 *
 * Reads requests with RequestParser, turns each finished request or rejection into
 * a Capture handed to the listener (which commits a whole event-loop pass at once),
 * and writes the responses the listener delivers back in request order (ResponseQueue).
 *
 * A connection that is done (Connection: close, an error, a stop) shuts its sending
 * side after the last response and drains what the client still sends for a short
 * while, so the client reads the response instead of a reset. A client that shuts its
 * own sending side first (half-close) still gets the answers to the requests it sent.
 */
class HttpConnection : public QObject {
    Q_OBJECT

public:
    /// How long a closing connection drains input after its last response.
    static constexpr int LingerMs = 2000;
    /// Responses waiting (commit, delay) before the connection stops reading.
    static constexpr int MaxPendingResponses = 64;

    /// Takes ownership of stream. A refused connection only answers 503 and closes.
    HttpConnection(TcpStream *stream, quint64 id, HttpListener *listener, bool refused);
    ~HttpConnection() override;

    /// Starts serving (or refusing) once the listener has registered the connection.
    void start();

    quint64 id() const { return m_id; }
    bool isRefused() const { return m_refused; }

    /// The response decided for the request with this sequence number, after the commit.
    void deliver(quint32 sequence, const CaptureResponse &response, bool close, int delayMs);
    /// Acts on an expired deadline (called by the listener's coarse timer).
    void checkDeadline(qint64 monotonicMs);
    /// Stop gracefully: answer complete requests, refuse a partial one with 503, close.
    void beginShutdown();
    /// Closes at once, without answering anything still pending.
    void abort();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class State {
        Reading,   ///< reading requests
        Closing,   ///< no more requests; close once the pending responses are written
        Lingering, ///< sending side shut; discarding input until the client closes
        Closed,
    };
    enum class Deadline { None, Request, Write, Linger };

    void readSocket();
    void processBuffer();
    void onHeadComplete();
    void completeRequest(HttpRequest &&request);
    void reject(int status, const QByteArray &reason, HttpRequest &&request);
    void refuse(const QByteArray &reason);
    Capture newCapture(HttpRequest &&request);
    void enqueue(Capture &&capture, bool close, int delayMs);
    void writeReady();
    void afterWrite();
    void setReadPaused(bool paused);
    /// The client sent all it will send: answer what it is owed, then close.
    void onInputEnded();
    void startLinger();
    /// The connection broke (reset): nothing more can be sent.
    void onConnectionLost();
    /// Records a request the client stopped sending partway as a rejected capture.
    void recordCutRequest();
    void close();
    bool requestStarted() const;
    HttpRequest partialRequest() const;
    void setDeadline(Deadline kind, qint64 monotonicMs);

    TcpStream *m_stream;
    HttpListener *m_listener;
    const quint64 m_id;
    const bool m_refused;
    State m_state = State::Reading;
    QString m_remoteAddress;
    quint16 m_remotePort = 0;
    quint16 m_localPort = 0;
    QByteArray m_buffer;
    RequestParser m_parser;
    quint32 m_sequence = 0;
    qint64 m_requestStartUtcMs = 0; ///< first byte of the request being read; 0 if none
    qint64 m_lastReadUtcMs = 0;
    bool m_headHandled = false;
    bool m_readPaused = false;
    ResponseQueue m_responses;
    Deadline m_deadlineKind = Deadline::None;
    qint64 m_deadlineMs = 0;
    QBasicTimer m_delayTimer;
};
