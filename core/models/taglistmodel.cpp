#include "taglistmodel.h"

#include "mews/contractschema.h"

TagListModel::TagListModel(CaptureStore *store, QObject *parent)
    : CheckableListModel(store, false, parent) {
    start();
}

QList<CheckableListModel::Item> TagListModel::collect() const {
    const ContractSchema &schema = ContractSchema::instance();
    const CaptureIndex *index = store() ? &store()->index() : nullptr;
    const auto countOf = [index](const QString &name) -> qsizetype {
        const int tag = index ? index->tagOf(name) : -1;
        return tag < 0 ? 0 : index->countWithTag(tag);
    };
    QList<Item> events;
    QList<Item> actions;
    QSet<QString> listed;
    const auto addKnown = [&](const EnumDescriptor *names, const QString &group,
                              QList<Item> &into) {
        if (!names)
            return;
        for (const EnumValue &value : names->values) {
            if (listed.contains(value.value))
                continue;
            listed.insert(value.value);
            into.append(
                {value.value, value.value, countOf(value.value), true, group, value.description});
        }
    };
    addKnown(schema.events(), eventsGroup(), events);
    addKnown(schema.integrationActions(), actionsGroup(), actions);
    if (index) {
        // Others in the order first seen; an action if it came with an Integration webhook.
        for (int tag = 0; tag < index->tagCount(); ++tag) {
            const QString &name = index->tagName(tag);
            if (listed.contains(name))
                continue;
            listed.insert(name);
            const QList<quint32> &positions = index->positionsWithTag(tag);
            const bool action = !positions.isEmpty() &&
                                index->row(positions.constFirst()).kind == WebhookKind::Integration;
            (action ? actions : events)
                .append({name, name, positions.size(), false,
                         action ? actionsGroup() : eventsGroup(), QString()});
        }
    }
    return events + actions;
}
