#include "storagealarm.h"

namespace {

// Room for the start of the sentence beside a message; the rest takes what is free.
constexpr int HintChars = 48;
constexpr int MinimumChars = 14;

} // namespace

StorageAlarm::StorageAlarm(QWidget *parent)
    : ElidedLabel(MinimumChars, parent) {
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
