#include "storagealarm.h"

#include <QPainter>

namespace {

// Room for the start of the sentence beside a message; the rest takes what is free.
constexpr int HintChars = 48;
constexpr int MinimumChars = 14;

} // namespace

StorageAlarm::StorageAlarm(QWidget *parent)
    : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setContentsMargins(6, 0, 6, 0);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void StorageAlarm::setAlarm(const QString &text) {
    setText(text);
    setToolTip(text);
}

QSize StorageAlarm::sizeHint() const {
    const QSize full = QLabel::sizeHint();
    const QMargins margins = contentsMargins();
    return {qMin(full.width(),
                 fontMetrics().averageCharWidth() * HintChars + margins.left() + margins.right()),
            full.height()};
}

QSize StorageAlarm::minimumSizeHint() const {
    const QMargins margins = contentsMargins();
    return {qMin(sizeHint().width(), fontMetrics().averageCharWidth() * MinimumChars +
                                         margins.left() + margins.right()),
            QLabel::minimumSizeHint().height()};
}

void StorageAlarm::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    const QRect room = contentsRect();
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(room, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine,
                     fontMetrics().elidedText(text(), Qt::ElideRight, room.width()));
}
