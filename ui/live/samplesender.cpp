#include "samplesender.h"

#include "session/listenerurl.h"

#include <QDir>
#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

SampleSender::SampleSender(QObject *parent)
    : QObject(parent) {
    // The listener is local: a proxy from the environment must not see the token.
    m_manager.setProxy(QNetworkProxy::NoProxy);
    m_manager.setAutoDeleteReplies(true);
}

QStringList SampleSender::samples() {
    QStringList names;
    const QDir dir(QStringLiteral(":/samples"));
    // Integration webhooks first, then General ones, the malformed one last.
    for (const QString &prefix : {QStringLiteral("integration-*"), QStringLiteral("general-*"),
                                  QStringLiteral("malformed-*")}) {
        for (const QString &name : dir.entryList({prefix}, QDir::Files, QDir::Name))
            names.append(dir.filePath(name));
    }
    return names;
}

bool SampleSender::send(const QString &baseUrl, const QString &token) {
    if (isSending())
        return false;
    QUrl url(baseUrl);
    url.setPath(QStringLiteral("/webhook"));
    // The token as Mews sends it, so a listener that asks for one accepts the samples.
    m_url = ListenerUrl::withToken(url.toString(QUrl::FullyEncoded), token, true);
    m_samples = samples();
    m_index = 0;
    m_sent = 0;
    m_failed = 0;
    m_error.clear();
    sendNext();
    return true;
}

void SampleSender::sendNext() {
    if (m_index >= m_samples.size()) {
        m_index = -1;
        Q_EMIT finished(m_sent, m_failed, m_error);
        return;
    }
    QFile file(m_samples.at(m_index));
    if (!file.open(QIODevice::ReadOnly)) {
        ++m_failed;
        if (m_error.isEmpty())
            m_error = QStringLiteral("cannot read %1").arg(file.fileName());
        ++m_index;
        sendNext();
        return;
    }
    QNetworkRequest request{QUrl::fromEncoded(m_url.toLatin1())};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("MewsWebhookInspector-samples"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_manager.post(request, file.readAll());
    connect(reply, &QNetworkReply::finished, this, [this, reply] { replied(reply); });
}

void SampleSender::replied(QNetworkReply *reply) {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        ++m_sent;
    } else {
        ++m_failed;
        if (m_error.isEmpty())
            m_error = status > 0 ? QStringLiteral("the listener answered %1").arg(status)
                                 : reply->errorString();
    }
    ++m_index;
    sendNext();
}
