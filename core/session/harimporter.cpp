#include "harimporter.h"

#include "captureanalyser.h"
#include "capturejournal.h"

#include <QFileInfo>

std::optional<HarReader::Summary> HarImporter::run(const QString &harPath,
                                                   const QString &sessionPath, QString *error) {
    m_failure = Failure::None;
    m_openedSession = false;
    CaptureJournal journal;
    const CaptureAnalyser analyser;
    bool sessionFailed = false;
    const HarReader::Sink write = [&](QList<Capture> &batch, QString *reason) {
        if (!journal.isOpen()) {
            if ((!QFileInfo::exists(sessionPath) && !SessionFile::create(sessionPath, reason)) ||
                !journal.open(sessionPath, SessionFile::Durability::Normal, reason)) {
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
        m_failure = sessionFailed ? Failure::Session : Failure::Har;
    if (journal.isOpen() && !journal.close(summary ? error : nullptr) && summary) {
        m_failure = Failure::Session;
        summary.reset();
    }
    return summary;
}
