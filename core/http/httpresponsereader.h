#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * Reads one HTTP/1.x response from the bytes a server sends (RFC 9112): the status line,
 * the header fields as sent, and the body, framed by Transfer-Encoding: chunked, by
 * Content-Length or by the end of the connection (§6.3). Interim 1xx responses are
 * skipped; the fields of a chunked body's trailer section are added to headers(). Knows
 * nothing of sockets; RequestResender feeds it.
 *
 * Only the first maxBody bytes of the body are kept; the reader is then done, with
 * bodyCut() set, and the rest need not be read.
 */
class HttpResponseReader {
public:
    enum class State { Head, Body, Done, Failed };

    /// The most a head (status line and fields) may take.
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

    /// headRequest: the request was HEAD, so the response has no body whatever it says.
    HttpResponseReader(bool headRequest, qint64 maxBody);

    /// Reads what arrived; returns the state after it.
    State feed(QByteArrayView bytes);
    /// The connection closed: this ends a body that runs to the close, and fails a
    /// response that is not complete.
    State finish();

    State state() const { return m_state; }
    /// Why reading failed (state() == Failed).
    QString error() const { return m_error; }

    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    HeaderList headers() const { return m_headers; }
    QByteArray body() const { return m_body; }
    bool bodyCut() const { return m_bodyCut; }

private:
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class Chunk { Size, Data, DataEnd, Trailers };

    bool readHead();
    bool parseStatusLine(QByteArrayView line);
    bool parseField(QByteArrayView line);
    bool decideFraming();
    bool readBody();
    bool readChunked();
    /// The next line of m_buffer from m_pos (CRLF or LF ended, the ending left out);
    /// false when it has not all arrived.
    bool nextLine(QByteArrayView *line);
    void keep(QByteArrayView bytes);
    bool fail(const QString &error);

    bool m_headRequest;
    qint64 m_maxBody;
    State m_state = State::Head;
    QString m_error;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_headBytes = 0; ///< of the heads read so far, interim ones included
    bool m_statusRead = false;
    int m_status = 0;
    QByteArray m_reason;
    HeaderList m_headers;
    Framing m_framing = Framing::None;
    qint64 m_remaining = 0; ///< of the body (Length) or of the chunk (Chunked)
    Chunk m_chunk = Chunk::Size;
    QByteArray m_body;
    bool m_bodyCut = false;
};
