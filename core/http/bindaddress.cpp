#include "bindaddress.h"

namespace BindAddress {

QHostAddress listenable(const QHostAddress &address) {
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    // ::ffff:a.b.c.d. Not QHostAddress::toIPv4Address(), which also turns :: into 0.0.0.0.
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0)
            return address;
    }
    if (bytes[10] != 0xff || bytes[11] != 0xff)
        return address;
    return QHostAddress(quint32(bytes[12]) << 24 | quint32(bytes[13]) << 16 |
                        quint32(bytes[14]) << 8 | quint32(bytes[15]));
}

QString problem(const QHostAddress &address) {
    const QHostAddress bound = listenable(address);
    const QString text = bound.toString();
    if (bound.isMulticast())
        return QStringLiteral("%1 is a multicast address, which TCP cannot listen on").arg(text);
    if (bound.isBroadcast())
        return QStringLiteral("%1 is the broadcast address, which TCP cannot listen on").arg(text);
    if (bound.protocol() == QAbstractSocket::IPv6Protocol && bound.isLinkLocal() &&
        bound.scopeId().isEmpty())
        return QStringLiteral("%1 is a link-local address, which needs the network interface it "
                              "is on, as in %1%eth0")
            .arg(text);
    return {};
}

bool sameEndpoint(const ListenerConfig &a, const ListenerConfig &b) {
    return a.port == b.port && listenable(a.bindAddress) == listenable(b.bindAddress);
}

} // namespace BindAddress
