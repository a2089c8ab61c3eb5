#pragma once

#include "capture/capture.h"
#include "session/sessionfile.h"

#include <QList>
#include <QObject>
#include <QString>

class CaptureFeed;
class CapturePipeline;
class CaptureStore;
class SessionPrompts;

/**
 * Moves the pipeline and the store to another session file for SessionController: the
 * pipeline opens the file to record into, then the store loads it, while live captures
 * wait in the feed. One switch at a time; it ends with switched() and then finished(),
 * or with failed() or failedWithoutSession().
 *
 * When the pipeline cannot record into the new file, the error is shown and the switcher
 * goes back to the file that was open, so nothing changes as far as the user sees. When
 * that fails as well, or a named file was asked for with nothing open, it starts a new
 * untitled session instead.
 *
 * Captures recorded into a file that is then left because it cannot be read (they
 * arrived while it was loading) are recorded again into the session gone to, with new
 * numbers, so the user sees them; the file keeps its copies.
 *
 * An untitled session being left (discardAfterSwitch()) is deleted once the switch is
 * done: always when the user said to discard it, else only while it holds no captures
 * (one may have arrived after the question, and then it stays recoverable).
 */
class SessionSwitcher : public QObject {
    Q_OBJECT

public:
    SessionSwitcher(CapturePipeline *pipeline, CaptureStore *store, CaptureFeed *feed,
                    SessionPrompts *prompts, QObject *parent = nullptr);

    bool isActive() const { return m_active; }
    /// Leaves the session in currentPath (empty: none is open) for path.
    void switchTo(const QString &currentPath, bool currentUntitled, const QString &path,
                  bool untitled);
    /// Offers the sessions a previous run left unsaved (LiveSession::findRecoverable()),
    /// one at a time: the first one the user recovers (the others stay for the next
    /// start), or empty. Those the user discards are deleted. Asks no more once abandon()
    /// was called.
    QString chooseLeftover(const QList<SessionInfo> &leftovers);
    /// The untitled session in path is to go after the switch or the shutdown; confirmed:
    /// the user said so, so it goes even with captures.
    void discardAfterSwitch(const QString &path, bool confirmed);
    bool hasDiscard() const { return !m_discard.isEmpty(); }
    /// Deletes the session named by discardAfterSwitch() unless it is currentPath.
    void discardLeft(const QString &currentPath);
    /// Stops following the switch in flight (the window is closing).
    void abandon();

Q_SIGNALS:
    /// The pipeline records into path; the store is loading it.
    void switched(const QString &path, bool untitled);
    /// The store shows path; the feed runs again.
    void finished(const QString &path);
    /// The pipeline records into path, but the store cannot show it.
    void failed(const QString &title, const QString &error);
    /// No session is open: not even a new untitled one could be recorded into.
    void failedWithoutSession(const QString &error);
    void message(const QString &text);

private:
    enum class Stage { Trying, Reverting, FallingBack };

    void start(const QString &path, bool untitled);
    /// Keeps the feed's queued captures, which the unreadable file holds, to record again.
    void carryPending();
    /// After a failed switch to path: back to the session that was open, else on to a
    /// new untitled one. False when there is nowhere left to go.
    bool retreat(const QString &path);
    void onSessionOpened(const QString &path);
    void onSessionFailed(const QString &path, const QString &error);
    void onStoreOpened(const QString &path);
    void onStoreOpenFailed(const QString &path, const QString &error);

    CapturePipeline *m_pipeline;
    CaptureStore *m_store;
    CaptureFeed *m_feed;
    SessionPrompts *m_prompts;
    bool m_active = false;
    bool m_abandoned = false; ///< abandon(): the window is closing
    Stage m_stage = Stage::Trying;
    QString m_previousPath; ///< gone back to when the new file cannot be recorded into
    bool m_previousUntitled = true;
    QString m_pendingPath; ///< the session being opened
    bool m_pendingUntitled = true;
    QString m_discard;               ///< an untitled session left behind
    bool m_discardConfirmed = false; ///< the user said to discard it
    /// Set when the store could not read the file the pipeline recorded into: until the
    /// pipeline records elsewhere, what the feed gets is from that file.
    bool m_carrying = false;
    QList<Capture> m_carried;      ///< to record again in the session gone to
    QString m_carriedFrom;         ///< the file they were recorded into first
    qsizetype m_recordedAgain = 0; ///< of them, handed to the pipeline; said at the end
};
