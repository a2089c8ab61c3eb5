#include "mebibytespinbox.h"

#include "http/listenerconfig.h"

namespace {
constexpr double Mebibyte = double(ListenerConfig::Mebibyte);
}

MebibyteSpinBox::MebibyteSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent) {
    setDecimals(3);
    setRange(0.001, double(ListenerConfig::MaxBodyLimit) / Mebibyte);
    setSuffix(QStringLiteral(" MiB"));
}

qint64 MebibyteSpinBox::bytes() const {
    return qMax<qint64>(1, qint64(value() * Mebibyte));
}

void MebibyteSpinBox::setBytes(qint64 bytes) {
    setValue(double(bytes) / Mebibyte);
}

QString MebibyteSpinBox::textFromValue(double value) const {
    QString text = QDoubleSpinBox::textFromValue(value);
    const QString point = locale().decimalPoint();
    if (!text.contains(point))
        return text;
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(point))
        text.chop(point.size());
    return text;
}
