#pragma once

#include <QString>
#include <QStringList>

#include <optional>

/// A HAR file written as a session file, ready to be appended to the open session.
struct HarSession {
    QString path; ///< the temporary session file (delete it after use)
    qsizetype captures = 0;
    QStringList warnings; ///< entries skipped or fields guessed

    /// Reads harPath and writes its requests, analysed, into a new session file in
    /// directory. Runs on any thread. nullopt with *error when the HAR cannot be read or
    /// the session not written.
    static std::optional<HarSession> write(const QString &harPath, const QString &directory,
                                           QString *error);
};
