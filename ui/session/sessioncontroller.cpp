#include "sessioncontroller.h"

#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "session/fileoperations.h"
#include "session/livesession.h"
#include "sessionappender.h"
#include "sessionclearer.h"
#include "sessionpaths.h"
#include "sessionprompts.h"
#include "sessionsaver.h"
#include "sessionswitcher.h"
#include "storereanalysis.h"
#include "work/backgroundtask.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

#include <utility>

SessionController::SessionController(CapturePipeline *pipeline, CaptureStore *store,
                                     CaptureFeed *feed, SessionPrompts *prompts, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_store(store)
    , m_feed(feed)
    , m_prompts(prompts)
    , m_appender(new SessionAppender(pipeline, store, feed, this))
    , m_switcher(new SessionSwitcher(pipeline, store, feed, prompts, this))
    , m_saver(new SessionSaver(pipeline, store, feed, prompts, this))
    , m_clearer(new SessionClearer(pipeline, store, feed, prompts, this))
    , m_finder(new BackgroundTask(this)) {
    connect(m_switcher, &SessionSwitcher::switched, this,
            [this](const QString &path, bool untitled) {
                m_path = path;
                m_untitled = untitled;
                Q_EMIT sessionChanged();
            });
    connect(m_switcher, &SessionSwitcher::finished, this, [this](const QString &path) {
        finish(m_untitled
                   ? QString()
                   : QStringLiteral("Opened %1 (%2 captures)")
                         .arg(QDir::toNativeSeparators(path), QLocale().toString(m_store->size())));
        Q_EMIT switched();
        Q_EMIT loaded();
    });
    connect(m_switcher, &SessionSwitcher::failed, this, &SessionController::fail);
    connect(m_switcher, &SessionSwitcher::failedWithoutSession, this, [this](const QString &error) {
        m_path.clear();
        finish(QStringLiteral("No session is open: ") + error);
    });
    connect(m_switcher, &SessionSwitcher::message, this, &SessionController::message);
    connect(m_saver, &SessionSaver::message, this, &SessionController::message);
    connect(m_saver, &SessionSaver::saved, this, [this](const QString &path) {
        m_path = path;
        m_untitled = false;
    });
    connect(m_saver, &SessionSaver::finished, this, &SessionController::onSessionSaved);
    connect(m_clearer, &SessionClearer::cleared, this,
            [this] { finish(QStringLiteral("Cleared the session")); });
    connect(m_appender, &SessionAppender::progress, this, &SessionController::message);
    connect(m_appender, &SessionAppender::finished, this, [this](const QString &summary) {
        finish(summary);
        Q_EMIT loaded();
    });
    connect(m_appender, &SessionAppender::failed, this, &SessionController::fail);
    connect(m_pipeline, &CapturePipeline::operationFailed, this,
            &SessionController::onOperationFailed);
    auto *reanalysis = new StoreReanalysis(m_pipeline, m_store, this);
    connect(reanalysis, &StoreReanalysis::message, this, &SessionController::message);
    connect(m_pipeline, &CapturePipeline::shutDown, this, &SessionController::onShutDown);
    // The untitled session becomes "unsaved" with its first capture.
    connect(m_store, &CaptureStore::rowsAppended, this, [this](qsizetype first) {
        if (first == 0 && m_untitled)
            Q_EMIT sessionChanged();
    });
    connect(m_store, &CaptureStore::cleared, this, &SessionController::sessionChanged);
}

SessionController::~SessionController() = default;

bool SessionController::hasUnsavedCaptures() const {
    return m_untitled && !m_path.isEmpty() && (m_store->size() > 0 || m_feed->pendingCount() > 0);
}

QString SessionController::displayName() const {
    return m_untitled ? QStringLiteral("Untitled") : QFileInfo(m_path).fileName();
}

// --- start ------------------------------------------------------------------------------

void SessionController::recoverLeftovers(std::function<void(bool recovered)> done) {
    setBusy(Operation::Starting);
    // Said only when it takes long enough to notice (a big leftover not in the page cache).
    QTimer::singleShot(SearchNoticeMs, this, [this] {
        if (m_operation == Operation::Starting) {
            m_announcedSearch = true;
            Q_EMIT message(QStringLiteral("Looking for captures a previous run left unsaved…"));
        }
    });
    m_finder->start([this, done = std::move(done)]() -> BackgroundTask::Apply {
        const QList<SessionInfo> found = LiveSession::findRecoverable();
        return [this, found, done] {
            setBusy(Operation::None);
            if (std::exchange(m_announcedSearch, false))
                Q_EMIT message(QString());
            const QString leftover = m_switcher->chooseLeftover(found);
            if (!leftover.isEmpty())
                switchTo(leftover, true);
            done(!leftover.isEmpty());
        };
    });
}

void SessionController::stopStarting() {
    if (m_operation != Operation::Starting)
        return;
    m_finder->cancel();
    setBusy(Operation::None);
}

void SessionController::startUntitled() {
    switchTo(LiveSession::newPath(), true);
}

void SessionController::startWith(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo::exists(absolute) && !checkReadable(absolute, QStringLiteral("Cannot open"))) {
        startUntitled();
        return;
    }
    switchTo(absolute, false);
}

