#include "contractschemareader.h"

#include "fieldformat.h"
#include "fieldtype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace {

const QSet<QString> &fieldKeys() {
    static const QSet<QString> keys{
        QStringLiteral("name"),       QStringLiteral("label"),    QStringLiteral("description"),
        QStringLiteral("type"),       QStringLiteral("required"), QStringLiteral("nullable"),
        QStringLiteral("format"),     QStringLiteral("enum"),     QStringLiteral("refersTo"),
        QStringLiteral("deprecated"), QStringLiteral("since"),    QStringLiteral("typeBy"),
        QStringLiteral("secret")};
    return keys;
}

const QSet<QString> &enumValueKeys() {
    static const QSet<QString> keys{QStringLiteral("value"),      QStringLiteral("description"),
                                    QStringLiteral("note"),       QStringLiteral("type"),
                                    QStringLiteral("since"),      QStringLiteral("entity"),
                                    QStringLiteral("collection"), QStringLiteral("fetch")};
    return keys;
}

std::optional<FindingSeverity> severityFromId(const QString &id) {
    bool known = false;
    const FindingSeverity severity = findingSeverityFromId(id, &known);
    return known ? std::optional(severity) : std::nullopt;
}

} // namespace

ContractSchemaReader::ContractSchemaReader(ContractSchema &schema)
    : m_schema(schema) {
}

void ContractSchemaReader::error(const QString &message) {
    m_schema.m_errors.append(message);
}

void ContractSchemaReader::read(const QByteArray &json) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error(QStringLiteral("the schema is not a JSON object: %1 at offset %2")
                  .arg(parseError.errorString())
                  .arg(parseError.offset));
        return;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("formatVersion")).toInt() != 1) {
        error(QStringLiteral("formatVersion must be 1; this version reads no other"));
        return;
    }
    m_schema.m_contract = root.value(QLatin1String("contract")).toString();
    for (const QJsonValue &name : root.value(QLatin1String("secretQueryParameters")).toArray()) {
        if (name.toString().isEmpty())
            error(QStringLiteral("secretQueryParameters must hold non-empty strings"));
        else
            m_schema.m_secretQueryParameters.append(name.toString());
    }
    readFormats(root.value(QLatin1String("formats")).toObject());
    readEnums(root.value(QLatin1String("enums")).toObject());
    readTypes(root.value(QLatin1String("types")).toObject());
    resolveRoots(root.value(QLatin1String("roots")).toObject());
    linkEnumerations();
}

void ContractSchemaReader::linkEnumerations() {
    // Last, when no enum is added any more: the pointers stay valid for the schema's life
    // (it is immutable from here on, and copies share the same enums).
    const auto link = [this](FieldDescriptor &field) {
        field.enumeration = m_schema.enumeration(field.enumName);
        field.typeByEnumeration = m_schema.enumeration(field.typeByEnum);
    };
    for (TypeDescriptor &type : m_schema.m_types) {
        for (FieldDescriptor &field : type.fields)
            link(field);
        link(type.mapValue);
    }
    m_schema.m_events = m_schema.enumeration(m_schema.m_eventEnum);
    m_schema.m_actions = m_schema.enumeration(m_schema.m_actionEnum);
}

void ContractSchemaReader::readFormats(const QJsonObject &formats) {
    for (auto it = formats.begin(); it != formats.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        FormatDescriptor format;
        format.name = it.key();
        format.label = object.value(QLatin1String("label")).toString(format.name);
        format.rule = object.value(QLatin1String("rule")).toString();
        format.example = object.value(QLatin1String("example")).toString();
        const auto severity = severityFromId(object.value(QLatin1String("severity")).toString());
        if (!FieldFormat::isKnown(format.name))
            error(QStringLiteral("format %1 has no validator in this version").arg(format.name));
        if (format.rule.isEmpty() || format.example.isEmpty())
            error(QStringLiteral("format %1 needs a rule and an example").arg(format.name));
        if (!severity)
            error(QStringLiteral("format %1 needs a severity: error, warning or note")
                      .arg(format.name));
        else if (!FieldFormat::matches(format.name, format.example))
            error(QStringLiteral("the example of format %1 does not match it").arg(format.name));
        format.severity = severity.value_or(FindingSeverity::Error);
        m_schema.m_formats.insert(format.name, format);
    }
}

