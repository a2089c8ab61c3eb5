#include "detailheader.h"

#include "icons.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QStyleOptionToolButton>
#include <QTextDocument>
#include <QToolButton>

DetailHeader::DetailHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_reveal(new QToolButton(this))
    , m_curl(new QToolButton(this))
    , m_resend(new QToolButton(this))
    , m_layout(new QGridLayout(this))
    , m_buttons(new QHBoxLayout) {
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(QStringLiteral("Show access tokens, API keys and the Token query "
                                        "parameter unmasked in every tab and in cURL commands"));
    m_curl->setText(QStringLiteral("Copy as cURL"));
    m_curl->setToolTip(QStringLiteral("Copy a curl command that sends this request again, byte "
                                      "for byte (secrets masked unless revealed)"));
    m_resend->setText(QStringLiteral("Resend…"));
    m_resend->setToolTip(
        QStringLiteral("Send this request again, to a URL you give (Ctrl+Shift+R)"));
    m_reveal->setIcon(Icons::named(QStringLiteral("reveal")));
    m_curl->setIcon(Icons::named(QStringLiteral("copy")));
    m_resend->setIcon(Icons::named(QStringLiteral("send")));
    for (QToolButton *button : {m_reveal, m_curl, m_resend})
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->installEventFilter(this);
    m_buttons->addWidget(m_reveal);
    m_buttons->addWidget(m_curl);
    m_buttons->addWidget(m_resend);
    m_layout->setContentsMargins(6, 2, 2, 2);
    m_layout->setColumnStretch(0, 1);
    placeTitle(false);
    setRevealed(false);

    connect(m_reveal, &QToolButton::toggled, this, &DetailHeader::revealToggled);
    connect(m_curl, &QToolButton::clicked, this, &DetailHeader::curlRequested);
    connect(m_resend, &QToolButton::clicked, this, &DetailHeader::resendRequested);
}

void DetailHeader::setTitle(const QString &title, const QString &shortTitle) {
    m_fullTitle = title;
    m_shortTitle = shortTitle;
    m_title->setToolTip(Qt::convertFromPlainText(title, Qt::WhiteSpaceNoWrap));
    wrapIfNarrow();
    fitTitle();
}

QString DetailHeader::shownTitle() const {
    return m_title->text();
}

bool DetailHeader::eventFilter(QObject *watched, QEvent *event) {
    // The title gets what the buttons leave, or a row of its own: it is fitted to that,
    // never clipped mid-letter.
    if (watched == m_title &&
        (event->type() == QEvent::Resize || event->type() == QEvent::FontChange))
        fitTitle();
    return QWidget::eventFilter(watched, event);
}

void DetailHeader::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    wrapIfNarrow();
}

QSize DetailHeader::minimumSizeHint() const {
    // As narrow as the buttons without their words: the pane must not set the window's
    // minimum width (at QT_SCALE_FACTOR=1.5 it kept the window wider than 1024 px).
    const QMargins margins = m_layout->contentsMargins();
    return {margins.left() + margins.right() + buttonsWidth(Qt::ToolButtonIconOnly),
            QWidget::minimumSizeHint().height()};
}

int DetailHeader::buttonsWidth(Qt::ToolButtonStyle buttonStyle) const {
    int width = 2 * qMax(0, m_buttons->spacing());
    for (const QToolButton *button : {m_reveal, m_curl, m_resend}) {
        // What QToolButton::sizeHint() asks for, in the style given rather than its own.
        QStyleOptionToolButton option;
        option.initFrom(button);
        option.iconSize = button->iconSize();
        option.toolButtonStyle = buttonStyle;
        option.text = button->text();
        option.icon = button->icon();
        QSize contents = option.iconSize;
        if (buttonStyle != Qt::ToolButtonIconOnly) {
            const QFontMetrics metrics = button->fontMetrics();
            const QSize text = metrics.size(Qt::TextShowMnemonic, button->text());
            contents.rwidth() += text.width() + 2 * metrics.horizontalAdvance(u' ');
            contents.setHeight(qMax(contents.height(), text.height()));
        }
        width += button->style()
                     ->sizeFromContents(QStyle::CT_ToolButton, &option, contents, button)
                     .width();
    }
    return width;
}

void DetailHeader::wrapIfNarrow() {
    // The buttons must not squeeze the title away (a narrow pane at a large scale factor
    // left it no pixel), nor the title widen the pane: where the short form does not fit
    // beside the buttons, the title gets a row of its own above them. Where the buttons'
    // words do not fit either, they show their icons (their tooltips say what they do).
    const QString least = m_shortTitle.isEmpty() ? m_fullTitle : m_shortTitle;
    const QMargins margins = m_layout->contentsMargins();
    const int withWords = buttonsWidth(Qt::ToolButtonTextBesideIcon);
    const bool iconsOnly = width() < margins.left() + margins.right() + withWords;
    for (QToolButton *button : {m_reveal, m_curl, m_resend})
        button->setToolButtonStyle(iconsOnly ? Qt::ToolButtonIconOnly
                                             : Qt::ToolButtonTextBesideIcon);
    const int oneRow = margins.left() + margins.right() +
                       m_title->fontMetrics().horizontalAdvance(least) +
                       m_layout->horizontalSpacing() +
                       (iconsOnly ? buttonsWidth(Qt::ToolButtonIconOnly) : withWords);
    placeTitle(!least.isEmpty() && width() < oneRow);
}

void DetailHeader::placeTitle(bool wrapped) {
    if (m_layout->count() > 0 && wrapped == m_wrapped)
        return;
    m_wrapped = wrapped;
    m_layout->removeWidget(m_title);
    m_layout->removeItem(m_buttons);
    if (wrapped) {
        m_layout->addWidget(m_title, 0, 0, 1, 2);
        m_layout->addLayout(m_buttons, 1, 0, 1, 2, Qt::AlignRight);
    } else {
        m_layout->addWidget(m_title, 0, 0);
        m_layout->addLayout(m_buttons, 0, 1);
    }
}

void DetailHeader::fitTitle() {
    const QFontMetrics metrics = m_title->fontMetrics();
    const int width = m_title->contentsRect().width();
    QString shown = m_fullTitle;
    if (metrics.horizontalAdvance(shown) > width) {
        shown = !m_shortTitle.isEmpty() && metrics.horizontalAdvance(m_shortTitle) <= width
                    ? m_shortTitle
                    : metrics.elidedText(m_shortTitle.isEmpty() ? m_fullTitle : m_shortTitle,
                                         Qt::ElideRight, width);
    }
    if (m_title->text() != shown)
        m_title->setText(shown);
}

void DetailHeader::setRevealed(bool revealed) {
    {
        const QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(revealed);
    }
    m_reveal->setText(revealed ? QStringLiteral("Secrets revealed")
                               : QStringLiteral("Reveal secrets"));
    wrapIfNarrow();
}

void DetailHeader::setCaptureActionsEnabled(bool enabled) {
    m_curl->setEnabled(enabled);
    m_resend->setEnabled(enabled);
}