// --- open, new ----------------------------------------------------------------------------

bool SessionController::checkReadable(const QString &path, const QString &title) {
    const QString error = SessionPaths::openProblem(path);
    if (error.isEmpty())
        return true;
    m_prompts->showError(title, error);
    return false;
}

bool SessionController::leaveCurrent(const QString &leaving, std::function<void()> next) {
    if (!hasUnsavedCaptures()) {
        if (m_untitled)
            m_switcher->discardAfterSwitch(m_path, false); // empty: nothing worth keeping
        next();
        return true;
    }
    switch (m_prompts->askSaveUntitled(m_store->size() + m_feed->pendingCount(), leaving)) {
    case SessionPrompts::Answer::Cancel:
        return false;
    case SessionPrompts::Answer::Discard:
        m_switcher->discardAfterSwitch(m_path, true);
        next();
        return true;
    case SessionPrompts::Answer::Save:
        break;
    }
    const QString target = m_prompts->askSavePath(SessionPaths::suggestedSavePath());
    if (target.isEmpty())
        return false;
    m_afterSave = std::move(next);
    saveTo(target);
    return true;
}

void SessionController::newSession() {
    if (m_busy)
        return;
    leaveCurrent(QStringLiteral("starting a new session"), [this] { startUntitled(); });
}

