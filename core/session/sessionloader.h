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
    /// analysed by an older decoder: the pipeline analyses them again.
    QList<qint64> needingAnalysis;
};

/**
 * Reads a session's index rows with one pass over the narrow captures_overview
 * index joined with analyses (bodies are never read), plus one ordered pass over
 * the events for the tag masks. Runs on any thread; cancellable.
 */
class SessionLoader {
public:
    struct Options {
        int minDecoderVersion = 0; ///< analyses older than this are reported as needing work
        qint64 fromId = 0;         ///< load only captures with id >= fromId (after an append)
        const std::atomic_bool *cancel = nullptr;
    };

    static std::optional<LoadedSession> load(const QString &path, const Options &options,
                                             QString *error);
};
