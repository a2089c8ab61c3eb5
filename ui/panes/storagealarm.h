#pragma once

#include "elidedlabel.h"

/**
 * The status bar's alarm that captures cannot be written to the session file. It is one
 * of the bar's permanent widgets, so a transient message never covers it, and it shows
 * as much of its sentence as it has room for, cut short with '…'; the tooltip holds
 * the whole sentence.
 */
class StorageAlarm : public ElidedLabel {
    Q_OBJECT

public:
    explicit StorageAlarm(QWidget *parent = nullptr);

    void setAlarm(const QString &text);
    QSize sizeHint() const override;
};