void ContractSchemaReader::readEnums(const QJsonObject &enums) {
    for (auto it = enums.begin(); it != enums.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        EnumDescriptor descriptor;
        descriptor.name = it.key();
        descriptor.label = object.value(QLatin1String("label")).toString(descriptor.name);
        descriptor.description = object.value(QLatin1String("description")).toString();
        descriptor.extensible = object.value(QLatin1String("extensible")).toBool(false);
        for (const QJsonValue &entry : object.value(QLatin1String("values")).toArray()) {
            const QJsonObject valueObject = entry.toObject();
            for (auto key = valueObject.begin(); key != valueObject.end(); ++key) {
                if (!enumValueKeys().contains(key.key()))
                    error(
                        QStringLiteral("enum %1: unknown key %2").arg(descriptor.name, key.key()));
            }
            EnumValue value;
            value.value = valueObject.value(QLatin1String("value")).toString();
            value.description = valueObject.value(QLatin1String("description")).toString();
            value.note = valueObject.value(QLatin1String("note")).toString();
            value.type = valueObject.value(QLatin1String("type")).toString();
            value.since = valueObject.value(QLatin1String("since")).toString();
            value.entity = valueObject.value(QLatin1String("entity")).toString();
            value.collection = valueObject.value(QLatin1String("collection")).toString();
            value.fetch = valueObject.value(QLatin1String("fetch")).toString();
            if (value.value.isEmpty()) {
                error(QStringLiteral("enum %1 has a value without a name").arg(descriptor.name));
                continue;
            }
            if (descriptor.index.contains(value.value))
                error(QStringLiteral("enum %1 lists %2 twice").arg(descriptor.name, value.value));
            descriptor.index.insert(value.value, descriptor.values.size());
            descriptor.values.append(value);
        }
        if (descriptor.values.isEmpty())
            error(QStringLiteral("enum %1 has no values").arg(descriptor.name));
        m_schema.m_enums.insert(descriptor.name, descriptor);
    }
}

void ContractSchemaReader::readTypes(const QJsonObject &types) {
    // Names first, so fields can refer to types defined later in the file.
    for (auto it = types.begin(); it != types.end(); ++it) {
        TypeDescriptor type;
        type.name = it.key();
        m_schema.m_types.insert(type.name, type);
    }
    for (auto it = types.begin(); it != types.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        TypeDescriptor &type = m_schema.m_types[it.key()];
        type.label = object.value(QLatin1String("label")).toString(type.name);
        type.description = object.value(QLatin1String("description")).toString();
        const QString kind = object.value(QLatin1String("kind")).toString(QStringLiteral("object"));
        if (kind == QLatin1String("map")) {
            type.isMap = true;
            type.mapValue.type = object.value(QLatin1String("values")).toString();
            type.mapValue.required = false;
            type.mapValue.nullable = false;
            resolveType(QStringLiteral("map %1").arg(type.name), type.mapValue);
            continue;
        }
        if (kind != QLatin1String("object"))
            error(QStringLiteral("type %1: kind must be object or map").arg(type.name));
        const QJsonArray fields = object.value(QLatin1String("fields")).toArray();
        if (fields.isEmpty())
            error(QStringLiteral("type %1 has no fields").arg(type.name));
        for (const QJsonValue &value : fields) {
            FieldDescriptor field = readField(type.name, value);
            if (field.name.isEmpty())
                continue;
            if (type.index.contains(field.name))
                error(QStringLiteral("type %1 lists field %2 twice").arg(type.name, field.name));
            if (field.secret && !m_schema.m_secretFields.contains(field.name))
                m_schema.m_secretFields.append(field.name);
            type.index.insert(field.name, type.fields.size());
            type.fields.append(field);
        }
    }
    for (auto it = types.begin(); it != types.end(); ++it)
        readOneOf(m_schema.m_types[it.key()], it.value().toObject().value(QLatin1String("oneOf")));
    // Labels last: a field's label may name a type defined after it.
    for (TypeDescriptor &type : m_schema.m_types) {
        resolveTypeBy(type);
        for (FieldDescriptor &field : type.fields)
            field.typeLabel = typeLabel(field);
        if (type.isMap)
            type.mapValue.typeLabel = typeLabel(type.mapValue);
    }
    for (EnumDescriptor &descriptor : m_schema.m_enums) {
        for (const EnumValue &value : std::as_const(descriptor.values)) {
            if (!value.type.isEmpty() && !m_schema.m_types.contains(value.type)) {
                error(QStringLiteral("enum %1: value %2 selects unknown type %3")
                          .arg(descriptor.name, value.value, value.type));
            }
        }
    }
}

