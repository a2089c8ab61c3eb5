#include "detailheader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

DetailHeader::DetailHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_reveal(new QToolButton(this))
    , m_curl(new QToolButton(this))
    , m_resend(new QToolButton(this)) {
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(QStringLiteral("Show access tokens, API keys and the Token query "
                                        "parameter unmasked in every tab and in cURL commands"));
    m_curl->setText(QStringLiteral("Copy as cURL"));
    m_curl->setToolTip(QStringLiteral("Copy a curl command that sends this request again, byte "
                                      "for byte (secrets masked unless revealed)"));
    m_resend->setText(QStringLiteral("Resend…"));
    m_resend->setToolTip(
        QStringLiteral("Send this request again, to a URL you give (Ctrl+Shift+R)"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->addWidget(m_title, 1);
    layout->addWidget(m_reveal);
    layout->addWidget(m_curl);
    layout->addWidget(m_resend);
    setRevealed(false);

    connect(m_reveal, &QToolButton::toggled, this, &DetailHeader::revealToggled);
    connect(m_curl, &QToolButton::clicked, this, &DetailHeader::curlRequested);
    connect(m_resend, &QToolButton::clicked, this, &DetailHeader::resendRequested);
}

void DetailHeader::setTitle(const QString &title) {
    m_title->setText(title);
}

void DetailHeader::setRevealed(bool revealed) {
    {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(revealed);
    }
    m_reveal->setText(revealed ? QStringLiteral("Secrets revealed")
                               : QStringLiteral("Reveal secrets"));
}

void DetailHeader::setCaptureActionsEnabled(bool enabled) {
    m_curl->setEnabled(enabled);
    m_resend->setEnabled(enabled);
}
