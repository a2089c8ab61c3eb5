#pragma once

#include "capture/capture.h"
#include "http/requestresender.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

/**
 * Capture → Resend to…: sends the selected capture's request again to a URL the user
 * gives (RequestResender) and shows what came back. The last URL is remembered.
 * Secrets in what it shows are masked unless the window reveals them; what is sent is
 * the request as captured.
 */
class ResendDialog : public QDialog {
    Q_OBJECT

public:
    /// The settings key of the last destination.
    static constexpr const char *DestinationKey = "resend/destination";

    ResendDialog(const Capture &capture, bool revealSecrets, QWidget *parent = nullptr);

    QLineEdit *destinationEdit() const { return m_destination; }
    QPushButton *sendButton() const { return m_send; }
    /// The outcome as shown: the status line, then the response's fields and body.
    QString outcomeText() const;

private:
    void send();
    void showOutcome(const RequestResender::Outcome &outcome);
    void updateTarget();
    QString shown(const QByteArray &bytes) const;

    Capture m_capture;
    bool m_reveal;
    RequestResender m_resender;
    QLineEdit *m_destination;
    QLabel *m_target;
    QPlainTextEdit *m_outcome;
    QPushButton *m_send;
    QDialogButtonBox *m_buttons;
};
