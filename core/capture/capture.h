#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

/// One header line as it arrived: name and value keep their bytes and case.
struct HeaderField {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HeaderField &, const HeaderField &) = default;
};
using HeaderList = QList<HeaderField>;

/// The answer the listener sent for a capture.
struct CaptureResponse {
    int status = 0;
    HeaderList headers;
    QByteArray body;
    qint64 sentUtcMs = 0; ///< when the response was handed to the socket

    friend bool operator==(const CaptureResponse &, const CaptureResponse &) = default;
};

/// What a capture holds of the answer to its request.
enum class ResponseRecord : quint8 {
    Answered, ///< response.status is the status that was answered
    NotSent,  ///< the listener sent none (the client closed the connection first)
    NotInHar, ///< imported from a HAR file that records no response (its status 0)
    Unknown,  ///< a salvage rebuilt the capture and lost whether and what was answered
};

/// True when the capture holds that no response exists: none was sent, or the HAR file
/// it came from records none (as against Unknown: one may have gone out).
constexpr bool recordsNoResponse(ResponseRecord record) {
    return record == ResponseRecord::NotSent || record == ResponseRecord::NotInHar;
}

/// What a capture with this response status records of its answer. Status 0 is none: a
/// HAR file's status 0 records no response, and the listener answers every request it
/// keeps but one the client cut short, which it rejects for that. A listener's capture
/// with status 0 that is not rejected was rebuilt by a salvage from its stored request
/// after the row that held the status (and the rejection) was lost. Capture and
/// CaptureIndexRow both answer by this, so the table and the detail pane agree.
constexpr ResponseRecord responseRecordOf(int status, bool harImported, bool rejected) {
    if (status != 0)
        return ResponseRecord::Answered;
    if (harImported)
        return ResponseRecord::NotInHar;
    return rejected ? ResponseRecord::NotSent : ResponseRecord::Unknown;
}

/// Where a capture came from.
enum class CaptureOrigin : quint8 {
    Listener = 0,  ///< received by this app's listener
    HarImport = 1, ///< an entry of an imported HAR file
};

/**
 * One HTTP request exactly as received, and what was answered.
 *
 * A value type: every member is implicitly shared or trivial, so copies are
 * cheap and it can cross threads in queued signals.
 */
struct Capture {
    qint64 id = 0; ///< store id in arrival order; 0 until stored
    CaptureOrigin origin = CaptureOrigin::Listener;

    quint64 connectionId = 0; ///< listener-wide connection counter, from 1
    quint32 sequence = 0;     ///< request number on its connection, from 1
    QString remoteAddress;
    quint16 remotePort = 0;
    quint16 localPort = 0;
    qint64 firstByteUtcMs = 0; ///< UTC ms since the epoch of the request's first byte
    qint64 completeUtcMs = 0;  ///< UTC ms when the request was complete (or rejected)

    QByteArray method;      ///< as sent, e.g. "POST"
    QByteArray target;      ///< request-target as sent (origin- or absolute-form)
    QByteArray httpVersion; ///< "HTTP/1.1" or "HTTP/1.0"; empty if the line was unreadable
    QByteArray rawHead;     ///< request line + header section + blank line, byte for byte
    HeaderList headers;     ///< in order, with duplicates and case as sent
    HeaderList trailers;    ///< chunked trailer fields, if any
    bool chunked = false;   ///< the body arrived with Transfer-Encoding: chunked
    QByteArray body;        ///< payload bytes exactly (de-chunked when chunked)

    QString rejection; ///< empty when accepted; otherwise the reason it was turned away
    CaptureResponse response;

    bool isRejected() const { return !rejection.isEmpty(); }
    /// Whether response.status is the answer (see responseRecordOf()).
    ResponseRecord responseRecord() const {
        return responseRecordOf(response.status, origin == CaptureOrigin::HarImport, isRejected());
    }

    /// First header value with this name (case-insensitive), or a null QByteArray.
    QByteArray headerValue(QByteArrayView name) const;
    /// The path of the target without the query, e.g. "/webhook".
    QByteArray path() const;
    /// "127.0.0.1:51234", or "[::1]:51234" for an IPv6 address (RFC 3986 §3.2.2);
    /// "127.0.0.1:?" when the port is not known (0).
    QString remoteEndpoint() const;
    /// How long the answer took, from the request's first byte to the response: the
    /// nearest this side sees to the 5 s Mews waits from its sending. -1 when unknown
    /// (no response was sent, or a time is missing).
    qint64 answerDelayMs() const;

    friend bool operator==(const Capture &, const Capture &) = default;
};

Q_DECLARE_METATYPE(Capture)
Q_DECLARE_METATYPE(QList<Capture>)
