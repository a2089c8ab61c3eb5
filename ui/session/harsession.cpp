#include "harsession.h"

#include "session/harimporter.h"
#include "session/livesession.h"
#include "session/sessionfile.h"

std::optional<HarSession> HarSession::write(const QString &harPath, const QString &directory,
                                            QString *error) {
    HarSession session;
    session.path = LiveSession::newPath(directory);
    HarImporter importer;
    const std::optional<HarReader::Summary> imported = importer.run(harPath, session.path, error);
    if (imported && imported->captures > 0) {
        session.captures = imported->captures;
        session.warnings = imported->warnings;
        return session;
    }
    if (imported && error)
        *error = QStringLiteral("the file has no request entries");
    QString ignored; // the file may be half made, or not made at all
    SessionFile::remove(session.path, &ignored);
    return std::nullopt;
}
