#include "httpconnection.h"

#include "httplistener.h"
#include "httpresponse.h"
#include "tcpstream.h"
#include "tokenguard.h"

#include <QDateTime>
#include <QTimerEvent>

namespace {

// Bytes read from the kernel per pass before the parser runs; the rest waits in the kernel.
constexpr qint64 ReadAheadBytes = 256 * 1024;
// Responses the client has not read yet before the connection stops reading requests.
constexpr qint64 MaxUnsentBytes = 1024 * 1024;

qint64 utcNowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

HttpConnection::HttpConnection(TcpStream *stream, quint64 id, HttpListener *listener, bool refused)
    : QObject(listener)
    , m_stream(stream)
    , m_listener(listener)
    , m_id(id)
    , m_refused(refused)
    , m_parser(listener->parserLimits()) {
    m_stream->setParent(this);
    QHostAddress peer = m_stream->peerAddress();
    bool mappedV4 = false;
    const quint32 v4 = peer.toIPv4Address(&mappedV4);
    if (mappedV4)
        peer = QHostAddress(v4); // show ::ffff:127.0.0.1 as 127.0.0.1
    m_remoteAddress = peer.toString();
    m_remotePort = m_stream->peerPort();
    m_localPort = m_stream->localPort();
    connect(m_stream, &TcpStream::readyRead, this, &HttpConnection::readSocket);
    connect(m_stream, &TcpStream::bytesWritten, this, &HttpConnection::afterWrite);
    connect(m_stream, &TcpStream::failed, this, &HttpConnection::onConnectionLost);
}

HttpConnection::~HttpConnection() {
    m_stream->disconnect(this);
}

void HttpConnection::start() {
    if (m_refused) {
        refuse("too many open connections (limit " +
               QByteArray::number(m_listener->config().maxConnections) + ")");
        return;
    }
    setDeadline(Deadline::Request,
                m_listener->monotonicMs() + m_listener->config().requestTimeoutMs);
    readSocket();
}

void HttpConnection::readSocket() {
    if (m_state == State::Closed)
        return;
    TcpStream::ReadStatus status;
    if (m_state != State::Reading) {
        // closing: whatever else the client sends is not read as requests
        status = m_stream->discardInput();
    } else {
        if (m_readPaused)
            return; // the bytes wait in the kernel, which pushes back on the client
        const bool started = requestStarted();
        status = m_stream->readInto(m_buffer, ReadAheadBytes);
        if (status == TcpStream::ReadStatus::Read) {
            const qint64 now = utcNowMs();
            if (!started) {
                m_requestStartUtcMs = now;
                // The wait on an idle keep-alive connection is over: from its first byte the
                // request has the whole timeout, however long the connection sat idle.
                if (m_deadlineKind == Deadline::Request)
                    setDeadline(Deadline::Request,
                                m_listener->monotonicMs() + m_listener->config().requestTimeoutMs);
            }
            m_lastReadUtcMs = now;
            processBuffer();
            return;
        }
    }
    if (status == TcpStream::ReadStatus::Ended)
        onInputEnded();
    else if (status == TcpStream::ReadStatus::Failed)
        onConnectionLost();
}

void HttpConnection::processBuffer() {
    m_parser.setLimits(m_listener->parserLimits());
    while (m_state == State::Reading && !m_readPaused) {
        RequestParser::Result result = m_parser.parse(m_buffer);
        if (result.consumed > 0)
            m_buffer.remove(0, result.consumed);
        switch (result.status) {
        case RequestParser::Status::Incomplete:
            if (result.headComplete && !m_headHandled)
                onHeadComplete();
            return;
        case RequestParser::Status::Complete:
            completeRequest(std::move(result.request));
            break;
        case RequestParser::Status::Error:
            reject(result.errorStatus, result.errorReason, std::move(result.request));
            return;
        }
    }
}

void HttpConnection::onHeadComplete() {
    m_headHandled = true;
    const HttpRequest &request = m_parser.request();
    if (!request.expectContinue)
        return;
    // Refuse before the client sends the body it announced (RFC 9110 §10.1.1).
    const TokenGuard::Verdict verdict = m_listener->tokenGuard().check(request.target);
    if (verdict != TokenGuard::Verdict::Admitted) {
        reject(401, TokenGuard::reason(verdict), partialRequest());
        return;
    }
    m_responses.addInterim(HttpResponse::continueLine());
    writeReady();
}

void HttpConnection::completeRequest(HttpRequest &&request) {
    const TokenGuard::Verdict verdict = m_listener->tokenGuard().check(request.target);
    if (verdict != TokenGuard::Verdict::Admitted) {
        reject(401, TokenGuard::reason(verdict), std::move(request));
        return;
    }
    const ResponseSpec &spec = m_listener->config().response;
    // A 2xx to CONNECT would turn the connection into a tunnel: answer it, then close.
    const bool close =
        !request.keepAlive || m_listener->isStopping() || request.method == "CONNECT";
    HttpResponse::Framing framing;
    framing.close = close;
    framing.http10KeepAlive = !close && request.version == "HTTP/1.0";
    framing.headRequest = request.method == "HEAD";
    framing.connectRequest = request.method == "CONNECT";

    Capture capture = newCapture(std::move(request));
    capture.response =
        HttpResponse::make(spec.status, spec.headers, spec.body, framing, capture.completeUtcMs);
    if (close)
        m_state = State::Closing;
    enqueue(std::move(capture), close, spec.delayMs);
    // bytes of a pipelined request already buffered came with the last read
    m_requestStartUtcMs = m_buffer.isEmpty() ? 0 : m_lastReadUtcMs;
    m_headHandled = false;
}

void HttpConnection::reject(int status, const QByteArray &reason, HttpRequest &&request) {
    Capture capture = newCapture(std::move(request));
    capture.rejection = QString::fromUtf8(reason);
    capture.response =
        HttpResponse::error(status, reason, capture.completeUtcMs, capture.method == "HEAD");
    m_state = State::Closing;
    enqueue(std::move(capture), true, 0);
}

void HttpConnection::refuse(const QByteArray &reason) {
    m_requestStartUtcMs = utcNowMs();
    reject(503, reason, HttpRequest());
}

Capture HttpConnection::newCapture(HttpRequest &&request) {
    Capture capture = std::move(request).toCapture();
    capture.connectionId = m_id;
    capture.sequence = ++m_sequence;
    capture.remoteAddress = m_remoteAddress;
    capture.remotePort = m_remotePort;
    capture.localPort = m_localPort;
    capture.completeUtcMs = utcNowMs();
    capture.firstByteUtcMs = m_requestStartUtcMs > 0 ? m_requestStartUtcMs : capture.completeUtcMs;
    return capture;
}

void HttpConnection::enqueue(Capture &&capture, bool close, int delayMs) {
    m_responses.reserve(capture.sequence, close);
    setDeadline(Deadline::None, 0); // the client now waits for us
    if (m_responses.size() >= MaxPendingResponses)
        setReadPaused(true);
    m_listener->enqueue(this, std::move(capture), delayMs);
}

void HttpConnection::deliver(quint32 sequence, const CaptureResponse &response, bool close,
                             int delayMs) {
    if (m_state == State::Closed || m_state == State::Lingering)
        return;
    m_responses.decide(sequence, HttpResponse::serialize(response), close,
                       delayMs > 0 ? m_listener->monotonicMs() + delayMs : 0);
    writeReady();
}

void HttpConnection::writeReady() {
    if (m_state == State::Closed || m_state == State::Lingering)
        return;
    const qint64 now = m_listener->monotonicMs();
    while (const std::optional<ResponseQueue::Due> due = m_responses.takeDue(now)) {
        if (!m_stream->write(due->wire)) {
            onConnectionLost();
            return;
        }
        if (due->close) {
            m_state = State::Closing;
            break;
        }
    }
    if (const qint64 dueMs = m_responses.nextDueMs(); dueMs > now)
        m_delayTimer.start(int(dueMs - now), Qt::PreciseTimer, this);
    if (m_stream->bytesToWrite() > MaxUnsentBytes)
        setReadPaused(true);
    afterWrite();
}

void HttpConnection::afterWrite() {
    if (m_state == State::Closed || m_state == State::Lingering)
        return;
    const qint64 unsent = m_stream->bytesToWrite();
    const qint64 now = m_listener->monotonicMs();
    const qint64 timeoutMs = m_listener->config().requestTimeoutMs;
    if (m_state == State::Closing) {
        if (!m_responses.isEmpty())
            return;
        if (unsent == 0 && m_stream->inputEnded())
            close(); // the client has sent all it will: nothing to drain
        else if (unsent == 0)
            startLinger();
        else if (m_deadlineKind != Deadline::Write)
            setDeadline(Deadline::Write, now + timeoutMs);
        return;
    }
    if (m_readPaused && m_responses.size() < MaxPendingResponses / 2 && unsent <= MaxUnsentBytes) {
        setReadPaused(false);
        processBuffer();
        if (m_state == State::Reading && !m_readPaused)
            readSocket();
        if (m_state != State::Reading)
            return;
    }
    if (!m_responses.isEmpty())
        return;
    // nothing owed: from now on the client has requestTimeoutMs to send a whole request
    // (or to read what was sent)
    const Deadline kind = unsent > 0 ? Deadline::Write : Deadline::Request;
    if (m_deadlineKind != kind)
        setDeadline(kind, now + timeoutMs);
}

void HttpConnection::setReadPaused(bool paused) {
    m_readPaused = paused;
    m_stream->setReadEnabled(!paused);
}

void HttpConnection::onInputEnded() {
    // No more requests come, but a client that only shut its sending side (RFC 9112 §9.6)
    // still reads the answers to those it sent.
    if (m_state == State::Lingering) {
        close();
        return;
    }
    if (m_state == State::Reading) {
        recordCutRequest();
        m_state = State::Closing;
        m_buffer.clear();
    }
    if (m_responses.isEmpty() && m_stream->bytesToWrite() == 0)
        close();
}

void HttpConnection::startLinger() {
    m_state = State::Lingering;
    m_delayTimer.stop();
    m_buffer.clear();
    // Half-close: the client sees the end of the response, and whatever it still sends
    // is read and dropped rather than answered with a reset that could destroy the response.
    if (!m_stream->shutdownWrite()) {
        close();
        return;
    }
    setDeadline(Deadline::Linger, m_listener->monotonicMs() + LingerMs);
    readSocket();
}

void HttpConnection::checkDeadline(qint64 monotonicMs) {
    if (m_deadlineKind == Deadline::None || monotonicMs < m_deadlineMs)
        return;
    const Deadline kind = m_deadlineKind;
    setDeadline(Deadline::None, 0);
    switch (kind) {
    case Deadline::None:
        return;
    case Deadline::Request:
        if (m_state != State::Reading)
            return;
        if (requestStarted()) {
            reject(408,
                   "no complete request within " +
                       QByteArray::number(m_listener->config().requestTimeoutMs) + " ms",
                   partialRequest());
        } else {
            // an idle keep-alive connection: close it quietly
            m_state = State::Closing;
            startLinger();
        }
        return;
    case Deadline::Write:
    case Deadline::Linger:
        abort();
        return;
    }
}

void HttpConnection::beginShutdown() {
    if (m_state != State::Reading)
        return;
    readSocket(); // requests already received are answered
    if (m_state == State::Reading)
        processBuffer();
    if (m_state != State::Reading)
        return;
    if (requestStarted()) {
        reject(503, "the listener is stopping", partialRequest());
    } else {
        m_state = State::Closing;
        if (m_responses.isEmpty())
            afterWrite();
    }
}

void HttpConnection::abort() {
    if (m_state == State::Closed)
        return;
    m_stream->abort();
    close();
}

void HttpConnection::onConnectionLost() {
    if (m_state == State::Closed)
        return;
    if (m_state == State::Reading)
        recordCutRequest();
    close();
}

void HttpConnection::recordCutRequest() {
    if (!requestStarted())
        return;
    Capture capture = newCapture(partialRequest());
    capture.rejection = QStringLiteral("the client closed the connection before the request "
                                       "was complete");
    m_listener->enqueue(this, std::move(capture), 0); // not answered
}

void HttpConnection::close() {
    m_state = State::Closed;
    m_delayTimer.stop();
    setDeadline(Deadline::None, 0);
    m_responses.clear();
    m_buffer.clear();
    m_stream->close();
    m_listener->connectionClosed(this);
    deleteLater();
}

void HttpConnection::timerEvent(QTimerEvent *event) {
    if (event->timerId() != m_delayTimer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_delayTimer.stop();
    writeReady();
}

bool HttpConnection::requestStarted() const {
    return !m_buffer.isEmpty() || !m_parser.isIdle();
}

HttpRequest HttpConnection::partialRequest() const {
    HttpRequest request = m_parser.request();
    if (request.rawHead.isEmpty()) // still in the head: keep what came, up to the limit
        request.rawHead = m_buffer.left(qsizetype(m_parser.limits().maxHeadBytes));
    return request;
}

void HttpConnection::setDeadline(Deadline kind, qint64 monotonicMs) {
    m_deadlineKind = kind;
    m_deadlineMs = monotonicMs;
}
