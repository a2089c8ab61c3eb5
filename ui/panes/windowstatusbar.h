#pragma once

#include <QStatusBar>

class ElidedLabel;
class QPushButton;
class StorageAlarm;

/**
 * The window's status bar: where the listener is (or why it is not), "N of M
 * captures", the arrival rate, the session file and whether it has unsaved captures,
 * and storage errors (disk full) shown prominently until writing works again.
 *
 * A transient message (showMessage()) hides the listener's state while it is shown, so
 * a change of it ends the message: the message told of the state before. It never hides
 * a storage error (StorageAlarm is a permanent widget): captures are at risk while that
 * is true.
 */
class WindowStatusBar : public QStatusBar {
    Q_OBJECT

public:
    explicit WindowStatusBar(QWidget *parent = nullptr);

    /// Listening at url; reach (may be empty) follows it, e.g. that other machines can send
    /// to it, and detail is its tooltip (ListenerUrl::reach()).
    void setListening(const QString &url, const QString &reach = QString(),
                      const QString &detail = QString());
    /// The listener failed; hint says what to do (e.g. how to pick another port).
    void setListenerError(const QString &message, const QString &hint);
    void setListenerStopped();
    /// Before the listener is started (the window waits for its session).
    void setListenerStarting();
    void setCounts(qsizetype shown, qsizetype total);
    void setRate(double perSecond);
    void setSession(const QString &path, bool untitled, bool unsaved);
    void setStorageError(const QString &reason);
    void clearStorageError();
    /// The event-loop probe's line (debug builds of the status, MWI_LATENCY_PROBE).
    void setProbeText(const QString &text);
    /// A transient message about the selected capture ("Select a capture first"); it goes
    /// when the selection changes, not only when its time is up.
    void showSelectionMessage(const QString &text, int timeoutMs);
    /// Another capture is selected, or none.
    void selectionChanged();

    QString listenerText() const;
    QString countsText() const;
    QString rateText() const;
    QString sessionText() const;
    QString storageText() const;
    bool storageErrorShown() const;
    QPushButton *settingsButton() const { return m_settings; }
    /// Where the transient message is drawn, left of the permanent widgets.
    QRect messageRect() const;
    /// The transient message does not fit and is shown cut short (its tooltip holds it).
    bool messageElided() const;

Q_SIGNALS:
    void listenerSettingsRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    void showListenerState(const QString &text);
    /// Not listening, without an error: in the window's colours, no settings button.
    void showIdleState(const QString &text, const QString &toolTip);

    ElidedLabel *m_listener;
    QPushButton *m_settings;
    StorageAlarm *m_storage;
    ElidedLabel *m_counts;
    ElidedLabel *m_rate;
    ElidedLabel *m_session;
    ElidedLabel *m_probe;
    QString m_selectionMessage; ///< the message showSelectionMessage() showed last
};
