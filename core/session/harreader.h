#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The captures made from a HAR file's request entries.
struct HarImport {
    QList<Capture> captures; ///< origin HarImport, ids 0 (the journal assigns them)
    QStringList warnings;    ///< entries skipped or fields guessed, one line each
};

/**
 * Reads HAR 1.2 files as written by Chrome / Firefox DevTools, HTTP Toolkit,
 * mitmproxy, Charles and this app. Optional fields may be missing; HTTP/2
 * pseudo-headers become a Host header; base64 bodies are decoded; this app's own
 * "_capture" fields restore connection, remote address, rejection and the exact
 * request head. A file that is not HAR gives a clear error.
 */
class HarReader {
public:
    static std::optional<HarImport> read(const QByteArray &json, QString *error);
    static std::optional<HarImport> readFile(const QString &path, QString *error);
};
