#include "listenerurl.h"

#include "mews/secrets.h"

#include <QUrl>

namespace ListenerUrl {

QString bound(const QHostAddress &address, quint16 port) {
    QString host = address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host.replace(QLatin1Char('%'), QLatin1String("%25")) +
               QLatin1Char(']');
    return QStringLiteral("http://%1:%2/").arg(host, QString::number(port));
}

QString base(const QHostAddress &address, quint16 port) {
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return bound(QHostAddress(QHostAddress::LocalHost), port);
    if (address == QHostAddress::AnyIPv6)
        return bound(QHostAddress(QHostAddress::LocalHostIPv6), port);
    return bound(address, port);
}

QString reach(const QHostAddress &address, QString *detail) {
    const QString bound = address.protocol() == QAbstractSocket::IPv6Protocol
                              ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                              : address.toString();
    if (address.isLoopback()) {
        if (detail)
            *detail = QStringLiteral("Bound to %1: only programs on this machine, such as a "
                                     "tunnel, can send to it.")
                          .arg(bound);
        return {};
    }
    const bool every = address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
                       address == QHostAddress::AnyIPv6;
    if (detail)
        *detail = every ? QStringLiteral("Bound to %1, every network interface of this machine: "
                                         "other machines that can reach it can send to it too. "
                                         "To keep it to this machine, bind to 127.0.0.1 in "
                                         "Listener settings.")
                              .arg(bound)
                        : QStringLiteral("Bound to %1: machines that can reach that address can "
                                         "send to it too. To keep it to this machine, bind to "
                                         "127.0.0.1 in Listener settings.")
                              .arg(bound);
    return (every ? QStringLiteral("bound to %1, every interface: other machines can send to it")
                  : QStringLiteral("bound to %1: other machines can send to it"))
        .arg(bound);
}

QString tokenValue(const QString &token, bool reveal) {
    return reveal ? QString::fromLatin1(QUrl::toPercentEncoding(token)) : Secrets::maskWhole(token);
}

QString listeningLine(const QString &url, const QHostAddress &address, const QString &token,
                      bool reveal) {
    QString line = QStringLiteral("listening on ") + url;
    const QString who = reach(address);
    if (!who.isEmpty())
        line += QStringLiteral(" (") + who + QLatin1Char(')');
    if (!token.isEmpty())
        line += QStringLiteral(" (requests must carry ?Token=%1)").arg(tokenValue(token, reveal));
    return line;
}

QString withToken(const QString &base, const QString &token, bool reveal) {
    return token.isEmpty() ? base : base + QStringLiteral("?Token=") + tokenValue(token, reveal);
}

namespace {

// Split where a line break shows the command in a narrow pane; JSON allows it there.
constexpr QLatin1String PayloadParts[] = {
    QLatin1String("{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":"),
    QLatin1String("{\"Id\":\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\","),
    QLatin1String("\"Name\":\"Example\"}}}")};

} // namespace

QByteArray examplePayload() {
    QByteArray payload;
    for (const QLatin1String part : PayloadParts)
        payload.append(part.data(), part.size());
    return payload;
}

QString curlExample(const QString &url, bool severalLines) {
    const QString next = severalLines ? QStringLiteral(" \\\n  ") : QStringLiteral(" ");
    QString command = QStringLiteral("curl -H 'Content-Type: application/json'") + next +
                      QStringLiteral("--data-binary '");
    for (const QLatin1String part : PayloadParts) {
        if (severalLines && part != PayloadParts[0])
            command += QStringLiteral("\n  ");
        command += part;
    }
    return command + QLatin1Char('\'') + next + QLatin1Char('\'') + url + QLatin1Char('\'');
}

} // namespace ListenerUrl
