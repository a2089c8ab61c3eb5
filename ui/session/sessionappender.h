#pragma once

#include <QObject>
#include <QString>

class BackgroundTask;
class CaptureFeed;
class CapturePipeline;
class CaptureStore;

/**
 * Appends captures to the open session for SessionController: another session file,
 * or a HAR file (written into a temporary session first, off the GUI thread). The
 * pipeline copies the rows into the session file; then the appender reads the new rows
 * into the store, while live captures go on arriving, and asks for the analyses that
 * are missing or outdated.
 *
 * One append at a time; it ends with finished() or failed(). The controller owns the
 * busy state and says when the pipeline failed (abandon()).
 */
class SessionAppender : public QObject {
    Q_OBJECT

public:
    SessionAppender(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                    QObject *parent = nullptr);

    bool isActive() const { return m_active; }
    /// Appends otherPath (checked already) to the session in sessionPath.
    void appendSession(const QString &sessionPath, const QString &otherPath);
    /// Imports a HAR file's requests into the session in sessionPath.
    void importHar(const QString &sessionPath, const QString &harPath);
    /// The pipeline could not append: forgets the append and deletes a HAR import's
    /// temporary session.
    void abandon();

Q_SIGNALS:
    void progress(const QString &text);
    /// The appended rows are in the store; summary says what came in.
    void finished(const QString &summary);
    void failed(const QString &title, const QString &error);

private:
    void loadAppended();
    void removeHarTemp();
    void end();

    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    BackgroundTask *m_worker;
    bool m_active = false;
    QString m_sessionPath;
    QString m_harTemp;    ///< a HAR import's temporary session, deleted after use
    QString m_harSummary; ///< what to say when the import is in
};
