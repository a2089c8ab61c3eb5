#pragma once

#include "capture/capture.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

/**
 * Sends a captured request again, to a URL the user gives: the service being developed,
 * say, so that a webhook Mews sent once can be fed to it as often as needed.
 *
 * What is sent: the captured method, the header fields in their order with their values
 * (fields with the same name joined by ", ", as RFC 9110 §5.3 allows), and the body's
 * bytes exactly. The connection's own fields are not copied but made for the new
 * connection: Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE,
 * Trailer, Upgrade, Proxy-Connection and Expect. A destination without a path ("http://
 * localhost:3000") gets the captured path and query (with Mews's ?Token=); one with a
 * path is used as it is. Redirects are not followed: the answer is reported as it came.
 * Qt's network access adds User-Agent, Accept-Encoding and Accept-Language where the
 * capture has none.
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
        QString error; ///< empty when an answer came (whatever its status)
    };

    explicit RequestResender(QObject *parent = nullptr);

    /// The URL a capture goes to for destination, or an invalid URL with *error.
    static QUrl destinationFor(const Capture &capture, const QString &destination, QString *error);
    /// Whether the field is the connection's own and is made anew rather than copied.
    static bool isConnectionField(QByteArrayView name);

    /// Starts sending; false with *error when the destination is not an http(s) URL or a
    /// resend is running. finished() follows.
    bool send(const Capture &capture, const QString &destination, QString *error);
    bool isSending() const { return !m_reply.isNull(); }
    /// Gives the running resend up; finished() follows with an error.
    void abort();
    void setTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void finished(const RequestResender::Outcome &outcome);

private:
    void replied();

    QNetworkAccessManager m_manager;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QElapsedTimer m_clock;
    int m_timeoutMs = DefaultTimeoutMs;
    bool m_aborted = false;
};

Q_DECLARE_METATYPE(RequestResender::Outcome)
