#include "methodlistmodel.h"

MethodListModel::MethodListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, false, parent) {
    storeReset();
    start();
}

void MethodListModel::count(qsizetype first, qsizetype last) {
    const CaptureIndex &index = store()->index();
    for (qsizetype position = first; position <= last; ++position) {
        const quint32 method = index.row(position).method;
        auto found = m_counts.find(method);
        if (found == m_counts.end()) {
            m_counts.insert(method, 1);
            m_order.append(method);
        } else {
            ++found.value();
        }
    }
}

void MethodListModel::capturesAppended(qsizetype first, qsizetype last) {
    if (store())
        count(first, last);
}

void MethodListModel::storeReset() {
    m_order.clear();
    m_counts.clear();
    if (store())
        count(0, store()->size() - 1);
}

QList<CheckableListModel::Item> MethodListModel::collect() const {
    QList<Item> items;
    if (!store())
        return items;
    const CaptureIndex &index = store()->index();
    for (quint32 method : m_order) {
        const QString name = index.text(method);
        items.append({name, name.isEmpty() ? QStringLiteral("(none)") : name,
                      m_counts.value(method), true, QString(), QString()});
    }
    return items;
}
