#include "requestresender.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

/// The target as origin-form (path and query), also when it came in absolute-form.
QByteArray originForm(const QByteArray &target) {
    const qsizetype scheme = target.indexOf("://");
    if (scheme < 0 || target.startsWith('/'))
        return target;
    const qsizetype path = target.indexOf('/', scheme + 3);
    const qsizetype query = target.indexOf('?', scheme + 3);
    if (path < 0 && query < 0)
        return QByteArrayLiteral("/");
    if (path < 0 || (query >= 0 && query < path))
        return '/' + target.mid(query);
    return target.mid(path);
}

} // namespace

RequestResender::RequestResender(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<RequestResender::Outcome>();
}

bool RequestResender::isConnectionField(QByteArrayView name) {
    static const QByteArrayView own[] = {
        "Host", "Content-Length", "Transfer-Encoding", "Connection",       "Keep-Alive",
        "TE",   "Trailer",        "Upgrade",           "Proxy-Connection", "Expect"};
    for (const QByteArrayView field : own) {
        if (name.compare(field, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QUrl RequestResender::destinationFor(const Capture &capture, const QString &destination,
                                     QString *error) {
    const QUrl given = QUrl::fromUserInput(destination.trimmed());
    const QString scheme = given.scheme().toLower();
    if (!given.isValid() || given.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(destination);
        return {};
    }
    if (!given.path().isEmpty())
        return given;
    // No path: the capture's own path and query go to the new host.
    const QByteArray origin = originForm(capture.target);
    QUrl url =
        QUrl::fromEncoded(given.toEncoded() + (origin.startsWith('/') ? origin : '/' + origin));
    if (!url.isValid()) {
        if (error)
            *error = QStringLiteral("the captured target cannot be sent to %1").arg(destination);
        return {};
    }
    return url;
}

bool RequestResender::send(const Capture &capture, const QString &destination, QString *error) {
    if (isSending()) {
        if (error)
            *error = QStringLiteral("a resend is running");
        return false;
    }
    m_url = destinationFor(capture, destination, error);
    if (!m_url.isValid())
        return false;

    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_timeoutMs);
    for (const HeaderField &field : capture.headers) {
        if (isConnectionField(field.name))
            continue;
        const QByteArray before = request.rawHeader(field.name);
        request.setRawHeader(field.name, request.hasRawHeader(field.name)
                                             ? before + ", " + field.value
                                             : field.value);
    }
    const QByteArray method = capture.method.isEmpty() ? QByteArrayLiteral("POST") : capture.method;
    m_clock.start();
    m_aborted = false;
    m_reply = m_manager.sendCustomRequest(request, method, capture.body);
    connect(m_reply, &QNetworkReply::finished, this, &RequestResender::replied);
    return true;
}

void RequestResender::abort() {
    if (m_reply) {
        m_aborted = true;
        m_reply->abort(); // finished() follows
    }
}

void RequestResender::replied() {
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();

    const bool aborted = std::exchange(m_aborted, false);
    Outcome outcome;
    outcome.url = m_url;
    outcome.elapsedMs = m_clock.elapsed();
    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    for (const QNetworkReply::RawHeaderPair &pair : reply->rawHeaderPairs())
        outcome.headers.append({pair.first, pair.second});
    outcome.body = reply->read(MaxBodyBytes);
    outcome.bodyCut = reply->bytesAvailable() > 0;
    // An answer with an error status is still an answer; only a missing one is an error.
    if (outcome.status == 0) {
        const QNetworkReply::NetworkError code = reply->error();
        if (aborted)
            outcome.error = QStringLiteral("cancelled");
        else if (code == QNetworkReply::OperationCanceledError ||
                 code == QNetworkReply::TimeoutError)
            outcome.error = QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000.0);
        else
            outcome.error = reply->errorString();
    }
    Q_EMIT finished(outcome);
}