FieldDescriptor ContractSchemaReader::readField(const QString &typeName, const QJsonValue &value) {
    FieldDescriptor field;
    const QJsonObject object = value.toObject();
    field.name = object.value(QLatin1String("name")).toString();
    const QString where = typeName + QLatin1Char('.') + field.name;
    if (field.name.isEmpty()) {
        error(QStringLiteral("type %1 has a field without a name").arg(typeName));
        return field;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!fieldKeys().contains(it.key()))
            error(QStringLiteral("%1: unknown key %2").arg(where, it.key()));
    }
    field.label = object.value(QLatin1String("label")).toString(field.name);
    field.description = object.value(QLatin1String("description")).toString();
    field.type = object.value(QLatin1String("type")).toString();
    field.required = object.value(QLatin1String("required")).toBool(false);
    field.nullable = object.value(QLatin1String("nullable")).toBool(!field.required);
    field.format = object.value(QLatin1String("format")).toString();
    field.enumName = object.value(QLatin1String("enum")).toString();
    field.refersTo = object.value(QLatin1String("refersTo")).toString();
    field.deprecated = object.value(QLatin1String("deprecated")).toString();
    field.since = object.value(QLatin1String("since")).toString();
    field.typeBy = object.value(QLatin1String("typeBy")).toString();
    field.secret = object.value(QLatin1String("secret")).toBool(false);
    if (!resolveType(where, field))
        return field;
    const bool isString = (field.isArray ? field.itemJsonType : field.jsonType) == JsonType::String;
    if (!field.format.isEmpty() && (!m_schema.m_formats.contains(field.format) || !isString))
        error(
            QStringLiteral("%1: format %2 is unknown or not on a string").arg(where, field.format));
    if (!field.enumName.isEmpty()) {
        if (!m_schema.m_enums.contains(field.enumName) || !isString)
            error(QStringLiteral("%1: enum %2 is unknown or not on a string")
                      .arg(where, field.enumName));
        else
            field.enumValues = m_schema.m_enums.value(field.enumName).valueNames();
    }
    return field;
}

bool ContractSchemaReader::resolveType(const QString &where, FieldDescriptor &field) {
    const FieldType type = FieldType::parse(field.type);
    field.isArray = type.isArray;
    if (!type.primitive) {
        if (!m_schema.m_types.contains(type.name)) {
            error(QStringLiteral("%1: unknown type \"%2\"").arg(where, field.type));
            return false;
        }
        field.typeName = type.name;
    }
    const JsonType json = type.primitive.value_or(JsonType::Object);
    if (field.isArray) {
        field.jsonType = JsonType::Array;
        field.itemJsonType = json;
    } else {
        field.jsonType = json;
    }
    return true;
}

void ContractSchemaReader::readOneOf(TypeDescriptor &type, const QJsonValue &value) {
    if (value.isUndefined())
        return;
    const QString where = QStringLiteral("type %1: oneOf").arg(type.name);
    if (!value.isArray() || value.toArray().size() < 2) {
        error(where + QStringLiteral(" must list at least two sets of field names"));
        return;
    }
    for (const QJsonValue &set : value.toArray()) {
        QList<qsizetype> fields;
        for (const QJsonValue &name : set.toArray()) {
            const auto found = type.index.constFind(name.toString());
            if (found == type.index.cend()) {
                error(where + QStringLiteral(" names %1, which is not a field of the type")
                                  .arg(name.toString()));
                continue;
            }
            if (type.fields.at(*found).required)
                error(where +
                      QStringLiteral(" names %1, which is required anyway").arg(name.toString()));
            fields.append(*found);
        }
        if (fields.isEmpty())
            error(where + QStringLiteral(" has an empty set; each is a list of field names"));
        else
            type.oneOf.append(fields);
    }
}

