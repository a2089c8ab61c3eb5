#pragma once

#include <QStatusBar>

class QLabel;
class QPushButton;

/**
 * The window's status bar: where the listener is (or why it is not), "N of M
 * captures", the arrival rate, the session file and whether it has unsaved captures,
 * and storage errors (disk full) shown prominently until writing works again.
 */
class WindowStatusBar : public QStatusBar {
    Q_OBJECT

public:
    explicit WindowStatusBar(QWidget *parent = nullptr);

    void setListening(const QString &url);
    /// The listener failed; hint says what to do (e.g. how to pick another port).
    void setListenerError(const QString &message, const QString &hint);
    void setListenerStopped();
    void setCounts(qsizetype shown, qsizetype total);
    void setRate(double perSecond);
    void setSession(const QString &path, bool untitled, bool unsaved);
    void setStorageError(const QString &reason);
    void clearStorageError();
    /// The event-loop probe's line (debug builds of the status, MWI_LATENCY_PROBE).
    void setProbeText(const QString &text);

    QString listenerText() const;
    QString countsText() const;
    QString rateText() const;
    QString sessionText() const;
    QString storageText() const;
    bool storageErrorShown() const;
    QPushButton *settingsButton() const { return m_settings; }

Q_SIGNALS:
    void listenerSettingsRequested();

private:
    QLabel *m_listener;
    QPushButton *m_settings;
    QLabel *m_storage;
    QLabel *m_counts;
    QLabel *m_rate;
    QLabel *m_session;
    QLabel *m_probe;
};
