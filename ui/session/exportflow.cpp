#include "exportflow.h"

#include "exportjob.h"
#include "sessionprompts.h"
#include "text/countedtext.h"

#include <QFileInfo>
#include <QProgressDialog>

using namespace Qt::Literals::StringLiterals;

ExportFlow::ExportFlow(ExportJob *job, SessionPrompts *prompts, QWidget *window)
    : QObject(window)
    , m_job(job)
    , m_prompts(prompts)
    , m_window(window) {
    connect(m_job, &ExportJob::finished, this, &ExportFlow::onFinished);
}

void ExportFlow::runWithDialog(bool har, const QString &sessionPath,
                               const std::function<bool(const QString &target)> &start) {
    const QString suffix = har ? u".har"_s : u".jsonl"_s;
    const QString target = m_prompts->askExportPath(
        har ? u"Export as HAR"_s : u"Export as JSON Lines"_s,
        QFileInfo(sessionPath).completeBaseName() + suffix,
        har ? u"HAR files (*.har);;All files (*)"_s : u"JSON Lines (*.jsonl);;All files (*)"_s);
    if (target.isEmpty() || !start(target))
        return;
    auto *progress = new QProgressDialog(u"Exporting captures…"_s, u"Cancel"_s, 0, 100, m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    connect(progress, &QProgressDialog::canceled, m_job, &ExportJob::cancel);
    connect(m_job, &ExportJob::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setValue(total > 0 ? int(done * 100 / total) : 0);
    });
    connect(m_job, &ExportJob::finished, progress, &QProgressDialog::close);
}

void ExportFlow::onFinished(bool ok, bool cancelled, const QString &error, const QString &target,
                            qint64 skipped) {
    if (ok && skipped > 0) {
        m_prompts->showError(
            u"Exported with captures left out"_s,
            u"Exported to %1, without %2: their stored rows are damaged (a salvaged session "
            "keeps such captures listed)."_s.arg(
                target, CountedText::localized(skipped, "capture"_L1, "captures"_L1)));
    } else if (ok) {
        Q_EMIT message(u"Exported to "_s + target);
    } else if (cancelled) {
        Q_EMIT message(u"Export cancelled"_s);
    } else {
        m_prompts->showError(u"Export failed"_s, error);
    }
}
