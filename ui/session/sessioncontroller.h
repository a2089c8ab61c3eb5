#pragma once

#include "session/sessionfile.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class CaptureFeed;
class CapturePipeline;
class CaptureStore;
class BackgroundTask;
class SessionAppender;
class SessionClearer;
class SessionPrompts;
class SessionSaver;
class SessionSwitcher;

/**
 * The session the window shows and the pipeline records into: always one SQLite
 * file. Untitled live sessions live in LiveSession::directory() until saved; a named
 * file is written as captures arrive, so it never has unsaved captures.
 *
 * Every operation is asynchronous (the pipeline and the store answer with signals);
 * one runs at a time, and busyChanged() tells the window to grey out the others.
 * Questions go through SessionPrompts, errors too; status lines go to message().
 * Moving to another file is SessionSwitcher's job, Save As SessionSaver's, appending
 * SessionAppender's, clearing SessionClearer's.
 */
class SessionController : public QObject {
    Q_OBJECT

public:
    SessionController(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                      SessionPrompts *prompts, QObject *parent = nullptr);
    ~SessionController() override;

    QString path() const { return m_path; }
    bool isUntitled() const { return m_untitled; }
    bool hasUnsavedCaptures() const;
    bool isBusy() const { return m_busy; }
    /// "Untitled" or the file name.
    QString displayName() const;

    /// Offers to recover sessions a previous run left unsaved, then done(true) when one
    /// became the current session (loading), else done(false). Finding them counts their
    /// captures, which reads each one's captures table (seconds for a big file not in the
    /// page cache), so that runs off the GUI thread while the session actions are greyed
    /// out. Closing the window meanwhile drops the rest: done is never called.
    void recoverLeftovers(std::function<void(bool recovered)> done);
    /// A new untitled live session (no questions: for the start).
    void startUntitled();
    /// Opens path as the session at start (created when missing, like --session).
    void startWith(const QString &path);

    void newSession();
    /// Opens a session file, or imports a HAR file (by content), asking first if needed.
    void open(const QString &path);
    void openWithDialog();
    /// Untitled: Save As; a named file is saved already.
    void save();
    void saveAs();
    /// Save As without questions (tests, drag and drop of a target).
    void saveTo(const QString &target);
    void appendWithDialog();
    void appendSession(const QString &path);
    void importHarWithDialog();
    void importHar(const QString &path);
    /// Deletes every capture of the session, after confirming.
    void clear();
    /// Before the window closes: asks about unsaved captures, stops the pipeline and
    /// closes the session; then done() (never called when the user cancels).
    void close(std::function<void()> done);
    /// The same without questions (SIGTERM): unsaved captures are kept as a named session
    /// in AppDataLocation/sessions, said in message().
    void closeWithoutAsking(std::function<void()> done);

Q_SIGNALS:
    /// path, untitled or unsaved state changed.
    void sessionChanged();
    void busyChanged(bool busy);
    void message(const QString &text);
    /// The store shows the session (after open, recovery, Save As, append, import).
    void loaded();
    /// Another session is shown whole (opened, recovered or new), not more of this one.
    void switched();
    /// A session file with captures is being opened (path), or that is over (empty).
    void opening(const QString &path);

private:
    /// How long the search for leftovers runs before message() says so.
    static constexpr int SearchNoticeMs = 300;

    enum class Operation { None, Starting, Opening, Saving, Appending, Clearing, Closing };

    bool checkReadable(const QString &path, const QString &title);
    /// Asks about unsaved captures before leaving the session; then runs next (maybe
    /// after a Save As). False when the user cancelled.
    bool leaveCurrent(const QString &leaving, std::function<void()> next);
    void switchTo(const QString &path, bool untitled);
    void setBusy(Operation operation);
    void finish(const QString &text = QString());
    void fail(const QString &title, const QString &error);
    void shutDownPipeline(std::function<void()> done);
    /// Drops the search for leftovers (the window closes before it asked).
    void stopStarting();

    void onSessionSaved(const QString &path);
    void onOperationFailed(const QString &operation, const QString &error);
    void onShutDown();

    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    SessionPrompts *m_prompts;
    SessionAppender *m_appender;
    SessionSwitcher *m_switcher;
    SessionSaver *m_saver;
    SessionClearer *m_clearer;
    BackgroundTask *m_finder; ///< looks for leftovers off the GUI thread
    QString m_path;
    bool m_untitled = true;
    bool m_busy = false;
    bool m_announcedOpening = false; ///< opening(path) was emitted; finish() ends it
    bool m_announcedSearch = false;  ///< the search for leftovers was said in message()
    Operation m_operation = Operation::None;
    std::function<void()> m_afterSave;
    std::function<void()> m_closed;
    std::function<void()> m_closeWhenIdle; ///< close() asked while busy
};
