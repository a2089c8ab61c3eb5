#pragma once

#include "checkablelistmodel.h"

/// The contract states with their counts; keys are contractStateId() ("ok", "errors", ...).
class StateListModel : public CheckableListModel {
    Q_OBJECT

public:
    explicit StateListModel(CaptureStore *store, QObject *parent = nullptr);

    /// The checked states, for CaptureFilter::setStates().
    QList<ContractState> checkedStates() const;
    static QList<ContractState> allStates();

protected:
    QList<Item> collect() const override;
    QString nameTitle() const override { return QStringLiteral("Contract"); }
};
