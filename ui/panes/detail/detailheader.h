#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

/**
 * The row above the detail tabs: which capture is shown, and the Reveal secrets,
 * Copy as cURL and Resend buttons. It sits above the tabs, not in them, so that all seven tabs fit
 * beside each other in a pane of ordinary width.
 */
class DetailHeader : public QWidget {
    Q_OBJECT

public:
    explicit DetailHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    /// Shows whether secrets are revealed, without emitting revealToggled().
    void setRevealed(bool revealed);
    /// Copy as cURL and Resend, which need a capture.
    void setCaptureActionsEnabled(bool enabled);

    QToolButton *revealButton() const { return m_reveal; }

Q_SIGNALS:
    /// The user pressed Reveal secrets.
    void revealToggled(bool revealed);
    void curlRequested();
    void resendRequested();

private:
    QLabel *m_title;
    QToolButton *m_reveal;
    QToolButton *m_curl;
    QToolButton *m_resend;
};
