#pragma once

#include <QHostAddress>
#include <QString>

/// How the window and headless mode name where the listener is.
namespace ListenerUrl {

/// The listener's own address as a URL, "http://0.0.0.0:8089/": what it is bound to.
/// An IPv6 address goes in brackets, and its zone's "%" is written "%25" (RFC 6874).
QString bound(const QHostAddress &address, quint16 port);
/// Where to send to, "http://127.0.0.1:8089/": bound(), but a wildcard bind address is
/// shown as the loopback address, which is what a local curl or tunnel uses.
QString base(const QHostAddress &address, quint16 port);
/// Who can send to a listener bound to address, for the window to say beside the URL.
/// Empty for a loopback address (the default: this machine only); else a short note such
/// as "bound to 0.0.0.0, every interface: other machines can send to it". *detail (if given) gets a
/// sentence for a tooltip, for every address.
QString reach(const QHostAddress &address, QString *detail = nullptr);
/// The token as a ?Token= value: percent-encoded as a sender must send it when reveal,
/// else wholly masked.
QString tokenValue(const QString &token, bool reveal);
/// The line headless mode and the window write on stderr once listening: "listening on
/// <url>", then reach() in brackets when other machines can send, then the ?Token= a
/// request must carry (tokenValue()) when a token is set.
QString listeningLine(const QString &url, const QHostAddress &address, const QString &token,
                      bool reveal);
/// base + "?Token=<token>", percent-encoded as a sender must send it, or with the token
/// wholly masked unless reveal; base when there is no token.
QString withToken(const QString &base, const QString &token, bool reveal);
/// The body curlExample() sends: the smallest IntegrationEnabled webhook that keeps the
/// contract, so the first capture a user makes by hand shows no findings.
QByteArray examplePayload();
/// A curl command that POSTs examplePayload() there: on several short lines for display
/// (shell line continuations, and a line break inside the JSON, where whitespace is
/// allowed), or on one for the clipboard. Either runs as it is when pasted in a shell.
QString curlExample(const QString &url, bool severalLines = false);

} // namespace ListenerUrl
