#include "statelistmodel.h"

#include "capturetext.h"

StateListModel::StateListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, false, parent) {
    start();
}

QList<ContractState> StateListModel::allStates() {
    return {ContractState::Ok,     ContractState::Notes,       ContractState::Warnings,
            ContractState::Errors, ContractState::InvalidJson, ContractState::Rejected};
}

QList<ContractState> StateListModel::checkedStates() const {
    const QStringList keys = checkedKeys();
    QList<ContractState> states;
    for (ContractState state : allStates()) {
        if (keys.contains(contractStateId(state)))
            states.append(state);
    }
    return states;
}

QList<CheckableListModel::Item> StateListModel::collect() const {
    static const QString Descriptions[] = {
        QStringLiteral("Matches the published contract"),
        QStringLiteral("Worth knowing, e.g. a deprecated field or a value Mews added later"),
        QStringLiteral("Departs from the contract in a way a receiver may trip over"),
        QStringLiteral("Breaks the contract: missing or mistyped required fields"),
        QStringLiteral("The body is not valid JSON, or nests too deeply to decode"),
        QStringLiteral("The listener turned the request away (token, method, size, ...)"),
    };
    QList<Item> items;
    for (ContractState state : allStates()) {
        const qsizetype count = store() ? store()->index().countOf(state) : 0;
        items.append({contractStateId(state), CaptureText::stateName(state), count, true, QString(),
                      Descriptions[int(state)]});
    }
    return items;
}
