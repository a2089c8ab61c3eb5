#include "listenerurl.h"

#include "mews/secrets.h"

#include <QUrl>

namespace ListenerUrl {

QString base(const QHostAddress &address, quint16 port) {
    QHostAddress shown = address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        shown = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress::AnyIPv6)
        shown = QHostAddress(QHostAddress::LocalHostIPv6);
    const QString host = shown.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + shown.toString() + QLatin1Char(']')
                             : shown.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(port);
}

QString withToken(const QString &base, const QString &token, bool reveal) {
    if (token.isEmpty())
        return base;
    const QString value =
        reveal ? QString::fromLatin1(QUrl::toPercentEncoding(token)) : Secrets::mask(token);
    return base + QStringLiteral("?Token=") + value;
}

QString curlExample(const QString &url, bool twoLines) {
    return QStringLiteral("curl -H 'Content-Type: application/json'") +
           (twoLines ? QStringLiteral(" \\\n    ") : QStringLiteral(" ")) +
           QStringLiteral("-d '{\"Action\":\"IntegrationEnabled\",\"Data\":{}}' '") + url +
           QLatin1Char('\'');
}

} // namespace ListenerUrl