void ContractSchemaReader::resolveTypeBy(TypeDescriptor &type) {
    for (FieldDescriptor &field : type.fields) {
        if (field.typeBy.isEmpty())
            continue;
        const FieldDescriptor *selector = type.field(field.typeBy);
        if (!selector || selector->enumName.isEmpty() || field.isArray) {
            error(QStringLiteral("%1.%2: typeBy must name a sibling field with an enum")
                      .arg(type.name, field.name));
            continue;
        }
        field.typeByEnum = selector->enumName;
    }
}

void ContractSchemaReader::resolveRoots(const QJsonObject &roots) {
    m_schema.m_integrationRoot = roots.value(QLatin1String("integration")).toString();
    m_schema.m_generalRoot = roots.value(QLatin1String("general")).toString();
    const TypeDescriptor *integration = m_schema.type(m_schema.m_integrationRoot);
    const TypeDescriptor *general = m_schema.type(m_schema.m_generalRoot);
    if (!integration || !general) {
        error(QStringLiteral("roots must name the integration and general webhook types"));
        return;
    }
    // The decoder reads these structural fields; their names are part of the webhook shape.
    const FieldDescriptor *action = integration->field(u"Action");
    if (!action || action->enumName.isEmpty())
        error(QStringLiteral("%1.Action must be an enum").arg(integration->name));
    else
        m_schema.m_actionEnum = action->enumName;
    const FieldDescriptor *events = general->field(u"Events");
    const TypeDescriptor *event =
        events && events->isArray ? m_schema.type(events->typeName) : nullptr;
    const FieldDescriptor *discriminator = event ? event->field(u"Discriminator") : nullptr;
    if (!discriminator || discriminator->enumName.isEmpty())
        error(QStringLiteral("%1.Events must be a list of objects with an enum Discriminator")
                  .arg(general->name));
    else
        m_schema.m_eventEnum = discriminator->enumName;
    const FieldDescriptor *entities = general->field(u"Entities");
    const TypeDescriptor *entitiesType = entities ? m_schema.type(entities->typeName) : nullptr;
    if (!entitiesType || entitiesType->isMap) {
        error(QStringLiteral("%1.Entities must be an object type").arg(general->name));
        return;
    }
    m_schema.m_entitiesType = entitiesType->name;
    for (const FieldDescriptor &collection : entitiesType->fields) {
        if (!collection.isArray || collection.typeName.isEmpty())
            error(QStringLiteral("Entities.%1 must be a list of an entity type")
                      .arg(collection.name));
    }
    if (const EnumDescriptor *eventEnum = m_schema.enumeration(m_schema.m_eventEnum)) {
        for (const EnumValue &value : eventEnum->values) {
            if (!value.collection.isEmpty() && !entitiesType->field(value.collection)) {
                error(QStringLiteral("event %1 names collection %2, which %3 lacks")
                          .arg(value.value, value.collection, entitiesType->name));
            }
        }
    }
}

QString ContractSchemaReader::typeLabel(const FieldDescriptor &field) const {
    const JsonType base = field.isArray ? field.itemJsonType : field.jsonType;
    QString label;
    if (!field.enumName.isEmpty())
        label = m_schema.m_enums.value(field.enumName).label;
    else if (!field.format.isEmpty())
        label = m_schema.m_formats.value(field.format).label;
    else if (!field.typeName.isEmpty())
        label = m_schema.m_types.value(field.typeName).label;
    else
        label = FieldType::label(base);
    if (!field.refersTo.isEmpty())
        label += QStringLiteral(" of a ") + field.refersTo;
    return field.isArray ? QStringLiteral("list of ") + label : label;
}
