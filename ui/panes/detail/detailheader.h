#pragma once

#include <QWidget>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QToolButton;

/**
 * The row above the detail tabs: which capture is shown, and the Reveal secrets,
 * Copy as cURL and Resend buttons. It sits above the tabs, not in them, so that all seven tabs fit
 * beside each other in a pane of ordinary width. In a narrow pane the buttons show
 * only their icons.
 */
class DetailHeader : public QWidget {
    Q_OBJECT

public:
    explicit DetailHeader(QWidget *parent = nullptr);

    /// title when it fits, else shortTitle (e.g. "#12" for "Capture #12"), else title cut
    /// short with '…'; the tooltip always has title whole. Where not even shortTitle fits
    /// beside the buttons, the title goes on a row of its own above them.
    void setTitle(const QString &title, const QString &shortTitle = QString());
    QString title() const { return m_fullTitle; }
    /// What the title shows at the header's width.
    QString shownTitle() const;
    /// Shows whether secrets are revealed, without emitting revealToggled().
    void setRevealed(bool revealed);
    /// Copy as cURL and Resend, which need a capture.
    void setCaptureActionsEnabled(bool enabled);

    QToolButton *revealButton() const { return m_reveal; }
    QToolButton *curlButton() const { return m_curl; }
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    /// The user pressed Reveal secrets.
    void revealToggled(bool revealed);
    void curlRequested();
    void resendRequested();

private:
    void fitTitle();
    /// The three buttons side by side, shown in buttonStyle.
    int buttonsWidth(Qt::ToolButtonStyle buttonStyle) const;
    void wrapIfNarrow();
    void placeTitle(bool wrapped);

    QLabel *m_title;
    QString m_fullTitle;
    QString m_shortTitle;
    QToolButton *m_reveal;
    QToolButton *m_curl;
    QToolButton *m_resend;
    QGridLayout *m_layout;
    QHBoxLayout *m_buttons;
    bool m_wrapped = false;
};
