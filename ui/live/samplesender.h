#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>

class QNetworkReply;

/**
 * Help → Send sample webhooks: POSTs the bundled samples (":/samples/", every action
 * and discriminator, both General forms and one malformed body) to the running
 * listener over real HTTP, one after another so they arrive in a stable order, with
 * the token when one is configured. A newcomer sees the window fill within a second.
 */
class SampleSender : public QObject {
    Q_OBJECT

public:
    explicit SampleSender(QObject *parent = nullptr);

    /// The bundled sample resources, in the order they are sent.
    static QStringList samples();

    /// Starts sending to baseUrl ("http://127.0.0.1:8089/"); false if already sending.
    bool send(const QString &baseUrl, const QString &token);
    bool isSending() const { return m_index >= 0; }

Q_SIGNALS:
    /// All were sent; failed counts requests without a 2xx answer, error the first reason.
    void finished(int sent, int failed, const QString &error);

private:
    void sendNext();
    void replied(QNetworkReply *reply);

    QNetworkAccessManager m_manager;
    QStringList m_samples;
    QString m_url;
    int m_index = -1;
    int m_sent = 0;
    int m_failed = 0;
    QString m_error;
};
