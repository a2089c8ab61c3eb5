#include "requestparser.h"

#include "httpsyntax.h"
#include "messageframing.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace {

constexpr qint64 Never = std::numeric_limits<qint64>::max();

qsizetype indexOfLf(QByteArrayView data, qsizetype from) {
    if (from >= data.size())
        return -1;
    const void *found = std::memchr(data.data() + from, '\n', size_t(data.size() - from));
    return found ? static_cast<const char *>(found) - data.data() : -1;
}

QByteArrayView withoutCr(QByteArrayView line) {
    return line.endsWith('\r') ? line.chopped(1) : line;
}

QByteArray bytesReason(qint64 limit, const char *what) {
    return QByteArray(what) + " exceeds the limit of " + QByteArray::number(limit) + " bytes";
}

/// Visible US-ASCII only (0x21-0x7E), and not empty.
bool isPrintableAscii(QByteArrayView text) {
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < '\x7f'; });
}

} // namespace

RequestParser::RequestParser()
    : RequestParser(Limits()) {
}

RequestParser::RequestParser(const Limits &limits)
    : m_limits(limits)
    , m_nextLimits(limits) {
}

void RequestParser::setLimits(const Limits &limits) {
    m_nextLimits = limits;
    if (isIdle())
        m_limits = limits;
}

bool RequestParser::isIdle() const {
    return m_stage == Stage::RequestLine && m_scan == 0;
}

void RequestParser::reset() {
    m_errorStatus = 0;
    m_errorReason.clear();
    startRequest();
}

void RequestParser::startRequest() {
    m_limits = m_nextLimits;
    m_stage = Stage::RequestLine;
    m_request = HttpRequest();
    m_scan = 0;
    m_lineStart = 0;
    m_sp1 = -1;
    m_targetEnd = -1;
    m_remaining = 0;
    m_framingBytes = 0;
}

RequestParser::Result RequestParser::parse(QByteArrayView buffer) {
    Result result;
    if (m_stage == Stage::Failed) {
        result.status = Status::Error;
        result.errorStatus = m_errorStatus;
        result.errorReason = m_errorReason;
        return result;
    }
    qsizetype consumed = 0;
    for (;;) {
        const QByteArrayView data = buffer.sliced(consumed);
        Step step = Step::NeedMore;
        switch (m_stage) {
        case Stage::RequestLine:
            step = readRequestLine(data, &consumed);
            break;
        case Stage::HeaderLines:
            step = readHeaderLines(data, &consumed);
            break;
        case Stage::FixedBody:
            step = readFixedBody(data, &consumed);
            break;
        case Stage::ChunkSize:
            step = readChunkSize(data, &consumed);
            break;
        case Stage::ChunkData:
            step = readChunkData(data, &consumed);
            break;
        case Stage::ChunkDataEnd:
            step = readChunkDataEnd(data, &consumed);
            break;
        case Stage::Trailers:
            step = readTrailers(data, &consumed);
            break;
        case Stage::Failed:
            step = Step::Failed;
            break;
        }
        result.consumed = consumed;
        switch (step) {
        case Step::Continue:
            continue;
        case Step::NeedMore:
            result.headComplete = m_stage != Stage::RequestLine && m_stage != Stage::HeaderLines;
            return result;
        case Step::Complete:
            result.status = Status::Complete;
            result.request = std::move(m_request);
            startRequest();
            return result;
        case Step::Failed:
            result.status = Status::Error;
            result.request = std::move(m_request);
            m_request = HttpRequest();
            result.errorStatus = m_errorStatus;
            result.errorReason = m_errorReason;
            return result;
        }
    }
}

RequestParser::Step RequestParser::fail(int status, const QByteArray &reason) {
    m_stage = Stage::Failed;
    m_errorStatus = status;
    m_errorReason = reason;
    return Step::Failed;
}

RequestParser::Step RequestParser::failInHead(QByteArrayView data, qsizetype rawBytes, int status,
                                              const QByteArray &reason) {
    // what arrived, but never more than the head limit (a 414 can be proven one byte past it)
    const qsizetype kept = qMin(qMin(rawBytes, data.size()), qsizetype(m_limits.maxHeadBytes));
    m_request.rawHead = data.first(kept).toByteArray();
    return fail(status, reason);
}

