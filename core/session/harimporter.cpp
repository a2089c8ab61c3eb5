#include "harimporter.h"

#include "captureanalyser.h"
#include "capturejournal.h"
#include "fileoperations.h"

#include <QFileInfo>

std::optional<HarReader::Summary> HarImporter::run(const QString &harPath,
                                                   const QString &sessionPath, QString *error) {
    m_failure = Failure::None;
    m_openedSession = false;
    const bool created = !QFileInfo::exists(sessionPath);
    CaptureJournal journal;
    const CaptureAnalyser analyser;
    bool sessionFailed = false;
    qint64 firstId = 0;   ///< of this import's captures
    qint64 writtenTo = 0; ///< the last id committed
    const HarReader::Sink write = [&](QList<Capture> &batch, QString *reason) {
        if (!journal.isOpen()) {
            if ((created && !SessionFile::create(sessionPath, reason)) ||
                !journal.open(sessionPath, SessionFile::Durability::Normal, reason)) {
                sessionFailed = true;
                return false;
            }
            m_openedSession = true;
            firstId = journal.nextCaptureId();
        }
        if (!journal.commit(batch, reason)) {
            sessionFailed = true;
            return false;
        }
        writtenTo = batch.isEmpty() ? writtenTo : batch.constLast().id;
        QList<AnalysedCapture> analysed;
        analysed.reserve(batch.size());
        for (const Capture &capture : std::as_const(batch))
            analysed.append(analyser.analyse(capture));
        journal.addAnalyses(analysed);
        return true;
    };
    std::optional<HarReader::Summary> summary = HarReader::readFile(harPath, write, error);
    if (!summary)
        m_failure = sessionFailed ? Failure::Session : Failure::Har;
    QString closeError;
    const bool closed = !journal.isOpen() || journal.close(&closeError);
    if (!closed && summary) {
        m_failure = Failure::Session;
        summary.reset();
        if (error)
            *error = closeError;
    }
    if (summary || !m_openedSession)
        return summary;
    // Failed partway (a full disk, say): say what is in the file, or leave no file behind.
    if (created) {
        QFile::remove(sessionPath);
        FileOperations::removeSideFiles(sessionPath);
        QFile::remove(FileOperations::lockPath(sessionPath));
        if (error)
            *error += QStringLiteral("; nothing was imported and the new session was removed");
    } else if (error) {
        if (closed && journal.nextCaptureId() > firstId)
            writtenTo = journal.nextCaptureId() - 1; // the close wrote what the commit could not
        if (writtenTo < firstId)
            *error += QStringLiteral("; nothing was imported");
        else if (writtenTo == firstId)
            *error += QStringLiteral("; only the first request was imported (capture #%1), "
                                     "the rest were not")
                          .arg(firstId);
        else
            *error += QStringLiteral("; the first %1 requests were imported (captures #%2-#%3), "
                                     "the rest were not")
                          .arg(writtenTo - firstId + 1)
                          .arg(firstId)
                          .arg(writtenTo);
    }
    return summary;
}
