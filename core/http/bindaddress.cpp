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

bool sameEndpoint(const ListenerConfig &a, const ListenerConfig &b) {
    return a.port == b.port && listenable(a.bindAddress) == listenable(b.bindAddress);
}

} // namespace BindAddress
