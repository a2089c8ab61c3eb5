#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QByteArrayView>

/**
 * Incremental HTTP/1.1 request parser (RFC 9112) that knows nothing of sockets.
 *
 * Keep the received bytes that are not consumed yet in a buffer; after every read
 * call parse(buffer) and then drop Result::consumed bytes from the buffer's front.
 * The parser remembers how far it has looked, so every byte is examined once however
 * the request is split into reads, and the outcome never depends on the split.
 *
 * The body is copied once, from the buffer into HttpRequest::body (de-chunked for
 * chunked bodies), and body bytes are consumed as they are read, so the buffer
 * stays small however large the body is. Memory grows only with bytes that
 * actually arrived, never with a declared length.
 *
 * Rules worth knowing (everything else follows RFC 9112 strictly):
 *  - a line may end in LF alone (RFC 9112 §2.2); a CR anywhere else is an error;
 *  - empty lines before a request line are skipped;
 *  - Content-Length may repeat (in one field as a list or in several fields) only
 *    with identical values, which RFC 9110 §8.6 allows; anything else is a 400;
 *  - Transfer-Encoding must end in chunked (400 otherwise, RFC 9112 §6.3); a coding
 *    other than chunked before it is a 501;
 *  - HTTP/1.1 requests need exactly one Host field, and its value must be
 *    uri-host [ ":" port ] (RFC 9112 §3.2; empty is allowed);
 *  - the request target holds only what RFC 3986 allows there: no fragment, no
 *    unencoded space, quote, "<>{}|\^`", control or byte above 0x7F.
 */
class RequestParser {
public:
    enum class Status {
        Incomplete, ///< more bytes are needed
        Complete,   ///< Result::request holds a whole request
        Error,      ///< the request is rejected; answer Result::errorStatus and close
    };

    struct Limits {
        qint64 maxHeadBytes = 64 * 1024;          ///< request line + header section (431)
        qint64 maxTargetBytes = 8 * 1024;         ///< request-target (414)
        qint64 maxBodyBytes = 32LL * 1024 * 1024; ///< body after de-chunking (413)

        friend bool operator==(const Limits &, const Limits &) = default;
    };

    struct Result {
        Status status = Status::Incomplete;
        /// Bytes of the buffer the caller must drop now (also when Incomplete).
        qsizetype consumed = 0;
        /// Incomplete only: the head is read and a body is expected (see request()).
        bool headComplete = false;
        /// Complete: the request. Error: what was read of it (raw head up to the limits;
        /// the method once the request line was split, if it is a token).
        HttpRequest request;
        int errorStatus = 0;    ///< Error: 400, 413, 414, 431, 501 or 505
        QByteArray errorReason; ///< Error: short plain-text reason
    };

    /// Longest chunk-size line (size and extensions) accepted.
    static constexpr qsizetype MaxChunkLineBytes = 4096;

    RequestParser();
    explicit RequestParser(const Limits &limits);

    /// New limits, used from the next request on.
    void setLimits(const Limits &limits);
    const Limits &limits() const { return m_limits; }

    /// Reads as much of buffer as possible; buffer starts at the first unconsumed byte.
    Result parse(QByteArrayView buffer);

    /// The request being read: its head once Result::headComplete, and the body so far.
    const HttpRequest &request() const { return m_request; }
    /// True between requests, when nothing of a next request has been seen yet.
    bool isIdle() const;
    /// Forgets the request being read (and a sticky error).
    void reset();

private:
    enum class Stage {
        RequestLine,
        HeaderLines,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Failed,
    };
    enum class Step { NeedMore, Continue, Complete, Failed };

    Step readRequestLine(QByteArrayView data, qsizetype *consumed);
    Step readHeaderLines(QByteArrayView data, qsizetype *consumed);
    Step finishHead(qsizetype headEnd, qsizetype *consumed);
    Step readFixedBody(QByteArrayView data, qsizetype *consumed);
    Step readChunkSize(QByteArrayView data, qsizetype *consumed);
    Step readChunkData(QByteArrayView data, qsizetype *consumed);
    Step readChunkDataEnd(QByteArrayView data, qsizetype *consumed);
    Step readTrailers(QByteArrayView data, qsizetype *consumed);

    Step fail(int status, const QByteArray &reason);
    Step failInHead(QByteArrayView data, qsizetype rawBytes, int status, const QByteArray &reason);
    void appendBody(QByteArrayView bytes);
    void startRequest();

    Limits m_limits;
    Limits m_nextLimits;
    Stage m_stage = Stage::RequestLine;
    HttpRequest m_request;
    qsizetype m_scan = 0;       // bytes of the current unit already examined
    qsizetype m_lineStart = 0;  // start of the current line in the head or trailer section
    qsizetype m_sp1 = -1;       // request line: first SP
    qsizetype m_targetEnd = -1; // request line: first SP or CR after m_sp1
    qint64 m_remaining = 0;     // bytes left of a fixed body or of the current chunk
    qint64 m_framingBytes = 0;  // chunk-size lines and CRLFs read so far
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};
