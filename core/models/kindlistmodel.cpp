#include "kindlistmodel.h"

KindListModel::KindListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, false, parent) {
    start();
}

QList<WebhookKind> KindListModel::allKinds() {
    return {WebhookKind::General,     WebhookKind::Integration, WebhookKind::OtherJson,
            WebhookKind::InvalidJson, WebhookKind::TooDeep,     WebhookKind::NotJson};
}

QList<WebhookKind> KindListModel::checkedKinds() const {
    const QStringList keys = checkedKeys();
    QList<WebhookKind> kinds;
    for (WebhookKind kind : allKinds()) {
        if (keys.contains(webhookKindId(kind)))
            kinds.append(kind);
    }
    return kinds;
}

QList<CheckableListModel::Item> KindListModel::collect() const {
    QList<Item> items;
    for (WebhookKind kind : allKinds()) {
        const qsizetype count = store() ? store()->index().countOf(kind) : 0;
        items.append(
            {webhookKindId(kind), webhookKindName(kind), count, true, QString(), QString()});
    }
    return items;
}
