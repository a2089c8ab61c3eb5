#include "salvageflow.h"

#include "session/sessionsalvage.h"
#include "session/sessionschema.h"
#include "sessionprompts.h"
#include "work/workerjob.h"

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>

using namespace Qt::Literals::StringLiterals;

SalvageFlow::SalvageFlow(SessionPrompts *prompts, QWidget *window)
    : QObject(window)
    , m_prompts(prompts)
    , m_window(window)
    , m_job(new WorkerJob(this)) {
    connect(m_job, &WorkerJob::progress, this,
            [this](qint64 done, qint64) { Q_EMIT progress(int(done)); });
}

bool SalvageFlow::isRunning() const {
    return m_job->isRunning();
}

void SalvageFlow::runWithDialogs() {
    if (isRunning())
        return;
    const QString filter =
        u"Sessions (*.%1);;All files (*)"_s.arg(QLatin1String(SessionSchema::FileSuffix));
    const QString source = m_prompts->askOpenPath(u"Salvage a damaged session"_s, filter);
    if (source.isEmpty())
        return;
    const QFileInfo info(source);
    const QString suggested = info.dir().filePath(info.completeBaseName() + u"-salvaged."_s +
                                                  QLatin1String(SessionSchema::FileSuffix));
    const QString target =
        m_prompts->askExportPath(u"Write what can be read into"_s, suggested, filter);
    if (target.isEmpty())
        return;
    if (start(source, target))
        showProgress();
}

bool SalvageFlow::start(const QString &source, const QString &target) {
    return m_job->start(u"mwi-salvage"_s, [this, source, target](WorkerJob::Control &control) {
        const SessionSalvage::Report report = SessionSalvage::salvage(
            source, target, [&control](int permille) { return control.report(permille, 1000); });
        const QString text = report.ok ? report.summary(source, target) : report.error;
        return [this, ok = report.ok, cancelled = report.cancelled, text, target] {
            onFinished(ok, cancelled, text, target);
        };
    });
}

void SalvageFlow::cancel() {
    m_job->cancel();
}

void SalvageFlow::showProgress() {
    auto *dialog = new QProgressDialog(u"Salvaging the session…"_s, u"Cancel"_s, 0, 1000, m_window);
    dialog->setWindowTitle(u"Salvage"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    connect(dialog, &QProgressDialog::canceled, this, &SalvageFlow::cancel);
    connect(this, &SalvageFlow::progress, dialog, &QProgressDialog::setValue);
    connect(this, &SalvageFlow::finished, dialog, &QProgressDialog::close);
}

void SalvageFlow::onFinished(bool ok, bool cancelled, const QString &text, const QString &target) {
    Q_EMIT finished(ok, text, target); // closes the progress dialog first
    if (ok) {
        if (m_prompts->confirm(u"Session salvaged"_s, text + u"\n\nOpen the salvaged session?"_s,
                               u"Open"_s))
            Q_EMIT openRequested(target);
    } else if (!cancelled) {
        m_prompts->showError(u"Salvage failed"_s, text);
    }
}
