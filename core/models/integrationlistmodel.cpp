#include "integrationlistmodel.h"

#include "capturetext.h"

IntegrationListModel::IntegrationListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, true, parent) {
    start();
}

QList<CheckableListModel::Item> IntegrationListModel::collect() const {
    QList<Item> items;
    if (!store())
        return items;
    const CaptureIndex &index = store()->index();
    for (quint32 integration : index.integrations()) {
        const QString id = index.text(integration);
        const QString name = index.integrationName(integration);
        const QString label = name.isEmpty()
                                  ? CaptureText::shortId(id)
                                  : name + QStringLiteral(" · ") + CaptureText::shortId(id);
        items.append({id, label, index.positionsForIntegration(id).size(), true, QString(), id});
    }
    return items;
}
