#pragma once

#include "capture/capture.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
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
    /// Captures handed to a Sink at a time.
    static constexpr qsizetype BatchSize = 256;
    /// Takes a batch of captures (it may move them out); false, with a reason in error,
    /// stops the import.
    using Sink = std::function<bool(QList<Capture> &batch, QString *error)>;
    struct Summary {
        qsizetype captures = 0;
        QStringList warnings;
    };

    /// Streams the captures of a HAR document to sink in batches, parsing one entry at
    /// a time. A document that is not HAR fails before sink sees anything.
    static std::optional<Summary> read(QByteArrayView json, const Sink &sink, QString *error);
    /// The same for a file, which is mapped rather than read into memory.
    static std::optional<Summary> readFile(const QString &path, const Sink &sink, QString *error);

    /// All captures at once, for small documents.
    static std::optional<HarImport> read(const QByteArray &json, QString *error);
    static std::optional<HarImport> readFile(const QString &path, QString *error);
};
