#include "harsession.h"

#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/harreader.h"
#include "session/livesession.h"

std::optional<HarSession> HarSession::write(const QString &harPath, const QString &directory,
                                            QString *error) {
    HarSession session;
    CaptureJournal journal;
    journal.setDecoderVersion(CaptureAnalyser::decoderVersion());
    const CaptureAnalyser analyser;
    // Streamed in batches into a session file that the first batch creates.
    const HarReader::Sink write = [&](QList<Capture> &batch, QString *reason) {
        if (!journal.isOpen()) {
            session.path = LiveSession::newPath(directory);
            if (!SessionFile::create(session.path, reason) ||
                !journal.open(session.path, SessionFile::Durability::Normal, reason))
                return false;
        }
        if (!journal.commit(batch, reason))
            return false;
        QList<AnalysedCapture> analysed;
        analysed.reserve(batch.size());
        for (const Capture &capture : std::as_const(batch))
            analysed.append(analyser.analyse(capture));
        journal.addAnalyses(analysed);
        return true;
    };
    std::optional<HarReader::Summary> imported = HarReader::readFile(harPath, write, error);
    bool ok = imported.has_value();
    if (ok && imported->captures == 0) {
        if (error)
            *error = QStringLiteral("the file has no request entries");
        ok = false;
    }
    if (journal.isOpen())
        ok = journal.close(ok ? error : nullptr) && ok;
    if (!ok) {
        if (!session.path.isEmpty()) {
            QString ignored;
            SessionFile::remove(session.path, &ignored);
        }
        return std::nullopt;
    }
    session.captures = imported->captures;
    session.warnings = imported->warnings;
    return session;
}
