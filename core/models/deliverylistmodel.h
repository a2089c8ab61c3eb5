#pragma once

#include "checkablelistmodel.h"

/// First deliveries and messages sent again, with their counts; keys "first", "repeat".
class DeliveryListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit DeliveryListModel(CaptureStore *store, QObject *parent = nullptr);

    /// The checked kinds, for CaptureFilter::setDeliveries().
    QList<DeliveryKind> checkedDeliveries() const;
    static QString keyOf(DeliveryKind kind);

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Delivery"); }
};
