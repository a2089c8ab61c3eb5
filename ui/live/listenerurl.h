#pragma once

#include <QHostAddress>
#include <QString>

/// How the window names where the listener is.
namespace ListenerUrl {

/// "http://127.0.0.1:8089/"; a wildcard bind address is shown as the loopback
/// address, which is what a local curl or tunnel uses.
QString base(const QHostAddress &address, quint16 port);
/// base + "?Token=<token>" (masked unless reveal), or base when there is no token.
QString withToken(const QString &base, const QString &token, bool reveal);
/// A curl command that sends a small Integration webhook there; on two lines (a shell
/// line continuation) for display, or on one for the clipboard.
QString curlExample(const QString &url, bool twoLines = false);

} // namespace ListenerUrl
