#include "harsession.h"

#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/harreader.h"
#include "session/livesession.h"

std::optional<HarSession> HarSession::write(const QString &harPath, const QString &directory,
                                            QString *error) {
    std::optional<HarImport> imported = HarReader::readFile(harPath, error);
    if (!imported)
        return std::nullopt;
    if (imported->captures.isEmpty()) {
        if (error)
            *error = QStringLiteral("the file has no request entries");
        return std::nullopt;
    }
    HarSession session;
    session.path = LiveSession::newPath(directory);
    session.warnings = imported->warnings;
    CaptureJournal journal;
    journal.setDecoderVersion(CaptureAnalyser::decoderVersion());
    if (!SessionFile::create(session.path, error) ||
        !journal.open(session.path, SessionFile::Durability::Normal, error))
        return std::nullopt;
    QList<Capture> captures = std::move(imported->captures);
    bool ok = journal.commit(captures, error);
    if (ok) {
        const CaptureAnalyser analyser;
        QList<AnalysedCapture> analysed;
        analysed.reserve(captures.size());
        for (const Capture &capture : std::as_const(captures))
            analysed.append(analyser.analyse(capture));
        journal.addAnalyses(analysed);
    }
    ok = journal.close(ok ? error : nullptr) && ok;
    if (!ok) {
        QString ignored;
        SessionFile::remove(session.path, &ignored);
        return std::nullopt;
    }
    session.captures = captures.size();
    return session;
}
