#pragma once

#include "captureindex.h"

#include <QList>
#include <QString>

#include <atomic>
#include <optional>

/// A session's index, read off the GUI thread, ready for CaptureStore::adopt().
struct LoadedSession {
    QString path;
    CaptureIndex index;
    /// Captures without an analysis row (the app stopped between commit and analysis) or
    /// analysed by an older decoder or whose analysis is unreadable: the pipeline analyses
    /// them again.
    QList<qint64> needingAnalysis;
    /// Captures whose stored analysis could not be read (a damaged file); they are in the
    /// index unanalysed and in needingAnalysis.
    qint64 unreadableAnalyses = 0;
};

/**
 * Reads a session's index rows: one ordered pass over captures and one over analyses
 * (bodies are never read), stepped in id order together. A second thread steps SQLite
 * and hands the rows on in chunks (IndexRowChunk, BoundedQueue) while the calling
 * thread parses the packed events and entities into the index (IndexBuilder), so a
 * large session opens in about the time of the slower half. A third (ScanPrefetcher)
 * asks the kernel for the two tables' pages ahead of the scan, and not for the bodies'
 * pages between them, so a cold open reads less of the file. Runs on any thread;
 * cancellable.
 */
class SessionLoader {
public:
    struct Options {
        int minDecoderVersion = 0; ///< analyses older than this are reported as needing work
        qint64 fromId = 0;         ///< load only captures with id >= fromId (after an append)
        const std::atomic_bool *cancel = nullptr;

        /// What the app loads with: analyses older than this build's decoder
        /// (CaptureAnalyser::decoderVersion()) are reported for reanalysis.
        static Options current(qint64 fromId = 0);
    };

    static std::optional<LoadedSession> load(const QString &path, const Options &options,
                                             QString *error);
};
