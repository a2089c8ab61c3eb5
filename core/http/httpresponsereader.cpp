#include "httpresponsereader.h"

#include "httpsyntax.h"

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

HttpResponseReader::HttpResponseReader(bool headRequest, qint64 maxBody)
    : m_headRequest(headRequest)
    , m_maxBody(qMax<qint64>(0, maxBody)) {
}

HttpResponseReader::State HttpResponseReader::feed(QByteArrayView bytes) {
    if (m_state == State::Done || m_state == State::Failed)
        return m_state;
    m_buffer.append(bytes);
    bool progress = true;
    while (progress && (m_state == State::Head || m_state == State::Body))
        progress = m_state == State::Head ? readHead() : readBody();
    // What was read is dropped; a partial line or chunk stays for the next bytes.
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    return m_state;
}

HttpResponseReader::State HttpResponseReader::finish() {
    if (m_state == State::Body && m_framing == Framing::UntilClose)
        m_state = State::Done;
    else if (m_state == State::Head)
        fail(m_statusRead || !m_buffer.isEmpty()
                 ? QStringLiteral("the connection closed in the middle of the answer's head")
                 : QStringLiteral("the connection closed without an answer"));
    else if (m_state == State::Body)
        fail(QStringLiteral("the connection closed before the answer's body was complete "
                            "(%1 bytes of it arrived)")
                 .arg(m_body.size()));
    return m_state;
}

bool HttpResponseReader::fail(const QString &error) {
    m_state = State::Failed;
    m_error = error;
    return false;
}

bool HttpResponseReader::nextLine(QByteArrayView *line) {
    const qsizetype end = m_buffer.indexOf('\n', m_pos);
    if (end < 0)
        return false;
    qsizetype length = end - m_pos;
    if (length > 0 && m_buffer.at(end - 1) == '\r')
        --length;
    *line = QByteArrayView(m_buffer).sliced(m_pos, length);
    m_pos = end + 1;
    return true;
}

bool HttpResponseReader::readHead() {
    QByteArrayView line;
    while (nextLine(&line)) {
        m_headBytes += line.size() + 2;
        if (m_headBytes > MaxHeadBytes)
            break;
        if (!m_statusRead) {
            if (line.isEmpty())
                continue; // RFC 9112 §2.2: empty lines before the status line are ignored
            if (!parseStatusLine(line))
                return false;
            m_statusRead = true;
            continue;
        }
        if (!line.isEmpty()) {
            if (!parseField(line))
                return false;
            continue;
        }
        // The end of a head. An interim response (100 Continue, 103 Early Hints) is
        // followed by the real one.
        if (m_status >= 100 && m_status < 200 && m_status != 101) {
            m_statusRead = false;
            m_headers.clear();
            m_reason.clear();
            m_status = 0;
            continue;
        }
        return decideFraming();
    }
    if (m_headBytes + m_buffer.size() - m_pos > MaxHeadBytes)
        return fail(
            QStringLiteral("the answer's head is longer than %1 KiB").arg(MaxHeadBytes / 1024));
    return false;
}

bool HttpResponseReader::parseStatusLine(QByteArrayView line) {
    // HTTP-version SP 3DIGIT SP [ reason-phrase ]; some servers leave out the last SP.
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || !isDigit(line[7]) || line[8] != ' ' ||
        !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11]) ||
        (line.size() > 12 && line[12] != ' ')) {
        return fail(QStringLiteral("the answer is not HTTP/1.x: it begins \"%1\"")
                        .arg(QString::fromLatin1(line.first(qMin<qsizetype>(line.size(), 40)))));
    }
    m_status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    m_reason = line.size() > 13 ? line.sliced(13).toByteArray() : QByteArray();
    return true;
}

bool HttpResponseReader::parseField(QByteArrayView line) {
    QByteArrayView name;
    QByteArrayView value;
    if (const char *problem = HttpSyntax::parseFieldLine(line, &name, &value)) {
        return fail(QStringLiteral("the answer's header field \"%1\" is malformed: %2")
                        .arg(QString::fromLatin1(line.first(qMin<qsizetype>(line.size(), 40))),
                             QLatin1String(problem)));
    }
    m_headers.append({name.toByteArray(), value.toByteArray()});
    return true;
}

