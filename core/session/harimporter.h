#pragma once

#include "harreader.h"

#include <QString>

#include <optional>

/**
 * Streams the requests of a HAR file, analysed, into a session file: the headless
 * --import-har and the window's Import HAR. The session file is opened (and created,
 * mode 0600, when it does not exist) with the first batch of captures, so a file
 * that is not HAR, or has no request entries, leaves no session behind. When writing
 * fails partway (a full disk), a session made by this import is removed again, and for
 * an existing one the error says which captures were imported.
 */
class HarImporter {
public:
    enum class Failure {
        None,
        Har,     ///< the HAR file cannot be read or is not HAR
        Session, ///< the session file cannot be created, opened or written
    };

    /// The captures imported and the warnings, or nullopt with *error (see failure()).
    std::optional<HarReader::Summary> run(const QString &harPath, const QString &sessionPath,
                                          QString *error);
    Failure failure() const { return m_failure; }
    /// Whether run() got as far as opening the session file.
    bool openedSession() const { return m_openedSession; }

private:
    Failure m_failure = Failure::None;
    bool m_openedSession = false;
};
