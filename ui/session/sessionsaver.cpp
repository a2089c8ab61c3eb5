#include "sessionsaver.h"

#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "sessionpaths.h"
#include "sessionprompts.h"

#include <QDir>
#include <QFileInfo>

SessionSaver::SessionSaver(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                           SessionPrompts *prompts, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_store(store)
    , m_feed(feed)
    , m_prompts(prompts) {
    connect(m_pipeline, &CapturePipeline::sessionSaved, this, &SessionSaver::onSessionSaved);
}

QString SessionSaver::askTarget(const QString &currentPath, bool untitled) const {
    return m_prompts->askSavePath(untitled ? SessionPaths::suggestedSavePath()
                                           : QFileInfo(currentPath).absolutePath() +
                                                 QStringLiteral("/copy-of-") +
                                                 QFileInfo(currentPath).fileName());
}

QString SessionSaver::confirmTarget(const QString &path, const QString &currentPath) const {
    const QString target = SessionPaths::saveTarget(path);
    const QString error = SessionPaths::saveProblem(target, currentPath);
    if (!error.isEmpty()) {
        m_prompts->showError(QStringLiteral("Cannot save the session"), error);
        return QString();
    }
    // A native save dialog asks about the name as typed, before the suffix is added.
    if (SessionPaths::replacesUnasked(path, target) &&
        !m_prompts->confirm(
            QStringLiteral("Replace the session?"),
            QStringLiteral("%1 already exists. Replace it with this session? Its captures are "
                           "lost.")
                .arg(QDir::toNativeSeparators(target)),
            QStringLiteral("Replace")))
        return QString();
    return target;
}

void SessionSaver::save(const QString &currentPath, bool untitled, const QString &target) {
    m_active = true;
    m_originalPath = currentPath;
    m_feed->flushAll();
    m_feed->pause();
    // The untitled file is moved: the store's read connection must not hold it.
    m_store->releaseFile();
    m_pipeline->saveSessionAs(target, untitled);
}

void SessionSaver::onSessionSaved(const QString &path) {
    if (!m_active)
        return;
    m_active = false;
    QString error;
    if (!m_store->relocate(path, &error))
        Q_EMIT message(QStringLiteral("Saved, but cannot read %1 back: %2")
                           .arg(QDir::toNativeSeparators(path), error));
    Q_EMIT saved(path);
    m_feed->resume();
    Q_EMIT finished(path);
}

void SessionSaver::revert() {
    m_active = false;
    // The journal went back to the original file; so does the store.
    QString ignored;
    m_store->relocate(m_originalPath, &ignored);
    m_feed->resume();
}
