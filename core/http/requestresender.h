#pragma once

#include "capture/capture.h"

#include "httpresponsereader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QTcpSocket;

/**
 * Sends a captured request again, to a URL the user gives: the service being developed,
 * say, so that a webhook Mews sent once can be fed to it as often as needed.
 *
 * What is sent is written byte by byte here (requestBytes()), not through Qt's network
 * access, which would join repeated fields and add User-Agent, Accept-Encoding and
 * Accept-Language of its own: the captured method, the header fields in their order with
 * their names' case, repeated fields as repeated, and the body's bytes exactly. The
 * connection's own fields are made for the new connection, in the place the captured ones
 * had: Host names the destination, Content-Length the body (also for a body that came
 * chunked), Connection is "close" (one request per connection); Transfer-Encoding,
 * Keep-Alive, TE, Trailer, Upgrade, Proxy-Connection and Expect are left out. A
 * destination without a path ("http://localhost:3000") gets the captured path and query
 * (with Mews's ?Token=) byte for byte; one with a path is used as it is. https goes
 * through QSslSocket with the system's certificate checks. Redirects are not followed:
 * the answer (HttpResponseReader) is reported as it came.
 */
class RequestResender : public QObject {
    Q_OBJECT

public:
    /// How long a resend may take before it is given up.
    static constexpr int DefaultTimeoutMs = 15000;
    /// The most of a response body that is kept for showing.
    static constexpr qint64 MaxBodyBytes = 64 * 1024;

    struct Outcome {
        QUrl url;           ///< where it went
        int status = 0;     ///< 0 when no answer came
        QByteArray reason;  ///< the status line's reason phrase
        HeaderList headers; ///< the response's fields
        QByteArray body;    ///< at most MaxBodyBytes of it
        bool bodyCut = false;
        qint64 elapsedMs = 0;
        /// Empty when an answer came whole (whatever its status). Set with status 0 when
        /// none came, and with the status when the answer broke off or was malformed.
        QString error;
    };

    explicit RequestResender(QObject *parent = nullptr);
    ~RequestResender() override;

    /// The URL a capture goes to for destination, or an invalid URL with *error.
    static QUrl destinationFor(const Capture &capture, const QString &destination, QString *error);
    /// Whether the field is the connection's own and is made anew rather than copied.
    static bool isConnectionField(QByteArrayView name);
    /// The request sent for capture to the destination (see the class comment); empty
    /// with *error when the destination is not an http(s) URL.
    static QByteArray requestBytes(const Capture &capture, const QString &destination,
                                   QString *error);

    /// Starts sending; false with *error when the destination is not an http(s) URL or a
    /// resend is running. finished() follows.
    bool send(const Capture &capture, const QString &destination, QString *error);
    bool isSending() const { return m_socket != nullptr; }
    /// Gives the running resend up; finished() follows with an error.
    void abort();
    void setTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void finished(const RequestResender::Outcome &outcome);

private:
    /// requestBytes(), and where it goes (invalid with *error when it cannot go anywhere).
    static QByteArray requestFor(const Capture &capture, const QString &destination,
                                 QUrl *destinationUrl, QString *error);
    void readSome();
    void closed();
    /// Ends the resend: finished() with what the reader has and error.
    void complete(const QString &error);

    std::unique_ptr<QTcpSocket> m_socket; ///< a QSslSocket for https
    std::optional<HttpResponseReader> m_reader;
    QByteArray m_request;
    QUrl m_url;
    QElapsedTimer m_clock;
    QTimer m_timer;
    int m_timeoutMs = DefaultTimeoutMs;
};

Q_DECLARE_METATYPE(RequestResender::Outcome)
