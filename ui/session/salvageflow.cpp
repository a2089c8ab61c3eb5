#include "salvageflow.h"

#include "session/sessionsalvage.h"
#include "session/sessionschema.h"
#include "sessionprompts.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProgressDialog>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int ProgressIntervalMs = 100;

} // namespace

SalvageFlow::SalvageFlow(SessionPrompts *prompts, QWidget *window)
    : QObject(window)
    , m_prompts(prompts)
    , m_window(window) {
}

SalvageFlow::~SalvageFlow() {
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
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
    if (m_thread)
        return false;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    QPointer<SalvageFlow> self(this);
    m_thread = QThread::create([self, cancel, source, target] {
        QElapsedTimer clock;
        clock.start();
        qint64 reported = -ProgressIntervalMs;
        const SessionSalvage::Report report =
            SessionSalvage::salvage(source, target, [&](int permille) {
                if (clock.elapsed() - reported >= ProgressIntervalMs) {
                    reported = clock.elapsed();
                    QMetaObject::invokeMethod(
                        self.data(),
                        [self, permille] {
                            if (self)
                                Q_EMIT self->progress(permille);
                        },
                        Qt::QueuedConnection);
                }
                return !cancel->load();
            });
        const QString text = report.ok ? report.summary(source, target) : report.error;
        const bool ok = report.ok;
        const bool cancelled = report.cancelled;
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, cancelled, text, target] {
                if (self)
                    self->onFinished(ok, cancelled, text, target);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"mwi-salvage"_s);
    m_thread->start(QThread::LowPriority);
    return true;
}

void SalvageFlow::cancel() {
    if (m_cancel)
        m_cancel->store(true);
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
    if (m_thread) {
        m_thread->wait();
        m_thread->deleteLater();
        m_thread = nullptr;
    }
    Q_EMIT finished(ok, text, target); // closes the progress dialog first
    if (ok) {
        if (m_prompts->confirm(u"Session salvaged"_s, text + u"\n\nOpen the salvaged session?"_s,
                               u"Open"_s))
            Q_EMIT openRequested(target);
    } else if (!cancelled) {
        m_prompts->showError(u"Salvage failed"_s, text);
    }
}
