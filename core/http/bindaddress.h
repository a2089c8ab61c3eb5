#pragma once

#include "listenerconfig.h"

#include <QHostAddress>
#include <QString>

/// What a listener makes of the address it is told to bind (--bind, Listener settings).
namespace BindAddress {

/**
 * The address to listen on: for an IPv4-mapped IPv6 address (::ffff:127.0.0.1), the IPv4
 * address it maps, since a listening IPv6 socket takes IPv6 connections only and cannot
 * bind one; any other address as it is.
 */
QHostAddress listenable(const QHostAddress &address);

/**
 * Why no listener can use this address on any machine, naming it, or an empty string:
 * a multicast or the broadcast address, or a link-local IPv6 address without its network
 * interface. Whether the address is on this machine shows only when listening.
 */
QString problem(const QHostAddress &address);

/// Whether two configurations listen at the same address and port (::ffff:127.0.0.1 and
/// 127.0.0.1 do): changing one into the other moves nothing.
bool sameEndpoint(const ListenerConfig &a, const ListenerConfig &b);

} // namespace BindAddress
