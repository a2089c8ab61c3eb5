#include "windowstatusbar.h"

#include "elidedlabel.h"
#include "icons.h"
#include "panes/detail/severitydecoration.h"
#include "storagealarm.h"
#include "text/countedtext.h"

#include <QDir>
#include <QFileInfo>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSizeGrip>
#include <QStyleOption>
#include <QToolTip>

using namespace Qt::Literals::StringLiterals;

namespace {

// The least room each part of the bar asks for, in characters: at the window's
// minimum width they are cut short, not clipped at its edge.
constexpr int ListenerChars = 16;
constexpr int CountsChars = 20;
constexpr int RateChars = 5;
constexpr int SessionChars = 12;

ElidedLabel *label(int minimumChars, QWidget *parent) {
    auto *label = new ElidedLabel(minimumChars, parent);
    label->setContentsMargins(6, 0, 6, 0);
    return label;
}

} // namespace

WindowStatusBar::WindowStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_listener(label(ListenerChars, this))
    , m_settings(new QPushButton(QStringLiteral("Listener settings…"), this))
    , m_storage(new StorageAlarm(this))
    , m_counts(label(CountsChars, this))
    , m_rate(label(RateChars, this))
    , m_session(label(SessionChars, this))
    , m_probe(label(CountsChars, this)) {
    m_settings->setFlat(true);
    m_settings->setIcon(Icons::named(QStringLiteral("settings")));
    m_settings->hide();
    connect(m_settings, &QPushButton::clicked, this, &WindowStatusBar::listenerSettingsRequested);
    m_storage->hide();
    m_probe->hide();
    m_session->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addWidget(m_listener);
    addWidget(m_settings);
    addPermanentWidget(m_storage);
    addPermanentWidget(m_probe);
    addPermanentWidget(m_counts);
    addPermanentWidget(m_rate);
    addPermanentWidget(m_session);
    setCounts(0, 0);
    setRate(0);
}

void WindowStatusBar::showListenerState(const QString &text) {
    // The first state is no change: a message shown at start (the session opened) stays.
    if (!m_listener->text().isEmpty() && m_listener->text() != text)
        clearMessage();
    m_listener->setText(text);
}

void WindowStatusBar::setListening(const QString &url, const QString &reach,
                                   const QString &detail) {
    showListenerState(QStringLiteral("Listening on ") + url +
                      (reach.isEmpty() ? QString() : QStringLiteral(" (") + reach + u')'));
    m_listener->setToolTip(detail);
    m_listener->setForegroundRole(QPalette::WindowText);
    m_listener->setPalette(palette());
    m_settings->hide();
}

void WindowStatusBar::setListenerError(const QString &message, const QString &hint) {
    showListenerState(QStringLiteral("Not listening: ") + message);
    m_listener->setToolTip(hint);
    QPalette red = palette();
    red.setColor(QPalette::WindowText, SeverityDecoration::textColor(FindingSeverity::Error, red));
    m_listener->setPalette(red);
    m_settings->setToolTip(hint);
    m_settings->show();
}

void WindowStatusBar::setListenerStopped() {
    showIdleState(QStringLiteral("Not listening"),
                  QStringLiteral("Start listening with Capture → Start listening"));
}

void WindowStatusBar::setListenerStarting() {
    showIdleState(QStringLiteral("Starting\u2026"),
                  QStringLiteral("Listening starts once a session is open"));
}

void WindowStatusBar::showIdleState(const QString &text, const QString &toolTip) {
    showListenerState(text);
    m_listener->setToolTip(toolTip);
    m_listener->setPalette(palette());
    m_settings->hide();
}

void WindowStatusBar::setCounts(qsizetype shown, qsizetype total) {
    m_counts->setText(CountedText::shownOfTotal(shown, total, "capture"_L1, "captures"_L1));
}

void WindowStatusBar::setRate(double perSecond) {
    const QLocale locale;
    m_rate->setText(perSecond >= 10
                        ? QStringLiteral("%1/s").arg(locale.toString(qRound(perSecond)))
                        : QStringLiteral("%1/s").arg(locale.toString(perSecond, 'f', 1)));
    m_rate->setToolTip(QStringLiteral("Captures arriving per second (smoothed)"));
}

