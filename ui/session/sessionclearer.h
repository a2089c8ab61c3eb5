#pragma once

#include <QObject>
#include <QString>

class CaptureFeed;
class CapturePipeline;
class CaptureStore;
class SessionPrompts;

/**
 * Clear for SessionController: once the user confirms, the pipeline deletes every
 * capture of the session file; then the store empties and the captures still queued
 * for it are forgotten. One clear at a time; it ends with cleared(). The controller
 * owns the busy state and says when the pipeline failed or the window closes
 * (abandon()).
 */
class SessionClearer : public QObject {
    Q_OBJECT

public:
    SessionClearer(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                   SessionPrompts *prompts, QObject *parent = nullptr);

    /// Asks whether to delete the captures of the session called name; false when
    /// there are none or the user said no.
    bool confirm(const QString &name) const;
    void clear();
    void abandon() { m_active = false; }

Q_SIGNALS:
    /// The file and the store hold no captures.
    void cleared();

private:
    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    SessionPrompts *m_prompts;
    bool m_active = false;
};
