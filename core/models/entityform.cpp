#include "entityform.h"

#include "jsontext.h"
#include "mews/contractschema.h"
#include "mews/jsonpath.h"
#include "mews/secrets.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

QString EntityFormField::referencedId() const {
    return !refersTo.isEmpty() && value.isString() ? value.toString() : QString();
}

namespace {

const QString NotKnownType = QStringLiteral("not known to this version");

class FormBuilder {
public:
    explicit FormBuilder(const ContractSchema &schema)
        : m_schema(schema) {}

    QList<EntityFormField> fields(const QJsonObject &object, const TypeDescriptor *type,
                                  const QString &path, bool secret) const;

private:
    EntityFormField field(const FieldDescriptor &descriptor, const QJsonValue &value,
                          const QJsonObject &siblings, const QString &path, bool secret) const;
    void addChildren(EntityFormField &row, const QJsonValue &value, const QString &typeName,
                     const FieldDescriptor &descriptor) const;
    EntityFormField unknown(const QString &key, const QJsonValue &value, const QString &path,
                            bool secret) const;

    const ContractSchema &m_schema;
};

QList<EntityFormField> FormBuilder::fields(const QJsonObject &object, const TypeDescriptor *type,
                                           const QString &path, bool secret) const {
    QList<EntityFormField> rows;
    if (!type) {
        for (auto it = object.begin(); it != object.end(); ++it)
            rows.append(unknown(it.key(), it.value(), JsonPath::appendKey(path, it.key()), secret));
        return rows;
    }
    if (type->isMap) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            FieldDescriptor entry = type->mapValue;
            entry.name = it.key();
            entry.label = it.key();
            rows.append(
                field(entry, it.value(), object, JsonPath::appendKey(path, it.key()), secret));
        }
        return rows;
    }
    for (const FieldDescriptor &descriptor : type->fields) {
        const auto it = object.constFind(descriptor.name);
        if (it != object.constEnd())
            rows.append(field(descriptor, it.value(), object,
                              JsonPath::appendKey(path, descriptor.name), secret));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!type->field(it.key()))
            rows.append(unknown(it.key(), it.value(), JsonPath::appendKey(path, it.key()), secret));
    }
    for (const FieldDescriptor &descriptor : type->fields) {
        if (object.contains(descriptor.name))
            continue;
        EntityFormField row;
        row.name = descriptor.name;
        row.label = descriptor.label.isEmpty() ? descriptor.name : descriptor.label;
        row.path = JsonPath::appendKey(path, descriptor.name);
        row.typeLabel = descriptor.typeLabel;
        row.description = descriptor.description;
        row.refersTo = descriptor.refersTo;
        row.required = descriptor.required;
        row.secret = secret || descriptor.secret || Secrets::isSecretKey(descriptor.name);
        row.status = descriptor.required ? EntityFormField::Status::Missing
                                         : EntityFormField::Status::NotSent;
        rows.append(row);
    }
    return rows;
}

EntityFormField FormBuilder::field(const FieldDescriptor &descriptor, const QJsonValue &value,
                                   const QJsonObject &siblings, const QString &path,
                                   bool secret) const {
    EntityFormField row;
    row.name = descriptor.name;
    row.label = descriptor.label.isEmpty() ? descriptor.name : descriptor.label;
    row.path = path;
    row.typeLabel = descriptor.typeLabel;
    row.description = descriptor.description;
    row.refersTo = descriptor.refersTo;
    row.required = descriptor.required;
    row.secret = secret || descriptor.secret || Secrets::isSecretKey(descriptor.name);
    row.value = value;
    QString typeName = descriptor.typeName;
    if (!descriptor.typeBy.isEmpty()) {
        const QString selected =
            m_schema.typeSelectedBy(descriptor, siblings.value(descriptor.typeBy).toString());
        if (const TypeDescriptor *selectedType = m_schema.type(selected)) {
            typeName = selected;
            row.typeLabel = selectedType->label;
        }
    }
    addChildren(row, value, typeName, descriptor);
    return row;
}

