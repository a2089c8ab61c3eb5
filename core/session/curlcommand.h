#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/**
 * A POSIX shell command that sends a capture again with curl, byte for byte:
 * the same method, request-target, header fields in their order and case (and
 * none that curl would add on its own), and the exact body, piped in through
 * printf so any bytes, NUL included, survive /bin/sh.
 *
 * A chunked request is sent chunked again; curl picks its own chunk sizes.
 */
class CurlCommand {
public:
    struct Options {
        /// Where to send it, e.g. the listener's URL "http://127.0.0.1:8089".
        QString baseUrl = QStringLiteral("http://127.0.0.1:8089");
        /// Masked secrets make a command that will not authenticate, so the
        /// caller decides; when false, Token and body secrets are masked.
        bool revealSecrets = false;
    };

    /// The command for /bin/sh, always valid UTF-8 (bytes that are not UTF-8 are
    /// produced by printf escapes), so it can go through the clipboard as text.
    static QByteArray build(const Capture &capture, const Options &options);
    /// 'text' with every ' written as '\'' (POSIX sh).
    static QByteArray shellQuote(QByteArrayView text);
    /// One shell word that expands to exactly these bytes (quoted, or printf for non-UTF-8).
    static QByteArray shellWord(QByteArrayView bytes);
    /// A printf format that prints exactly these bytes, quoted for the shell.
    static QByteArray printfFormat(QByteArrayView bytes);
};
