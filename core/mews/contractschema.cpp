#include "contractschema.h"

#include "contractschemareader.h"
#include "jsonpath.h"
#include "webhookshape.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

const EnumValue *EnumDescriptor::find(QStringView value) const {
    const auto it = index.constFind(SchemaName::borrowed(value));
    return it == index.cend() ? nullptr : &values.at(*it);
}

const EnumValue *EnumDescriptor::findMisspelt(QStringView value) const {
    const QStringView trimmed = value.trimmed();
    for (const EnumValue &candidate : values) {
        if (candidate.value.compare(trimmed, Qt::CaseInsensitive) == 0)
            return candidate.value == value ? nullptr : &candidate;
    }
    return nullptr;
}

QStringList EnumDescriptor::valueNames() const {
    QStringList names;
    names.reserve(values.size());
    for (const EnumValue &value : values)
        names.append(value.value);
    return names;
}

const FieldDescriptor *TypeDescriptor::field(QStringView name) const {
    const auto it = index.constFind(SchemaName::borrowed(name));
    return it == index.cend() ? nullptr : &fields.at(*it);
}

const FieldDescriptor *TypeDescriptor::findMisspelt(QStringView name) const {
    const QStringView trimmed = name.trimmed();
    for (const FieldDescriptor &candidate : fields) {
        if (candidate.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            return candidate.name == name ? nullptr : &candidate;
    }
    return nullptr;
}

const ContractSchema &ContractSchema::instance() {
    static const ContractSchema schema = []() {
        QFile file(QStringLiteral(":/schema/mews-contract.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            ContractSchema missing;
            missing.m_errors.append(QStringLiteral("the contract schema resource %1 is missing: %2")
                                        .arg(file.fileName(), file.errorString()));
            return missing;
        }
        return fromJson(file.readAll());
    }();
    return schema;
}

ContractSchema ContractSchema::fromJson(const QByteArray &json) {
    ContractSchema schema;
    ContractSchemaReader(schema).read(json);
    return schema;
}

QString ContractSchema::rootType(WebhookKind kind) const {
    if (kind == WebhookKind::Integration)
        return m_integrationRoot;
    if (kind == WebhookKind::General)
        return m_generalRoot;
    return QString();
}

const TypeDescriptor *ContractSchema::type(QStringView name) const {
    const auto it = m_types.constFind(SchemaName::borrowed(name));
    return it == m_types.cend() ? nullptr : &*it;
}

QList<FieldDescriptor> ContractSchema::fieldsOf(QStringView typeName) const {
    const TypeDescriptor *descriptor = type(typeName);
    return descriptor ? descriptor->fields : QList<FieldDescriptor>();
}

const FieldDescriptor *ContractSchema::field(QStringView typeName, QStringView fieldName) const {
    const TypeDescriptor *descriptor = type(typeName);
    return descriptor ? descriptor->field(fieldName) : nullptr;
}

const EnumDescriptor *ContractSchema::enumeration(QStringView name) const {
    const auto it = m_enums.constFind(SchemaName::borrowed(name));
    return it == m_enums.cend() ? nullptr : &*it;
}

const FormatDescriptor *ContractSchema::format(QStringView name) const {
    const auto it = m_formats.constFind(SchemaName::borrowed(name));
    return it == m_formats.cend() ? nullptr : &*it;
}

QStringList ContractSchema::typeNames() const {
    QStringList names;
    names.reserve(m_types.size());
    for (auto it = m_types.cbegin(); it != m_types.cend(); ++it)
        names.append(it.key().toString());
    names.sort();
    return names;
}

QString ContractSchema::typeSelectedBy(const FieldDescriptor &field,
                                       QStringView discriminatorValue) const {
    const EnumValue *value = valueSelectedBy(field, discriminatorValue);
    return value ? value->type : QString();
}

const EnumValue *ContractSchema::valueSelectedBy(const FieldDescriptor &field,
                                                 QStringView discriminatorValue) const {
    return field.typeByEnumeration ? field.typeByEnumeration->find(discriminatorValue) : nullptr;
}

const EnumValue *ContractSchema::valueMeantBy(const FieldDescriptor &field,
                                              QStringView discriminatorValue) const {
    return field.typeByEnumeration ? field.typeByEnumeration->findMisspelt(discriminatorValue)
                                   : nullptr;
}

std::optional<FieldDescriptor> ContractSchema::fieldForPath(const QJsonValue &document,
                                                            QStringView path) const {
    bool ok = false;
    const QList<JsonPathStep> steps = JsonPath::parse(path, &ok);
    const TypeDescriptor *container = type(rootType(WebhookShape::of(document).kind));
    if (!ok || steps.isEmpty() || !container)
        return std::nullopt;

    std::optional<FieldDescriptor> current;
    QJsonValue parentValue = document;
    for (const JsonPathStep &step : steps) {
        if (step.isIndex()) {
            if (!current || !current->isArray)
                return std::nullopt;
            // An element: the list's field with the element type, positionally required.
            FieldDescriptor item = *current;
            item.name = JsonPath::appendIndex(current->name, step.index);
            item.label = current->label + QStringLiteral(" #") + QString::number(step.index + 1);
            item.type = item.type.chopped(2);
            item.isArray = false;
            item.jsonType = current->itemJsonType;
            item.itemJsonType = JsonType::Any;
            item.typeLabel = item.typeLabel.startsWith(QLatin1String("list of "))
                                 ? item.typeLabel.sliced(8)
                                 : item.typeLabel;
            item.required = true;
            item.nullable = false;
            item.deprecated.clear();
            if (const TypeDescriptor *itemType = type(item.typeName))
                item.description = itemType->description;
            current = item;
            parentValue = parentValue.toArray().at(step.index);
            continue;
        }
        if (current) {
            container = current->isArray ? nullptr : type(current->typeName);
            if (!container)
                return std::nullopt;
        }
        const QJsonObject object = parentValue.toObject();
        if (container->isMap) {
            FieldDescriptor entry = container->mapValue;
            entry.name = step.key;
            entry.label = step.key;
            current = entry;
        } else {
            const FieldDescriptor *descriptor = container->field(step.key);
            if (!descriptor)
                return std::nullopt;
            FieldDescriptor resolved = *descriptor;
            // As the contract check has it: a known discriminator decides whether the
            // field must be there, and what it holds.
            if (const EnumValue *value =
                    resolved.typeBy.isEmpty()
                        ? nullptr
                        : valueSelectedBy(resolved, object.value(resolved.typeBy).toString())) {
                resolved.required = !value->type.isEmpty();
                resolved.nullable = value->type.isEmpty();
                if (const TypeDescriptor *selectedType = type(value->type)) {
                    resolved.type = value->type;
                    resolved.typeName = value->type;
                    resolved.jsonType = JsonType::Object;
                    resolved.typeLabel = selectedType->label;
                }
            }
            current = resolved;
        }
        parentValue = object.value(step.key);
    }
    return current;
}

QString ContractSchema::typeForPath(const QJsonValue &document, QStringView path) const {
    if (path.isEmpty())
        return rootType(WebhookShape::of(document).kind);
    const std::optional<FieldDescriptor> descriptor = fieldForPath(document, path);
    return descriptor ? descriptor->type : QString();
}

const EnumDescriptor *ContractSchema::events() const {
    return m_events;
}

const EnumValue *ContractSchema::event(QStringView discriminator) const {
    const EnumDescriptor *descriptor = events();
    return descriptor ? descriptor->find(discriminator) : nullptr;
}

const EnumDescriptor *ContractSchema::integrationActions() const {
    return m_actions;
}

QStringList ContractSchema::collections() const {
    QStringList names;
    for (const FieldDescriptor &collection : fieldsOf(m_entitiesType))
        names.append(collection.name);
    return names;
}

QString ContractSchema::typeOfCollection(QStringView collection) const {
    const FieldDescriptor *descriptor = field(m_entitiesType, collection);
    return descriptor ? descriptor->typeName : QString();
}

QStringList ContractSchema::discriminatorsOfCollection(QStringView collection) const {
    QStringList discriminators;
    if (const EnumDescriptor *descriptor = events()) {
        for (const EnumValue &value : descriptor->values) {
            if (value.collection == collection)
                discriminators.append(value.value);
        }
    }
    return discriminators;
}