void FormBuilder::addChildren(EntityFormField &row, const QJsonValue &value,
                              const QString &typeName, const FieldDescriptor &descriptor) const {
    if (descriptor.isArray && value.isArray()) {
        const QJsonArray array = value.toArray();
        const TypeDescriptor *itemType = m_schema.type(typeName);
        const qsizetype shown = qMin(array.size(), EntityForm::MaxElements);
        for (qsizetype i = 0; i < shown; ++i) {
            EntityFormField element;
            element.name = u'[' + QString::number(i) + u']';
            element.label = u'#' + QString::number(i + 1);
            element.path = JsonPath::appendIndex(row.path, i);
            element.typeLabel = itemType ? itemType->label : descriptor.typeLabel;
            element.description = itemType ? itemType->description : QString();
            element.refersTo = descriptor.refersTo;
            element.required = true;
            element.secret = row.secret;
            element.value = array.at(i);
            if (itemType && element.value.isObject())
                element.children =
                    fields(element.value.toObject(), itemType, element.path, element.secret);
            row.children.append(element);
        }
        row.omittedChildren = array.size() - shown;
        return;
    }
    if (!value.isObject() || descriptor.isArray)
        return;
    if (const TypeDescriptor *type = m_schema.type(typeName))
        row.children = fields(value.toObject(), type, row.path, row.secret);
}

EntityFormField FormBuilder::unknown(const QString &key, const QJsonValue &value,
                                     const QString &path, bool secret) const {
    EntityFormField row;
    row.name = key;
    row.label = key;
    row.path = path;
    row.typeLabel = JsonText::typeName(value);
    row.description = QStringLiteral("Not known to this version of the contract; kept as sent.");
    row.status = EntityFormField::Status::NotKnown;
    row.secret = secret || Secrets::isSecretKey(key);
    row.value = value;
    return row;
}

EntityForm objectForm(const QJsonValue &document, const QString &path, const QString &typeName) {
    const ContractSchema &schema = ContractSchema::instance();
    EntityForm form;
    form.path = path;
    form.typeName = typeName;
    const TypeDescriptor *type = schema.type(typeName);
    form.title = type ? type->label : typeName;
    const QJsonValue value = JsonPath::resolve(document, path);
    if (value.isObject())
        form.fields =
            FormBuilder(schema).fields(value.toObject(), type, path, Secrets::isSecretPath(path));
    const QJsonValue id = value.toObject().value(QLatin1String("Id"));
    if (id.isString())
        form.entityId = id.toString();
    return form;
}

QString eventPath(int eventIndex) {
    return JsonPath::appendIndex(QStringLiteral("Events"), eventIndex);
}

} // namespace

EntityForm EntityForm::forObject(const QJsonValue &document, const QString &path,
                                 const QString &typeName) {
    return objectForm(document, path, typeName);
}

EntityForm EntityForm::forIntegration(const QJsonValue &document, const MewsAnalysis &analysis) {
    const ContractSchema &schema = ContractSchema::instance();
    const EnumDescriptor *actions = schema.integrationActions();
    const EnumValue *action = actions ? actions->find(analysis.action) : nullptr;
    const QString dataPath = QStringLiteral("Data");
    EntityForm form = objectForm(document, dataPath, action ? action->type : QString());
    form.subject = Subject::IntegrationData;
    form.entityId = analysis.integrationId;
    form.entityType = QStringLiteral("Integration");
    const QJsonValue data = JsonPath::resolve(document, dataPath);
    if (!data.isObject()) {
        form.notice =
            data.isUndefined()
                ? QStringLiteral("This Integration webhook has no Data.")
                : QStringLiteral("Data is %1, not an object.").arg(JsonText::typeName(data));
    } else if (action) {
        form.notice = analysis.action + QStringLiteral(": ") + action->description;
    } else if (analysis.action.isEmpty()) {
        form.title = QStringLiteral("Data");
        form.notice = QStringLiteral("There is no Action, so Data is shown as sent.");
    } else {
        form.title = QStringLiteral("Data");
        form.notice = QStringLiteral("The action %1 is not known to this version of the "
                                     "contract; Data is shown as sent.")
                          .arg(JsonText::display(analysis.action, 80));
    }
    return form;
}

