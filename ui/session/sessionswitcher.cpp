#include "sessionswitcher.h"

#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "session/livesession.h"
#include "session/sessionloader.h"
#include "sessionpaths.h"
#include "sessionprompts.h"
#include "text/countedtext.h"

#include <QDir>

#include <utility>

using namespace Qt::Literals::StringLiterals;

SessionSwitcher::SessionSwitcher(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                                 SessionPrompts *prompts, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_store(store)
    , m_feed(feed)
    , m_prompts(prompts) {
    connect(m_pipeline, &CapturePipeline::sessionOpened, this, &SessionSwitcher::onSessionOpened);
    connect(m_pipeline, &CapturePipeline::sessionFailed, this, &SessionSwitcher::onSessionFailed);
    connect(m_store, &CaptureStore::opened, this, &SessionSwitcher::onStoreOpened);
    connect(m_store, &CaptureStore::openFailed, this, &SessionSwitcher::onStoreOpenFailed);
}

void SessionSwitcher::switchTo(const QString &currentPath, bool currentUntitled,
                               const QString &path, bool untitled) {
    m_previousPath = currentPath;
    m_previousUntitled = currentUntitled;
    m_stage = Stage::Trying;
    m_carrying = false;
    m_carried.clear();
    m_recordedAgain = 0;
    start(path, untitled);
}

QString SessionSwitcher::chooseLeftover(const QList<SessionInfo> &leftovers) {
    for (const SessionInfo &leftover : leftovers) {
        if (m_abandoned) // the window closed while a question was open: no more questions
            break;
        switch (m_prompts->askRecover(leftover)) {
        case SessionPrompts::Recovery::Recover:
            // The others stay for the next start: one session at a time.
            return leftover.path;
        case SessionPrompts::Recovery::Discard: {
            QString error;
            if (!LiveSession::discard(leftover.path, &error))
                Q_EMIT message(QStringLiteral("Could not delete %1: %2")
                                   .arg(QDir::toNativeSeparators(leftover.path), error));
            break;
        }
        case SessionPrompts::Recovery::Later:
            break;
        }
    }
    return QString();
}

void SessionSwitcher::discardAfterSwitch(const QString &path, bool confirmed) {
    m_discard = path;
    m_discardConfirmed = confirmed;
}

void SessionSwitcher::discardLeft(const QString &currentPath) {
    const QString left = std::exchange(m_discard, QString());
    const bool confirmed = std::exchange(m_discardConfirmed, false);
    if (left.isEmpty() || left == currentPath)
        return;
    QString error;
    // Unconfirmed, only an empty session is deleted (a look that counts its captures,
    // which a confirmed discard of a big one need not wait for).
    if (!confirmed) {
        const std::optional<SessionInfo> info = SessionFile::inspect(left, &error);
        if (!info || info->captureCount > 0)
            return;
    }
    if (!LiveSession::discard(left, &error))
        Q_EMIT message(
            QStringLiteral("Could not delete %1: %2").arg(QDir::toNativeSeparators(left), error));
}

void SessionSwitcher::abandon() {
    m_active = false;
    m_abandoned = true;
}

void SessionSwitcher::start(const QString &path, bool untitled) {
    m_active = true;
    m_pendingPath = path;
    m_pendingUntitled = untitled;
    // What is queued belongs to the session being left (and is in its file already).
    m_feed->pause();
    if (m_carrying)
        carryPending();
    else
        m_feed->discardPending();
    m_store->close();
    m_pipeline->openSession(path);
}

void SessionSwitcher::carryPending() {
    for (const QList<AnalysedCapture> &batch : m_feed->takePending())
        for (const AnalysedCapture &analysed : batch)
            m_carried.append(analysed.capture);
}

void SessionSwitcher::onSessionOpened(const QString &path) {
    if (!m_active || path != m_pendingPath)
        return;
    // Captures the session being left took until the switch reached the listener came
    // meanwhile; the pipeline says it is open only after their analyses. They are in
    // that file, not this one: showing them here would also hide this file's own rows
    // with the same numbers. Nor do the numbers a Clear captures dropped there count
    // here, where they may be new captures.
    if (m_carrying)
        carryPending();
    m_feed->sessionSwitched();
    if (m_carrying) {
        m_carrying = false;
        m_recordedAgain = m_carried.size();
        m_pipeline->recordAgain(std::exchange(m_carried, {}));
    }
    discardLeft(path);
    m_store->openAsync(path, SessionLoader::Options::current());
    Q_EMIT switched(path, m_pendingUntitled);
}

bool SessionSwitcher::retreat(const QString &path) {
    switch (m_stage) {
    case Stage::Trying:
        if (!m_previousPath.isEmpty() && m_previousPath != path) {
            // Back to the session that was open: nothing changed, as far as the user sees.
            m_stage = Stage::Reverting;
            start(m_previousPath, m_previousUntitled);
            return true;
        }
        if (!m_pendingUntitled) {
            m_stage = Stage::FallingBack;
            start(LiveSession::newPath(), true);
            return true;
        }
        return false;
    case Stage::Reverting:
        m_stage = Stage::FallingBack;
        start(LiveSession::newPath(), true);
        return true;
    case Stage::FallingBack:
        return false;
    }
    return false;
}

void SessionSwitcher::onSessionFailed(const QString &path, const QString &error) {
    if (!m_active)
        return;
    // A switch that did not happen leaves nothing behind to delete.
    m_discard.clear();
    m_discardConfirmed = false;
    if (m_stage != Stage::Reverting)
        m_prompts->showError(
            QStringLiteral("Cannot open the session"),
            SessionPaths::describeFailure(path, QStringLiteral("cannot be recorded into"), error));
    if (retreat(path))
        return;
    m_carrying = false; // with no session to record them in, they stay in the file they are in
    m_carried.clear();
    m_active = false;
    Q_EMIT failedWithoutSession(error);
}

void SessionSwitcher::onStoreOpened(const QString &path) {
    if (!m_active || path != m_pendingPath)
        return;
    m_active = false;
    m_feed->resume();
    m_pipeline->reanalyse(m_store->needingAnalysis());
    Q_EMIT finished(path);
    // After finished(), whose status line it would otherwise be hidden by.
    if (const qsizetype again = std::exchange(m_recordedAgain, 0); again > 0)
        Q_EMIT message(QStringLiteral("Recorded again in this session: %1 that arrived while "
                                      "%2 was being opened")
                           .arg(CountedText::localized(again, "capture"_L1, "captures"_L1),
                                QDir::toNativeSeparators(m_carriedFrom)));
}

void SessionSwitcher::onStoreOpenFailed(const QString &path, const QString &error) {
    if (!m_active || path != m_pendingPath)
        return;
    const QString why =
        SessionPaths::describeFailure(path, QStringLiteral("could not be read"), error);
    // A file damaged inside its tables passes the checks before the switch (they read no
    // rows) and fails here: away from it, as when a file cannot be recorded into. What
    // arrived meanwhile went into it, and goes along.
    m_carrying = true;
    m_carriedFrom = path;
    if (retreat(path)) {
        m_prompts->showError(QStringLiteral("Cannot open the session"), why);
        return;
    }
    // Nowhere else to go: the store stays empty on this file, and the feed's captures,
    // which are in it, are shown from here on.
    m_carrying = false;
    m_carried.clear();
    m_active = false;
    m_feed->resume();
    Q_EMIT failed(QStringLiteral("Cannot read the session"), why);
}
