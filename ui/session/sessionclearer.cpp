#include "sessionclearer.h"

#include "live/capturefeed.h"
#include "session/capturepipeline.h"
#include "session/capturestore.h"
#include "sessionprompts.h"

#include <QLocale>

SessionClearer::SessionClearer(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                               SessionPrompts *prompts, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_store(store)
    , m_feed(feed)
    , m_prompts(prompts) {
    connect(m_pipeline, &CapturePipeline::sessionCleared, this, [this] {
        if (!m_active)
            return;
        m_active = false;
        m_feed->forgetUpTo(m_feed->lastReceivedId());
        m_store->clear();
        Q_EMIT cleared();
    });
}

bool SessionClearer::confirm(const QString &name) const {
    const qsizetype count = m_store->size() + m_feed->pendingCount();
    if (count == 0)
        return false;
    return m_prompts->confirm(
        QStringLiteral("Clear the session?"),
        count == 1 ? QStringLiteral("Delete the capture of %1? This cannot be undone.").arg(name)
                   : QStringLiteral("Delete all %1 captures of %2? This cannot be undone.")
                         .arg(QLocale().toString(count), name),
        QStringLiteral("Delete captures"));
}

void SessionClearer::clear() {
    m_active = true;
    m_pipeline->clearSession();
}
