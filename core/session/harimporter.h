#pragma once

#include "harreader.h"

#include <QString>

#include <functional>

#include <optional>

/**
 * Streams the requests of a HAR file, analysed, into a session file: the headless
 * --import-har and the window's Import HAR. The session file is opened (and created,
 * mode 0600, when it does not exist) with the first batch of captures, so a file
 * that is not HAR, or has no request entries, leaves no session behind.
 *
 * All or nothing: the requests are written to a temporary session beside the target,
 * which then becomes the new session (a rename) or is appended to the existing one in
 * one transaction. When writing fails partway (a full disk), or the import is cancelled,
 * nothing was imported: no new session is made, and an existing one is as it was.
 */
class HarImporter {
public:
    enum class Failure {
        None,
        Har,       ///< the HAR file cannot be read or is not HAR
        Session,   ///< the session file cannot be created, opened or written
        Cancelled, ///< setCancelled()'s test said so before the import was done
    };

    /// Asked before each batch of captures and once more before the import goes into the
    /// target; true stops it, with nothing imported (Failure::Cancelled).
    void setCancelled(std::function<bool()> cancelled) { m_cancelled = std::move(cancelled); }

    /// The captures imported and the warnings, or nullopt with *error (see failure()).
    std::optional<HarReader::Summary> run(const QString &harPath, const QString &sessionPath,
                                          QString *error);
    Failure failure() const { return m_failure; }
    /// Whether run() got as far as opening the session file.
    bool openedSession() const { return m_openedSession; }

private:
    std::function<bool()> m_cancelled;
    Failure m_failure = Failure::None;
    bool m_openedSession = false;
};