// Each limit is decided at the shortest prefix that proves it, and the earliest
// proof wins, so the outcome is the same whether bytes come one by one or at once.
RequestParser::Step RequestParser::readRequestLine(QByteArrayView data, qsizetype *consumed) {
    if (m_scan == 0 && !data.isEmpty()) {
        // A request line starts with a method (or empty lines): a control byte first
        // proves at once that no HTTP request is coming, e.g. a TLS handshake.
        if (const QByteArray reason = HttpSyntax::foreignStart(data.front()); !reason.isNull())
            return failInHead(data, 1, 400, reason);
    }
    qsizetype lf = -1;
    for (qsizetype i = m_scan; i < data.size(); ++i) {
        const char c = data[i];
        if (c == '\n') {
            lf = i;
            break;
        }
        if (m_sp1 < 0) {
            if (c == ' ')
                m_sp1 = i;
        } else if (m_targetEnd < 0 && (c == ' ' || c == '\r')) {
            m_targetEnd = i;
        }
    }
    if (lf == 0 || (lf == 1 && data[0] == '\r')) {
        // RFC 9112 §2.2: ignore empty lines before the request line
        *consumed += lf + 1;
        m_scan = 0;
        m_sp1 = -1;
        m_targetEnd = -1;
        return Step::Continue;
    }
    const qsizetype seen = lf >= 0 ? lf + 1 : data.size();
    m_scan = seen;

    qint64 tooLongTarget = Never;
    if (m_sp1 >= 0) {
        const qsizetype runEnd = m_targetEnd >= 0 ? m_targetEnd : (lf >= 0 ? lf : data.size());
        if (runEnd - (m_sp1 + 1) > m_limits.maxTargetBytes)
            tooLongTarget = m_sp1 + 1 + m_limits.maxTargetBytes + 1;
    }
    const qint64 tooLongHead = seen > m_limits.maxHeadBytes ? m_limits.maxHeadBytes + 1 : Never;
    if (tooLongTarget != Never && tooLongTarget <= tooLongHead)
        return failInHead(data, tooLongTarget, 414,
                          bytesReason(m_limits.maxTargetBytes, "request target"));
    if (tooLongHead != Never)
        return failInHead(data, m_limits.maxHeadBytes, 431,
                          bytesReason(m_limits.maxHeadBytes, "request head"));
    if (lf < 0)
        return Step::NeedMore;

    HttpSyntax::RequestLine parts;
    const HttpSyntax::Verdict verdict =
        HttpSyntax::parseRequestLine(withoutCr(data.first(lf)), &parts);
    if (verdict.status != 0) {
        // a valid method is kept: the error answer to a HEAD must have no body
        if (HttpSyntax::isToken(parts.method))
            m_request.method = parts.method.toByteArray();
        // and a printable target, so the capture says what was asked for
        if (isPrintableAscii(parts.target))
            m_request.target = parts.target.toByteArray();
        return failInHead(data, lf + 1, verdict.status, verdict.reason);
    }
    m_request.method = parts.method.toByteArray();
    m_request.target = parts.target.toByteArray();
    m_request.version = parts.version.toByteArray();
    m_lineStart = lf + 1;
    m_stage = Stage::HeaderLines;
    return Step::Continue;
}

RequestParser::Step RequestParser::readHeaderLines(QByteArrayView data, qsizetype *consumed) {
    for (;;) {
        const qsizetype lf = indexOfLf(data, m_scan);
        const qsizetype seen = lf >= 0 ? lf + 1 : data.size();
        m_scan = seen;
        if (seen > m_limits.maxHeadBytes)
            return failInHead(data, m_limits.maxHeadBytes, 431,
                              bytesReason(m_limits.maxHeadBytes, "request head"));
        if (lf < 0)
            return Step::NeedMore;

        const QByteArrayView line = withoutCr(data.sliced(m_lineStart, lf - m_lineStart));
        if (line.isEmpty()) {
            m_request.rawHead = data.first(lf + 1).toByteArray();
            return finishHead(lf + 1, consumed);
        }
        QByteArrayView name;
        QByteArrayView value;
        if (const char *problem = HttpSyntax::parseFieldLine(line, &name, &value))
            return failInHead(data, lf + 1, 400, problem);
        m_request.headers.append({name.toByteArray(), value.toByteArray()});
        m_lineStart = lf + 1;
    }
}

RequestParser::Step RequestParser::finishHead(qsizetype headEnd, qsizetype *consumed) {
    const MessageFraming framing = MessageFraming::examine(m_request);
    if (framing.errorStatus != 0)
        return fail(framing.errorStatus, framing.errorReason);
    if (framing.length > m_limits.maxBodyBytes)
        return fail(413, bytesReason(m_limits.maxBodyBytes, "request body"));

    m_request.keepAlive = framing.keepAlive;
    m_request.expectContinue = framing.expectContinue;
    *consumed += headEnd;
    m_scan = 0;
    switch (framing.body) {
    case MessageFraming::Body::None:
        return Step::Complete;
    case MessageFraming::Body::Length:
        m_remaining = framing.length;
        m_stage = Stage::FixedBody;
        return Step::Continue;
    case MessageFraming::Body::Chunked:
        m_request.chunked = true;
        m_stage = Stage::ChunkSize;
        return Step::Continue;
    }
    return Step::Complete;
}