bool HttpResponseReader::decideFraming() {
    // RFC 9112 §6.3, in its order.
    if (m_headRequest || m_status == 204 || m_status == 304 || m_status == 101) {
        m_state = State::Done;
        return false;
    }
    QByteArrayView length;
    bool hasLength = false;
    bool hasCoding = false;
    bool chunked = false;
    for (const HeaderField &field : std::as_const(m_headers)) {
        if (field.name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            hasCoding = true;
            const QList<QByteArrayView> codings = HttpSyntax::listElements(field.value);
            chunked = !codings.isEmpty() &&
                      codings.constLast().compare("chunked", Qt::CaseInsensitive) == 0;
        } else if (field.name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (hasLength && length != QByteArrayView(field.value))
                return fail(QStringLiteral("the answer has differing Content-Length fields"));
            length = field.value;
            hasLength = true;
        }
    }
    m_state = State::Body;
    if (hasCoding) {
        m_framing = chunked ? Framing::Chunked : Framing::UntilClose;
    } else if (hasLength) {
        if (!HttpSyntax::parseDecimal(length, &m_remaining))
            return fail(QStringLiteral("the answer's Content-Length \"%1\" is not a number")
                            .arg(QString::fromLatin1(length)));
        m_framing = Framing::Length;
        if (m_remaining == 0)
            m_state = State::Done;
    } else {
        m_framing = Framing::UntilClose;
    }
    return m_state == State::Body;
}

void HttpResponseReader::keep(QByteArrayView bytes) {
    const qint64 room = m_maxBody - m_body.size();
    if (bytes.size() > room) {
        m_body.append(bytes.first(room));
        m_bodyCut = true;
        m_state = State::Done;
        return;
    }
    m_body.append(bytes);
}

bool HttpResponseReader::readBody() {
    if (m_framing == Framing::Chunked)
        return readChunked();
    const QByteArrayView available = QByteArrayView(m_buffer).sliced(m_pos);
    if (available.isEmpty())
        return false;
    if (m_framing == Framing::UntilClose) {
        keep(available);
        m_pos = m_buffer.size();
        return false;
    }
    const qsizetype take = qsizetype(qMin<qint64>(available.size(), m_remaining));
    keep(available.first(take));
    m_pos += take;
    m_remaining -= take;
    if (m_remaining == 0)
        m_state = State::Done;
    return false; // anything after the body is not this response's
}

bool HttpResponseReader::readChunked() {
    QByteArrayView line;
    switch (m_chunk) {
    case Chunk::Size:
        if (!nextLine(&line))
            return m_buffer.size() - m_pos > 4096
                       ? fail(QStringLiteral("the answer's chunk size line is too long"))
                       : false;
        if (const char *problem = HttpSyntax::parseChunkLine(
                line, std::numeric_limits<qint64>::max() - 1, &m_remaining)) {
            return fail(QStringLiteral("the answer's chunked body is malformed: %1")
                            .arg(QLatin1String(problem)));
        }
        m_chunk = m_remaining == 0 ? Chunk::Trailers : Chunk::Data;
        return true;
    case Chunk::Data: {
        const qsizetype take = qsizetype(qMin<qint64>(m_buffer.size() - m_pos, m_remaining));
        if (take == 0)
            return false;
        keep(QByteArrayView(m_buffer).sliced(m_pos, take));
        m_pos += take;
        m_remaining -= take;
        if (m_remaining == 0)
            m_chunk = Chunk::DataEnd;
        return m_state == State::Body;
    }
    case Chunk::DataEnd:
        if (!nextLine(&line))
            return false;
        if (!line.isEmpty())
            return fail(QStringLiteral("the answer's chunked body is malformed: a chunk is "
                                       "longer than its size"));
        m_chunk = Chunk::Size;
        return true;
    case Chunk::Trailers:
        if (!nextLine(&line))
            return false;
        if (line.isEmpty()) {
            m_state = State::Done;
            return false;
        }
        return parseField(line);
    }
    return false;
}
