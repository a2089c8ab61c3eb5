#include "emptystateoverlay.h"

#include "session/listenerurl.h"

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

EmptyStateOverlay::EmptyStateOverlay(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_address(new QLabel(this))
    , m_body(new QLabel(this))
    , m_command(new QLabel(this)) {
    setAttribute(Qt::WA_TransparentForMouseEvents, false);
    for (QLabel *label : {m_title, m_address, m_body, m_command}) {
        label->setTextFormat(Qt::PlainText);
        label->setAlignment(label == m_command ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignCenter);
        label->setWordWrap(label != m_address);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont title = m_title->font();
    title.setPointSizeF(title.pointSizeF() * 1.35);
    title.setBold(true);
    m_title->setFont(title);
    m_address->setFont(title);
    m_body->setForegroundRole(QPalette::PlaceholderText);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // The example is several short lines; in a pane narrower still, the label wraps at
    // spaces. A soft wrap is only drawn: selecting and copying gives the command as it is.
    m_command->setWordWrap(true);
    m_command->setAutoFillBackground(true);
    m_command->setBackgroundRole(QPalette::AlternateBase);
    m_command->setMargin(8);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addWidget(m_address);
    layout->addSpacing(6);
    layout->addWidget(m_body);
    layout->addSpacing(10);
    layout->addWidget(m_command); // no alignment: as wide as the text, but never wider
                                  // than the pane, and centred (see refresh())
    layout->addStretch(2);
    layout->setContentsMargins(32, 16, 32, 16);
    parent->installEventFilter(this);
    place();
    refresh();
}

void EmptyStateOverlay::setListenerUrl(const QString &url, const QString &note) {
    m_starting = false;
    m_url = url;
    m_note = note;
    refresh();
}

void EmptyStateOverlay::setCounts(qsizetype shown, qsizetype total) {
    m_shown = shown;
    m_total = total;
    // While rows are shown the overlay is hidden, and its texts wait until it shows again:
    // laying them out on every live insert took 5% of the GUI thread under load (perf).
    if (shown > 0)
        setVisible(false);
    else
        refresh();
}

void EmptyStateOverlay::setOpening(const QString &path) {
    m_opening = path;
    refresh();
}

void EmptyStateOverlay::setStarting() {
    m_starting = true;
    refresh();
}

QString EmptyStateOverlay::title() const {
    return m_titleText;
}

QString EmptyStateOverlay::text() const {
    return m_body->text() + QLatin1Char('\n') + m_command->text();
}

void EmptyStateOverlay::refresh() {
    if (m_total > 0) {
        m_titleText = QStringLiteral("No capture matches the filter");
        m_body->setText(m_total == 1
                            ? QStringLiteral("1 capture is hidden. Clear the filter "
                                             "(Ctrl+Shift+X) or change the search to see it.")
                            : QStringLiteral("%1 captures are hidden. Clear the filter "
                                             "(Ctrl+Shift+X) or change the search to see them.")
                                  .arg(QLocale().toString(m_total)));
    } else if (!m_opening.isEmpty()) {
        m_titleText = QStringLiteral("Opening %1\u2026").arg(QFileInfo(m_opening).fileName());
        m_body->setText(QStringLiteral("Its captures appear here once it is read. Webhooks "
                                       "that arrive meanwhile are recorded into it."));
    } else if (m_starting) {
        m_titleText = QStringLiteral("Starting\u2026");
        m_body->setText(QStringLiteral("Listening starts once a session is open to record "
                                       "webhooks into."));
    } else if (m_url.isEmpty()) {
        m_titleText = QStringLiteral("Not listening");
        m_body->setText(m_note.isEmpty()
                            ? QStringLiteral("Start listening (Ctrl+L) to receive webhooks.")
                            : m_note);
    } else {
        m_titleText = QStringLiteral("Waiting for webhooks on\n%1").arg(m_url);
        m_body->setText(
            QStringLiteral("Point a Mews webhook (or a tunnel to this port) at this URL, send "
                           "one by hand, or use Help \u2192 Send sample webhooks.") +
            (m_note.isEmpty() ? QString() : QLatin1Char('\n') + m_note));
        m_command->setText(ListenerUrl::curlExample(m_url, true));
        // A word-wrapping label asks for a width of its own choosing; the widest line is
        // what it needs, and the layout narrows it to the pane.
        int widest = 0;
        const QFontMetrics metrics(m_command->font());
        for (const QString &line : m_command->text().split(QLatin1Char('\n')))
            widest = qMax(widest, metrics.horizontalAdvance(line));
        m_command->setMaximumWidth(widest + 2 * m_command->margin() + 2);
    }
    m_title->setText(m_titleText.section(QLatin1Char('\n'), 0, 0));
    fit();
    setVisible(m_shown == 0);
}

void EmptyStateOverlay::place() {
    if (parentWidget())
        setGeometry(parentWidget()->rect());
    fit();
}

void EmptyStateOverlay::fit() {
    const bool waiting = m_total == 0 && m_opening.isEmpty() && !m_url.isEmpty();
    // Narrow panes keep more of their width for the text.
    const int side = qBound(8, width() / 20, 32);
    const int room = width() - 2 * side;
    layout()->setContentsMargins(side, qMin(16, height() / 20), side, qMin(16, height() / 20));
    m_address->setText(m_address->fontMetrics().elidedText(m_url, Qt::ElideMiddle, room));
    m_address->setToolTip(m_url);
    // A label squeezed below its height is cut through a line: better leave it out.
    const auto fits = [this] {
        layout()->invalidate();
        return (layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                              : layout()->totalSizeHint().height()) <= height();
    };
    const auto keepIfFits = [&fits](QLabel *label) {
        label->show();
        if (!fits())
            label->hide();
    };
    m_address->setVisible(waiting);
    for (QLabel *label : {m_title, m_command, m_body})
        label->hide();
    keepIfFits(m_title);
    // The example wraps at spaces only: a word wider than the pane would be cut.
    const QFontMetrics metrics(m_command->font());
    const int commandRoom = room - 2 * m_command->margin();
    const QStringList words = QString(m_command->text())
                                  .replace(QLatin1Char('\n'), QLatin1Char(' '))
                                  .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (waiting && std::all_of(words.cbegin(), words.cend(), [&](const QString &word) {
            return metrics.horizontalAdvance(word) <= commandRoom;
        }))
        keepIfFits(m_command);
    keepIfFits(m_body);
    const bool whole =
        !m_title->isHidden() && !m_body->isHidden() && (!waiting || !m_command->isHidden());
    setToolTip(whole ? QString() : m_titleText + QStringLiteral("\n\n") + text());
}

bool EmptyStateOverlay::eventFilter(QObject *watched, QEvent *event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QWidget::eventFilter(watched, event);
}
