#pragma once

#include "checkablelistmodel.h"

/**
 * The enterprises (properties) the session's webhooks came for, in order first seen,
 * labelled with their name where a webhook gave it ("Hotel Aurora Lisboa · 3b0f6c1e…"),
 * with their counts. Exclusive: the filter takes one enterprise id (the key).
 */
class EnterpriseListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit EnterpriseListModel(CaptureStore *store, QObject *parent = nullptr);

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Enterprise"); }
};
