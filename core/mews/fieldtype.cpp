#include "fieldtype.h"

namespace {

std::optional<JsonType> jsonTypeNamed(const QString &name) {
    if (name == QLatin1String("string"))
        return JsonType::String;
    if (name == QLatin1String("boolean"))
        return JsonType::Boolean;
    if (name == QLatin1String("integer"))
        return JsonType::Integer;
    if (name == QLatin1String("number"))
        return JsonType::Number;
    if (name == QLatin1String("object"))
        return JsonType::Object;
    if (name == QLatin1String("array"))
        return JsonType::Array;
    if (name == QLatin1String("any"))
        return JsonType::Any;
    return std::nullopt;
}

} // namespace

FieldType FieldType::parse(const QString &spelling) {
    FieldType type;
    type.name = spelling;
    type.isArray = spelling.endsWith(QLatin1String("[]"));
    if (type.isArray)
        type.name.chop(2);
    type.primitive = jsonTypeNamed(type.name);
    return type;
}

QString FieldType::label(JsonType type) {
    switch (type) {
    case JsonType::String:
        return QStringLiteral("text");
    case JsonType::Boolean:
        return QStringLiteral("true/false");
    case JsonType::Integer:
        return QStringLiteral("whole number");
    case JsonType::Number:
        return QStringLiteral("number");
    case JsonType::Object:
        return QStringLiteral("object");
    case JsonType::Array:
        return QStringLiteral("list");
    case JsonType::Any:
        break;
    }
    return QStringLiteral("any value");
}
