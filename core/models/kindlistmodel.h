#pragma once

#include "checkablelistmodel.h"

/// The five webhook kinds with their counts; keys are webhookKindId() ("general", ...).
class KindListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit KindListModel(CaptureStore *store, QObject *parent = nullptr);

    /// The checked kinds, for CaptureFilter::setKinds().
    QList<WebhookKind> checkedKinds() const;
    static QList<WebhookKind> allKinds();

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Kind"); }
};