void RequestParser::appendBody(QByteArrayView bytes) {
    QByteArray &body = m_request.body;
    if (body.isEmpty() && bytes.size() == m_remaining && !m_request.chunked) {
        body = bytes.toByteArray(); // the common case: the whole body in one read, exact size
        return;
    }
    // Grow by doubling what actually arrived (amortised: each byte is moved a bounded number
    // of times), but never past the declared length, or the limit for chunked bodies.
    const qsizetype needed = body.size() + bytes.size();
    if (needed > body.capacity()) {
        const qint64 bound = m_request.chunked ? m_limits.maxBodyBytes : body.size() + m_remaining;
        const qint64 doubled = qMax<qint64>(needed, 2 * qint64(body.capacity()));
        body.reserve(qsizetype(qMax<qint64>(needed, qMin(bound, doubled))));
    }
    body.append(bytes);
}

RequestParser::Step RequestParser::readFixedBody(QByteArrayView data, qsizetype *consumed) {
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size()));
    appendBody(data.first(take));
    m_remaining -= take;
    *consumed += take;
    return m_remaining == 0 ? Step::Complete : Step::NeedMore;
}

RequestParser::Step RequestParser::readChunkSize(QByteArrayView data, qsizetype *consumed) {
    const qsizetype lf = indexOfLf(data, m_scan);
    const qsizetype seen = lf >= 0 ? lf + 1 : data.size();
    m_scan = seen;
    if (seen > MaxChunkLineBytes)
        return fail(400, bytesReason(MaxChunkLineBytes, "chunk size line"));
    if (lf < 0)
        return Step::NeedMore;

    const qint64 room = m_limits.maxBodyBytes - m_request.body.size();
    qint64 size = 0;
    if (const char *problem = HttpSyntax::parseChunkLine(withoutCr(data.first(lf)), room, &size))
        return fail(400, problem);
    if (size > room)
        return fail(413, bytesReason(m_limits.maxBodyBytes, "request body"));
    m_framingBytes += seen;
    // Tiny chunks with long extensions could make the wire far larger than the body.
    const qint64 framingLimit = qMax<qint64>(m_limits.maxBodyBytes, 64 * 1024);
    if (m_framingBytes > framingLimit)
        return fail(413, bytesReason(framingLimit, "chunked framing"));
    *consumed += seen;
    m_scan = 0;
    if (size == 0) {
        m_lineStart = 0;
        m_stage = Stage::Trailers;
    } else {
        m_remaining = size;
        m_stage = Stage::ChunkData;
    }
    return Step::Continue;
}

RequestParser::Step RequestParser::readChunkData(QByteArrayView data, qsizetype *consumed) {
    if (data.isEmpty())
        return Step::NeedMore;
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size()));
    appendBody(data.first(take));
    m_remaining -= take;
    *consumed += take;
    if (m_remaining > 0)
        return Step::NeedMore;
    m_stage = Stage::ChunkDataEnd;
    return Step::Continue;
}

RequestParser::Step RequestParser::readChunkDataEnd(QByteArrayView data, qsizetype *consumed) {
    if (data.isEmpty())
        return Step::NeedMore;
    qsizetype length = 0;
    if (data[0] == '\n') {
        length = 1;
    } else if (data[0] == '\r') {
        if (data.size() < 2)
            return Step::NeedMore;
        if (data[1] == '\n')
            length = 2;
    }
    if (length == 0)
        return fail(400, "chunk data is not followed by CRLF");
    m_framingBytes += length;
    *consumed += length;
    m_stage = Stage::ChunkSize;
    return Step::Continue;
}

RequestParser::Step RequestParser::readTrailers(QByteArrayView data, qsizetype *consumed) {
    for (;;) {
        const qsizetype lf = indexOfLf(data, m_scan);
        const qsizetype seen = lf >= 0 ? lf + 1 : data.size();
        m_scan = seen;
        if (seen > m_limits.maxHeadBytes)
            return fail(431, bytesReason(m_limits.maxHeadBytes, "trailer section"));
        if (lf < 0)
            return Step::NeedMore;

        const QByteArrayView line = withoutCr(data.sliced(m_lineStart, lf - m_lineStart));
        if (line.isEmpty()) {
            *consumed += lf + 1;
            return Step::Complete;
        }
        QByteArrayView name;
        QByteArrayView value;
        if (const char *problem = HttpSyntax::parseFieldLine(line, &name, &value))
            return fail(400, problem);
        m_request.trailers.append({name.toByteArray(), value.toByteArray()});
        m_lineStart = lf + 1;
    }
}
