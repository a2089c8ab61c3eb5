#include "enterpriselistmodel.h"

#include "capturetext.h"

EnterpriseListModel::EnterpriseListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, true, parent) {
    start();
}

QList<CheckableListModel::Item> EnterpriseListModel::collect() const {
    QList<Item> items;
    if (!store())
        return items;
    const CaptureIndex &index = store()->index();
    for (quint32 enterprise : index.enterprises()) {
        const QString id = index.text(enterprise);
        const QString name = index.enterpriseName(enterprise);
        const QString label = name.isEmpty()
                                  ? CaptureText::shortId(id)
                                  : name + QStringLiteral(" · ") + CaptureText::shortId(id);
        items.append({id, label, index.positionsForEnterprise(id).size(), true, QString(), id});
    }
    return items;
}
