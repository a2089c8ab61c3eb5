#include "listenerbar.h"

#include "icons.h"
#include "session/listenerurl.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

ListenerBar::ListenerBar(QWidget *parent)
    : QWidget(parent)
    , m_field(new QLineEdit(this))
    , m_copy(new QToolButton(this)) {
    m_field->setReadOnly(true);
    m_field->setFocusPolicy(Qt::ClickFocus);
    m_field->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    m_field->setMaximumWidth(fontMetrics().averageCharWidth() * 60);
    m_field->setToolTip(QStringLiteral("Where to send webhooks (the token is masked)"));
    m_copy->setIcon(Icons::named(QStringLiteral("copy")));
    m_copy->setToolTip(QStringLiteral("Copy the URL (without the token)"));
    m_copy->setPopupMode(QToolButton::MenuButtonPopup);
    m_copy->setAutoRaise(true);
    auto *menu = new QMenu(m_copy);
    menu->addAction(QStringLiteral("Copy URL"), this, &ListenerBar::copyUrl);
    menu->addAction(QStringLiteral("Copy URL with token"), this, &ListenerBar::copyUrlWithToken);
    menu->addAction(QStringLiteral("Copy curl example"), this, &ListenerBar::copyCurlExample);
    m_copy->setMenu(menu);
    connect(m_copy, &QToolButton::clicked, this, &ListenerBar::copyUrl);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(m_field);
    layout->addWidget(m_copy);
    setNotListening(QStringLiteral("Not listening"));
}

void ListenerBar::setListening(const QHostAddress &address, quint16 port, const QString &token) {
    m_base = ListenerUrl::base(address, port);
    m_token = token;
    m_field->setText(shownText());
    // Wide enough for the whole URL, read from its start.
    m_field->setMinimumWidth(m_field->fontMetrics().horizontalAdvance(m_field->text()) + 24);
    m_field->setCursorPosition(0);
    m_field->setEnabled(true);
    m_copy->setEnabled(true);
}

void ListenerBar::setNotListening(const QString &text) {
    m_base.clear();
    m_field->setText(text);
    m_field->setEnabled(false);
    m_copy->setEnabled(false);
}

QString ListenerBar::shownText() const {
    return m_base.isEmpty() ? m_field->text() : ListenerUrl::withToken(m_base, m_token, false);
}

void ListenerBar::copyUrl() {
    if (!m_base.isEmpty())
        QApplication::clipboard()->setText(m_base);
}

void ListenerBar::copyUrlWithToken() {
    if (!m_base.isEmpty())
        QApplication::clipboard()->setText(ListenerUrl::withToken(m_base, m_token, true));
}

void ListenerBar::copyCurlExample() {
    if (!m_base.isEmpty())
        QApplication::clipboard()->setText(
            ListenerUrl::curlExample(ListenerUrl::withToken(m_base, m_token, true)));
}
