#pragma once

#include <QWidget>

class QLabel;

/**
 * What an empty capture table says, centred over it: where to send webhooks (the
 * listener URL and a short curl example) when the session has no captures, that
 * the filter hides everything when it does, or that a session is being read. Plain text only;
 * selectable so the command can be copied.
 *
 * In a small pane it shows what fits, whole lines only: the URL on one line (cut in
 * the middle), then the title, the example and the explanation as room allows. What
 * is left out is in the tooltip, the whole text.
 */
class EmptyStateOverlay : public QWidget {
    Q_OBJECT

public:
    explicit EmptyStateOverlay(QWidget *parent);

    /// The listener's URL as shown (token masked), empty when not listening. Ends the
    /// starting state (setStarting()).
    void setListenerUrl(const QString &url, const QString &note);
    /// total == 0: the first-run text; shown == 0 < total: "no capture matches".
    void setCounts(qsizetype shown, qsizetype total);
    /// While a session file is read (a large one takes seconds), the table says so
    /// rather than that it waits for webhooks; empty when the reading is done.
    void setOpening(const QString &path);
    /// Before the listener has started, until the first setListenerUrl(): the window
    /// waits for the session to record into (the recovery question may be open), and
    /// says so rather than "Not listening".
    void setStarting();

    QString title() const;
    QString text() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void place();
    /// Shows the parts that fit the pane whole, most useful first.
    void fit();

    QLabel *m_title;
    QLabel *m_address; ///< the URL, one line
    QLabel *m_body;
    QLabel *m_command;
    QString m_url;
    QString m_titleText;
    QString m_note;
    QString m_opening;
    bool m_starting = false;
    qsizetype m_shown = 0;
    qsizetype m_total = 0;
};
