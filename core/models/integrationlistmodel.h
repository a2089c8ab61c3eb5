#pragma once

#include "checkablelistmodel.h"

/**
 * The integrations the session's webhooks were sent for, in order first seen, labelled
 * with their name where an Integration webhook gave it, with their counts. Exclusive:
 * the filter takes one integration id (the key).
 */
class IntegrationListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit IntegrationListModel(CaptureStore *store, QObject *parent = nullptr);

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Integration"); }
};
