#include "harimporter.h"

#include "captureanalyser.h"
#include "capturejournal.h"
#include "fileoperations.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace {

/// Removes the staging session and what SQLite and the lock left beside it.
void discard(const QString &staging) {
    if (staging.isEmpty())
        return;
    QString ignored;
    SessionFile::remove(staging, &ignored);
}

/// Removes the staging sessions that imports into sessionPath left behind when they were
/// killed partway (SIGKILL, a crash, power loss): ".<name>.<8 hex digits>.tmp" beside it,
/// with a lock file that no running process holds. A file without a lock is never one
/// (Save As and salvage copies have none; an import locks its staging from the start).
void discardAbandoned(const QString &sessionPath) {
    const QFileInfo session(sessionPath);
    const QString prefix = QLatin1Char('.') + session.fileName() + QLatin1Char('.');
    static const QRegularExpression stamp(QStringLiteral("^[0-9a-f]{8}\\.tmp$"));
    const QDir folder = session.absoluteDir();
    const QStringList names =
        folder.entryList({QStringLiteral(".*.tmp")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        if (!name.startsWith(prefix) || !stamp.match(name.mid(prefix.size())).hasMatch())
            continue;
        const QString staging = folder.filePath(name);
        if (QFileInfo::exists(FileOperations::lockPath(staging)) && !SessionFile::isInUse(staging))
            discard(staging);
    }
}

/// Closes the existing session this import held, marked as cleanly closed: an import
/// that stopped partway did not change it.
void release(SessionFile &target) {
    if (!target.isOpen())
        return;
    QString ignored;
    target.markClean(true, &ignored);
    target.close();
}

} // namespace

std::optional<HarReader::Summary> HarImporter::run(const QString &harPath,
                                                   const QString &sessionPath, QString *error) {
    m_failure = Failure::None;
    m_openedSession = false;
    discardAbandoned(sessionPath);
    const bool existing = !SessionFile::needsCreating(sessionPath);
    // The requests go into a session of their own beside the target first; only a whole
    // import is then moved into place (a new session) or appended in one transaction (an
    // existing one), so a failure or an interruption partway imports nothing.
    SessionFile target; // an existing session, held (locked) from the first batch on
    QString staging;
    CaptureJournal journal;
    const CaptureAnalyser analyser;
    bool sessionFailed = false;
    bool cancelled = false;
    const HarReader::Sink write = [&](QList<Capture> &batch, QString *reason) {
        if (m_cancelled && m_cancelled()) {
            cancelled = true;
            if (reason)
                *reason = QStringLiteral("The import was interrupted");
            return false;
        }
        if (!journal.isOpen()) {
            if (existing && !target.open(sessionPath, SessionFile::Durability::Normal, reason)) {
                sessionFailed = true;
                return false;
            }
            staging = FileOperations::createTemporaryBeside(sessionPath, reason);
            if (staging.isEmpty() || !QFile::remove(staging) ||
                !SessionFile::create(staging, reason) ||
                !journal.open(staging, SessionFile::Durability::Normal, reason)) {
                sessionFailed = true;
                return false;
            }
            m_openedSession = true;
        }
        if (!journal.commit(batch, reason)) {
            sessionFailed = true;
            return false;
        }
        QList<AnalysedCapture> analysed;
        analysed.reserve(batch.size());
        for (const Capture &capture : std::as_const(batch))
            analysed.append(analyser.analyse(capture));
        journal.addAnalyses(analysed);
        return true;
    };
    std::optional<HarReader::Summary> summary = HarReader::readFile(harPath, write, error);
    if (!summary)
        m_failure = cancelled       ? Failure::Cancelled
                    : sessionFailed ? Failure::Session
                                    : Failure::Har;
    QString closeError;
    if (journal.isOpen() && !journal.close(&closeError) && summary) {
        m_failure = Failure::Session;
        summary.reset();
        if (error)
            *error = closeError;
    }
    if (summary && m_openedSession && m_cancelled && m_cancelled()) {
        // the last chance: after this, the import goes into the target whole
        m_failure = Failure::Cancelled;
        summary.reset();
        if (error)
            *error = QStringLiteral("The import was interrupted");
    }
    if (summary && m_openedSession) {
        QString moveError;
        bool moved = false;
        if (existing) {
            const std::optional<AppendResult> appended = target.append(staging, &moveError);
            moved = appended.has_value();
        } else if (!SessionFile::needsCreating(sessionPath)) {
            moveError = QStringLiteral("%1 was made by someone else meanwhile").arg(sessionPath);
        } else {
            moved = SessionFile::move(staging, sessionPath, &moveError);
        }
        if (!moved) {
            m_failure = Failure::Session;
            summary.reset();
            if (error)
                *error = moveError;
        }
    }
    release(target);
    discard(staging);
    if (summary || !m_openedSession || !error)
        return summary;
    *error += existing ? QStringLiteral("; nothing was imported, %1 is as it was").arg(sessionPath)
                       : QStringLiteral("; nothing was imported, and no session was made");
    return summary;
}
