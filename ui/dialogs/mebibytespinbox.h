#pragma once

#include <QDoubleSpinBox>

/**
 * A size in MiB that reads like one: "32 MiB", "0.5 MiB", "1.25 MiB", not
 * "32.000 MiB". Keeps QDoubleSpinBox's parsing and its step of 1 MiB; the decimals
 * only limit what can be typed (3: a KiB).
 */
class MebibyteSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    explicit MebibyteSpinBox(QWidget *parent = nullptr);

    qint64 bytes() const;
    void setBytes(qint64 bytes);

protected:
    QString textFromValue(double value) const override;
};