void SessionController::openWithDialog() {
    if (m_busy)
        return;
    const QString path = m_prompts->askOpenPath(
        QStringLiteral("Open session"),
        QStringLiteral("Sessions and HAR files (*.mwsession *.har);;Sessions (*.mwsession);;HAR "
                       "files (*.har);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void SessionController::open(const QString &path) {
    if (m_busy) {
        Q_EMIT message(QStringLiteral("Wait for the current operation to finish"));
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (SessionPaths::isHarFile(absolute)) {
        importHar(absolute);
        return;
    }
    // Another spelling of the open file (a symbolic link, dir/../file) is the same
    // session: leaving it to open it again would close the file it records into.
    if (absolute == m_path || (!m_path.isEmpty() && FileOperations::sameFile(absolute, m_path))) {
        Q_EMIT message(QStringLiteral("%1 is already open").arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    if (!checkReadable(absolute, QStringLiteral("Cannot open the session")))
        return;
    leaveCurrent(QStringLiteral("opening %1").arg(QFileInfo(absolute).fileName()),
                 [this, absolute] { switchTo(absolute, false); });
}

void SessionController::switchTo(const QString &path, bool untitled) {
    setBusy(Operation::Opening);
    // A new session opens at once; a file with captures in it may take seconds.
    m_announcedOpening = QFileInfo(path).size() > 0;
    if (m_announcedOpening)
        Q_EMIT opening(path);
    m_switcher->switchTo(m_path, m_untitled, path, untitled);
}

// --- save -------------------------------------------------------------------------------

void SessionController::save() {
    if (m_busy)
        return;
    if (m_untitled) {
        saveAs();
        return;
    }
    Q_EMIT message(QStringLiteral("Nothing to save: captures are written into %1 as they arrive")
                       .arg(QDir::toNativeSeparators(m_path)));
}

void SessionController::saveAs() {
    if (m_busy)
        return;
    const QString target = m_saver->askTarget(m_path, m_untitled);
    if (!target.isEmpty())
        saveTo(target);
}

void SessionController::saveTo(const QString &path) {
    const QString target =
        m_busy || m_path.isEmpty() ? QString() : m_saver->confirmTarget(path, m_path);
    if (target.isEmpty()) {
        m_afterSave = nullptr;
        return;
    }
    setBusy(Operation::Saving);
    m_saver->save(m_path, m_untitled, target);
}

void SessionController::onSessionSaved(const QString &path) {
    finish(QStringLiteral("Saved as %1").arg(QDir::toNativeSeparators(path)));
    if (m_afterSave) {
        const std::function<void()> next = std::exchange(m_afterSave, nullptr);
        next();
    }
}

void SessionController::onOperationFailed(const QString &operation, const QString &error) {
    switch (m_operation) {
    case Operation::Saving:
        m_saver->revert();
        m_afterSave = nullptr;
        fail(QStringLiteral("Cannot save the session"), error);
        return;
    case Operation::Appending:
        m_appender->abandon();
        fail(operation + QStringLiteral(" failed"), error);
        return;
    case Operation::Clearing:
        m_clearer->abandon();
        fail(operation + QStringLiteral(" failed"), error);
        return;
    default:
        Q_EMIT message(operation + QStringLiteral(" failed: ") + error);
        return;
    }
}

// --- append, import, clear ----------------------------------------------------------------

void SessionController::appendWithDialog() {
    if (m_busy)
        return;
    const QString path = m_prompts->askOpenPath(
        QStringLiteral("Append session"), QStringLiteral("Sessions (*.mwsession);;All files (*)"));
    if (!path.isEmpty())
        appendSession(path);
}

void SessionController::appendSession(const QString &path) {
    if (m_busy || m_path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString error = SessionPaths::appendProblem(absolute, m_path);
    if (!error.isEmpty()) {
        m_prompts->showError(QStringLiteral("Cannot append the session"), error);
        return;
    }
    setBusy(Operation::Appending);
    m_appender->appendSession(m_path, absolute);
}

void SessionController::importHarWithDialog() {
    if (m_busy)
        return;
    const QString path = m_prompts->askOpenPath(QStringLiteral("Import HAR"),
                                                QStringLiteral("HAR files (*.har);;All files (*)"));
    if (!path.isEmpty())
        importHar(path);
}

void SessionController::importHar(const QString &path) {
    if (m_busy || m_path.isEmpty())
        return;
    setBusy(Operation::Appending);
    m_appender->importHar(m_path, path);
}

void SessionController::clear() {
    if (m_busy || m_path.isEmpty() || !m_clearer->confirm(displayName()))
        return;
    setBusy(Operation::Clearing);
    m_clearer->clear();
}

// --- close --------------------------------------------------------------------------------

void SessionController::close(std::function<void()> done) {
    if (m_operation == Operation::Closing)
        return;
    stopStarting();
    if (m_busy) {
        // Close once the operation in flight is done (it is bounded: a load or a copy).
        Q_EMIT message(QStringLiteral("Closing after the current operation…"));
        m_closeWhenIdle = std::move(done);
        return;
    }
    leaveCurrent(QStringLiteral("closing"),
                 [this, done = std::move(done)] { shutDownPipeline(done); });
}

void SessionController::closeWithoutAsking(std::function<void()> done) {
    if (m_operation == Operation::Closing)
        return;
    stopStarting();
    if (m_untitled && !hasUnsavedCaptures())
        m_switcher->discardAfterSwitch(m_path, false); // empty: nothing worth keeping
    if (m_busy || !hasUnsavedCaptures()) {
        // An operation in flight is cut short; the journal closes the file cleanly.
        m_afterSave = nullptr;
        shutDownPipeline(std::move(done));
        return;
    }
    const QString target = SessionPaths::keptUnsavedPath();
    Q_EMIT message(QStringLiteral("Keeping the untitled session's captures in %1")
                       .arg(QDir::toNativeSeparators(target)));
    m_afterSave = [this, done = std::move(done)] {
        shutDownPipeline(done);
    };
    saveTo(target);
}

void SessionController::shutDownPipeline(std::function<void()> done) {
    m_closed = std::move(done);
    m_switcher->abandon();
    m_saver->abandon();
    m_clearer->abandon();
    setBusy(Operation::Closing);
    m_pipeline->shutdown();
}

void SessionController::onShutDown() {
    if (m_operation != Operation::Closing)
        return;
    // The file holds every capture and the rows are about to go: showing what is still
    // queued would only freeze the closing window (seconds after an overload).
    m_feed->discardPending();
    m_store->close();
    // leaveCurrent() or closeWithoutAsking() named the untitled file to discard.
    if (m_switcher->hasDiscard()) {
        m_path.clear();
        m_switcher->discardLeft(m_path);
    }
    finish();
    if (m_closed)
        std::exchange(m_closed, nullptr)();
}

// --- state --------------------------------------------------------------------------------

void SessionController::setBusy(Operation operation) {
    m_operation = operation;
    const bool busy = operation != Operation::None;
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void SessionController::finish(const QString &text) {
    if (std::exchange(m_announcedOpening, false))
        Q_EMIT opening(QString());
    setBusy(Operation::None);
    if (!text.isEmpty())
        Q_EMIT message(text);
    Q_EMIT sessionChanged();
    if (m_closeWhenIdle && !m_busy)
        close(std::exchange(m_closeWhenIdle, nullptr));
}

void SessionController::fail(const QString &title, const QString &error) {
    finish();
    m_prompts->showError(title, error);
}
