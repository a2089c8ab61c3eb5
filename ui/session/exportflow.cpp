#include "exportflow.h"

#include "sessionprompts.h"
#include "text/countedtext.h"

#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>

using namespace Qt::Literals::StringLiterals;

namespace {

// "#2", "#2 and #5", "#2, #5, #9 and 12 others"
QString captureNumbers(const QList<qint64> &ids) {
    constexpr qsizetype Named = 3;
    QStringList named;
    for (qsizetype i = 0; i < qMin(ids.size(), Named); ++i)
        named.append(u'#' + QLocale().toString(ids.at(i)));
    if (ids.size() > Named)
        return named.join(u", "_s) + u" and "_s + QLocale().toString(ids.size() - Named) +
               u" others"_s;
    const QString last = named.takeLast();
    return named.isEmpty() ? last : named.join(u", "_s) + u" and "_s + last;
}

} // namespace

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

void ExportFlow::onFinished(const ExportJob::Result &result) {
    if (result.cancelled) {
        Q_EMIT message(u"Export cancelled"_s);
        return;
    }
    if (!result.ok) {
        m_prompts->showError(u"Export failed"_s, result.error);
        return;
    }
    if (result.skipped == 0 && result.altered.isEmpty()) {
        Q_EMIT message(u"Exported to "_s + result.target);
        return;
    }
    // Written, but not as it was received: never without a word.
    QString text = u"Exported to "_s + result.target;
    if (result.skipped > 0)
        text += u", without %1: their stored rows are damaged (a salvaged session keeps such "
                "captures listed)"_s.arg(
                    CountedText::localized(result.skipped, "capture"_L1, "captures"_L1));
    text += u'.';
    if (result.altered.size() == 1)
        text += u" The body of capture %1 no longer matches what was received: the session "
                "file was damaged or changed after it arrived. It was exported as stored, and "
                "its findings say so."_s.arg(captureNumbers(result.altered));
    else if (result.altered.size() > 1)
        text += u" The bodies of captures %1 no longer match what was received: the session "
                "file was damaged or changed after they arrived. They were exported as "
                "stored, and their findings say so."_s.arg(captureNumbers(result.altered));
    m_prompts->showError(result.skipped > 0 ? u"Exported with captures left out"_s
                                            : u"Exported with altered bodies"_s,
                         text);
}
