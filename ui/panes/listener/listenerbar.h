#pragma once

#include <QHostAddress>
#include <QWidget>

class QLineEdit;
class QToolButton;

/**
 * The listener's URL in the toolbar, with the token masked, and a copy button. A
 * plain click copies the URL without the token; the URL with the token is copied
 * only from the button's menu ("Copy URL with token"), an explicit choice.
 */
class ListenerBar : public QWidget {
    Q_OBJECT

public:
    explicit ListenerBar(QWidget *parent = nullptr);

    void setListening(const QHostAddress &address, quint16 port, const QString &token);
    void setNotListening(const QString &text);

    /// The base URL ("http://127.0.0.1:8089/"), empty when not listening.
    QString baseUrl() const { return m_base; }
    /// What the field shows: the URL with the token masked.
    QString shownText() const;
    QToolButton *copyButton() const { return m_copy; }

    void copyUrl();
    void copyUrlWithToken();
    void copyCurlExample();

private:
    QLineEdit *m_field;
    QToolButton *m_copy;
    QString m_base;
    QString m_token;
};