void WindowStatusBar::setSession(const QString &path, bool untitled, bool unsaved) {
    if (untitled) {
        m_session->setText(unsaved ? QStringLiteral("Untitled session \u2022 not saved")
                                   : QStringLiteral("Untitled session"));
        m_session->setToolTip(
            QStringLiteral("Captures are kept in %1 until you save the session (Ctrl+S)")
                .arg(QDir::toNativeSeparators(path)));
    } else {
        m_session->setText(QFileInfo(path).fileName());
        m_session->setToolTip(QStringLiteral("Captures are written into %1 as they arrive")
                                  .arg(QDir::toNativeSeparators(path)));
    }
}

void WindowStatusBar::setStorageError(const QString &reason) {
    // The journal's reason names the file already ("Cannot write to <path>: disk full").
    const QString what = reason.startsWith(QLatin1String("Cannot write"))
                             ? reason
                             : QStringLiteral("Cannot write the session file: ") + reason;
    m_storage->setAlarm(what + QStringLiteral(". Answering 503 (Mews retries) and keeping "
                                              "captures in memory."));
    QPalette alarm = palette();
    alarm.setColor(QPalette::Window, SeverityDecoration::tint(FindingSeverity::Error, alarm));
    alarm.setColor(QPalette::WindowText,
                   SeverityDecoration::textColor(FindingSeverity::Error, alarm));
    m_storage->setPalette(alarm);
    m_storage->show();
    clearMessage();
}

void WindowStatusBar::clearStorageError() {
    m_storage->clear();
    m_storage->hide();
}

void WindowStatusBar::setProbeText(const QString &text) {
    m_probe->setText(text);
    m_probe->setVisible(!text.isEmpty());
}

void WindowStatusBar::showSelectionMessage(const QString &text, int timeoutMs) {
    m_selectionMessage = text;
    showMessage(text, timeoutMs);
}

void WindowStatusBar::selectionChanged() {
    if (!m_selectionMessage.isEmpty() && currentMessage() == m_selectionMessage)
        clearMessage();
    m_selectionMessage.clear();
}

QString WindowStatusBar::listenerText() const {
    return m_listener->text();
}

QString WindowStatusBar::countsText() const {
    return m_counts->text();
}

QString WindowStatusBar::rateText() const {
    return m_rate->text();
}

QString WindowStatusBar::sessionText() const {
    return m_session->text();
}

QString WindowStatusBar::storageText() const {
    return m_storage->text();
}

bool WindowStatusBar::storageErrorShown() const {
    return !m_storage->isHidden();
}

QRect WindowStatusBar::messageRect() const {
    // Where QStatusBar draws its message: from its left edge to the first permanent widget.
    int right = width() - 12;
    const QList<const QWidget *> permanents{m_storage, m_probe, m_counts, m_rate, m_session};
    for (const QWidget *permanent : permanents) {
        if (permanent->isVisible()) {
            right = permanent->x() - 2;
            break;
        }
    }
    return QRect(6, 0, right - 6, height());
}

bool WindowStatusBar::messageElided() const {
    return fontMetrics().horizontalAdvance(currentMessage()) > messageRect().width();
}

void WindowStatusBar::paintEvent(QPaintEvent *event) {
    const QString message = currentMessage();
    if (message.isEmpty()) {
        QStatusBar::paintEvent(event);
        return;
    }
    // QStatusBar clips a message that does not fit at the first permanent widget, in the
    // middle of a word or a path: draw the bar as it does, and the message cut short
    // with '…' (its tooltip holds the whole).
    QPainter painter(this);
    QStyleOption panel;
    panel.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &panel, &painter, this);
    for (QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!child->isVisible() || child->isWindow() || qobject_cast<QSizeGrip *>(child))
            continue;
        QStyleOption frame;
        frame.rect = child->geometry().adjusted(-2, -1, 2, 1);
        frame.palette = palette();
        frame.state = QStyle::State_None;
        style()->drawPrimitive(QStyle::PE_FrameStatusBarItem, &frame, &painter, child);
    }
    const QRect room = messageRect();
    painter.setPen(palette().windowText().color());
    painter.drawText(room, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine,
                     fontMetrics().elidedText(message, Qt::ElideRight, room.width()));
}

bool WindowStatusBar::event(QEvent *event) {
    if (event->type() == QEvent::ToolTip && !currentMessage().isEmpty() && messageElided()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (messageRect().contains(help->pos())) {
            QToolTip::showText(help->globalPos(), currentMessage(), this, messageRect());
            return true;
        }
    }
    return QStatusBar::event(event);
}
