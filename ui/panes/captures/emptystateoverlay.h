#pragma once

#include <QWidget>

class QLabel;

/**
 * What an empty capture table says, centred over it: where to send webhooks (the
 * listener URL and a short curl example) when the session has no captures, or
 * that the filter hides everything when it does. Plain text only; selectable so the
 * command can be copied.
 */
class EmptyStateOverlay : public QWidget {
    Q_OBJECT

public:
    explicit EmptyStateOverlay(QWidget *parent);

    /// The listener's URL as shown (token masked), empty when not listening.
    void setListenerUrl(const QString &url, const QString &note);
    /// total == 0: the first-run text; shown == 0 < total: "no capture matches".
    void setCounts(qsizetype shown, qsizetype total);

    QString title() const;
    QString text() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void place();

    QLabel *m_title;
    QLabel *m_body;
    QLabel *m_command;
    QString m_url;
    QString m_note;
    qsizetype m_shown = 0;
    qsizetype m_total = 0;
};
