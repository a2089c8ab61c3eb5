#pragma once

#include <QObject>
#include <QString>

class CaptureFeed;
class CapturePipeline;
class CaptureStore;
class SessionPrompts;

/**
 * Save As for SessionController: checks the target and asks before it replaces a file
 * the save dialog did not ask about, then has the pipeline write the session there (an
 * untitled session's file is moved, a named one copied) while live captures wait in the
 * feed, and points the store at the new file.
 *
 * One save at a time; it ends with saved() and then finished(). When the pipeline
 * fails, the controller says so (revert()) and the store goes back to the original
 * file. The controller owns the busy state and what runs after the save.
 */
class SessionSaver : public QObject {
    Q_OBJECT

public:
    SessionSaver(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                 SessionPrompts *prompts, QObject *parent = nullptr);

    /// Asks where to save the session in currentPath; empty when the user cancelled.
    QString askTarget(const QString &currentPath, bool untitled) const;
    /// The file to save the session in currentPath to when the user named path (the
    /// suffix added), once it passed the checks and the user agreed to replace it;
    /// empty when it did not (the error is shown).
    QString confirmTarget(const QString &path, const QString &currentPath) const;
    /// Saves the session in currentPath as target (from confirmTarget()).
    void save(const QString &currentPath, bool untitled, const QString &target);
    /// The pipeline could not save: the store reads the original file again and the
    /// feed runs again.
    void revert();
    /// Stops following the save in flight (the window is closing).
    void abandon() { m_active = false; }

Q_SIGNALS:
    /// The pipeline records into path (a named session now); the store reads it.
    void saved(const QString &path);
    /// After saved(): the feed runs again.
    void finished(const QString &path);
    void message(const QString &text);

private:
    void onSessionSaved(const QString &path);

    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    SessionPrompts *m_prompts;
    bool m_active = false;
    QString m_originalPath; ///< gone back to when the save fails
};