EntityForm EntityForm::forEntity(const QJsonValue &document, const MewsAnalysis &analysis,
                                 int entityIndex) {
    if (entityIndex < 0 || entityIndex >= analysis.entities.size())
        return {};
    const ContractSchema &schema = ContractSchema::instance();
    const WebhookEntity &entity = analysis.entities.at(entityIndex);
    const QString typeName = schema.typeOfCollection(entity.collection);
    EntityForm form = objectForm(document, entity.path, typeName);
    form.subject = Subject::Entity;
    form.entityIndex = entityIndex;
    form.eventIndex = entity.eventIndex;
    form.entityType = typeName;
    if (!form.entityId.isEmpty())
        form.title += u' ' + form.entityId;
    QString where = QStringLiteral("Embedded at %1 (the older webhook form, deprecated since "
                                   "23 Aug 2022).")
                        .arg(entity.path);
    if (!entity.knownCollection)
        where = QStringLiteral("%1 is not a collection this version of the contract knows; "
                               "its members are shown as sent.")
                    .arg(entity.path);
    if (entity.eventIndex >= 0 && entity.eventIndex < analysis.events.size())
        form.notice = QStringLiteral("Named by %1 (%2). ")
                          .arg(eventPath(entity.eventIndex),
                               analysis.events.at(entity.eventIndex).discriminator) +
                      where;
    else
        form.notice = QStringLiteral("No event of this webhook names this entity. ") + where;
    return form;
}

EntityForm EntityForm::forEvent(const QJsonValue &document, const MewsAnalysis &analysis,
                                int eventIndex) {
    if (eventIndex < 0 || eventIndex >= analysis.events.size())
        return {};
    const ContractSchema &schema = ContractSchema::instance();
    const WebhookEvent &event = analysis.events.at(eventIndex);
    const EnumValue *info = schema.event(event.discriminator);
    if (event.entityIncluded()) {
        EntityForm form = forEntity(document, analysis, event.entityIndex);
        form.subject = Subject::Event;
        form.eventIndex = eventIndex;
        if (info)
            form.entityType = info->entity;
        form.notice = QStringLiteral("%1 (%2) names this %3; its data below is the snapshot "
                                     "embedded at %4, the older webhook form (deprecated "
                                     "since 23 Aug 2022).")
                          .arg(event.discriminator, eventPath(eventIndex),
                               info ? info->entity : QStringLiteral("entity"),
                               analysis.entities.at(event.entityIndex).path);
        return form;
    }

    const QString valuePath = JsonPath::appendKey(eventPath(eventIndex), u"Value");
    EntityForm form =
        objectForm(document, valuePath, info ? info->type : QStringLiteral("EntityUpdatedData"));
    form.subject = Subject::Event;
    form.eventIndex = eventIndex;
    form.entityId = event.entityId;
    if (!info) {
        form.title = QStringLiteral("Value");
        form.notice = QStringLiteral("%1 is not an event this version of the contract knows; "
                                     "its Value is shown as sent.")
                          .arg(event.discriminator.isEmpty()
                                   ? QStringLiteral("An event without a Discriminator")
                                   : JsonText::display(event.discriminator, 80));
        return form;
    }
    form.entityType = info->entity;
    form.idOnly = true;
    form.title = info->entity + u' ' + (event.entityId.isEmpty() ? QString() : event.entityId);
    for (EntityFormField &field : form.fields) {
        if (field.name == QLatin1String("Id") && field.refersTo.isEmpty())
            field.refersTo = info->entity;
    }
    form.notice = QStringLiteral("Mews sends only the Id of this %1; fetch it with %2.")
                      .arg(info->entity, info->fetch);
    const QJsonValue list =
        JsonPath::resolve(document, u"Entities").toObject().value(event.collection);
    if (!event.entityId.isEmpty() && !event.collection.isEmpty() && list.isArray())
        form.notice += QStringLiteral(" Entities.%1 does not include it.").arg(event.collection);
    return form;
}
