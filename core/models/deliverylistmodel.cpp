#include "deliverylistmodel.h"

DeliveryListModel::DeliveryListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, false, parent) {
    start();
}

QString DeliveryListModel::keyOf(DeliveryKind kind) {
    return kind == DeliveryKind::Repeat ? QStringLiteral("repeat") : QStringLiteral("first");
}

QList<DeliveryKind> DeliveryListModel::checkedDeliveries() const {
    const QStringList keys = checkedKeys();
    QList<DeliveryKind> kinds;
    for (DeliveryKind kind : {DeliveryKind::First, DeliveryKind::Repeat}) {
        if (keys.contains(keyOf(kind)))
            kinds.append(kind);
    }
    return kinds;
}

QList<CheckableListModel::Item> DeliveryListModel::collect() const {
    const auto count = [this](DeliveryKind kind) {
        return store() ? store()->index().countOf(kind) : 0;
    };
    return {
        {keyOf(DeliveryKind::First), QStringLiteral("First delivery"), count(DeliveryKind::First),
         true, QString(),
         QStringLiteral("Not sent again: the first capture of its body, method and path, or a "
                        "capture without a body")},
        {keyOf(DeliveryKind::Repeat), QStringLiteral("Sent again"), count(DeliveryKind::Repeat),
         true, QString(),
         QStringLiteral("The same body, method and path as an earlier capture: a message sent "
                        "again, as Mews does after a failed delivery")},
    };
}
