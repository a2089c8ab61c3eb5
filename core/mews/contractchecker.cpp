#include "contractchecker.h"

#include "fieldformat.h"
#include "jsonnumber.h"
#include "jsonpath.h"
#include "secrets.h"

#include <QVarLengthArray>

#include <span>

namespace {

// A path kept as a chain of stack frames; turned into text only for a finding.
struct PathNode {
    const PathNode *parent = nullptr;
    QStringView key;      // member name, when index < 0
    qsizetype index = -1; // element index
};

QString pathText(const PathNode *node) {
    QVarLengthArray<const PathNode *, 16> chain;
    for (; node; node = node->parent) {
        if (node->parent || !node->key.isNull() || node->index >= 0)
            chain.append(node);
    }
    QString path;
    for (qsizetype i = chain.size() - 1; i >= 0; --i) {
        const PathNode *step = chain.at(i);
        path = step->index >= 0 ? JsonPath::appendIndex(path, step->index)
                                : JsonPath::appendKey(path, step->key);
    }
    return path;
}

// How a finding names the value: its member name, or "Events[2]" for an element. A name
// the path writes quoted is quoted here too, so that "ApiKey " shows its space.
QString displayName(const PathNode *node) {
    if (node->index >= 0)
        return (node->parent ? displayName(node->parent) : QString()) + u'[' +
               QString::number(node->index) + u']';
    if (JsonPath::needsQuoting(node->key))
        return u'"' + node->key.toString() + u'"';
    return node->key.toString();
}

QString quoted(QStringView text, bool secret) {
    QString shown = secret ? Secrets::mask(text) : text.toString();
    if (shown.size() > 60)
        shown = shown.left(57) + QStringLiteral("…");
    return u'"' + shown + u'"';
}

// A number as it was sent, so 1e400 is not shown as the infinity a double makes of it.
QString numberText(const JsonNode &value) {
    const QStringView text = value.numberText();
    return text.size() > 60 ? text.left(57).toString() + QStringLiteral("…") : text.toString();
}

QString describe(const JsonNode &value, bool secret) {
    switch (value.type()) {
    case JsonNode::String:
        return QStringLiteral("a string (") + quoted(value.toString(), secret) + u')';
    case JsonNode::Number:
        return secret ? QStringLiteral("a number")
                      : QStringLiteral("a number (") + numberText(value) + u')';
    case JsonNode::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonNode::Null:
        return QStringLiteral("null");
    case JsonNode::Object:
        return QStringLiteral("an object");
    case JsonNode::Array:
        return QStringLiteral("an array");
    case JsonNode::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString expected(JsonType type, const QString &typeName) {
    switch (type) {
    case JsonType::String:
        return QStringLiteral("a string");
    case JsonType::Boolean:
        return QStringLiteral("true or false");
    case JsonType::Integer:
        return QStringLiteral("an integer");
    case JsonType::Number:
        return QStringLiteral("a number");
    case JsonType::Object:
        return typeName.isEmpty() ? QStringLiteral("an object")
                                  : QStringLiteral("an object (") + typeName + u')';
    case JsonType::Array:
        return QStringLiteral("an array");
    case JsonType::Any:
        break;
    }
    return QStringLiteral("a value");
}

bool hasType(const JsonNode &value, JsonType type) {
    switch (type) {
    case JsonType::String:
        return value.isString();
    case JsonType::Boolean:
        return value.isBool();
    case JsonType::Integer:
        return value.isNumber() && JsonNumber(value.numberText()).toInt64().has_value();
    case JsonType::Number:
        return value.isNumber();
    case JsonType::Object:
        return value.isObject();
    case JsonType::Array:
        return value.isArray();
    case JsonType::Any:
        break;
    }
    return true;
}

// What a field must be in one object. A typeBy field takes its rule from its
// discriminator sibling: a known value with a type makes it required, not null and of that
// type (Value of a Space); a known value without one makes it optional (Value of an Object
// resource); an unknown value leaves the field as declared.
struct Rule {
    QString type; ///< the selected type, or empty for the field's own
    bool required = false;
    bool nullable = false;
    QString because; ///< " (Discriminator is Space)", where the discriminator decided it
};

class Walker {
public:
    Walker(const ContractSchema &schema, QList<ContractFinding> &findings)
        : m_schema(schema)
        , m_findings(findings) {}

    void checkObject(const JsonNode &object, const TypeDescriptor &type, const PathNode &at);

private:
    void add(const PathNode &at, FindingSeverity severity, const QString &message) {
        m_findings.append(ContractFinding{pathText(&at), severity, message});
    }
    Rule ruleFor(const JsonNode &object, const FieldDescriptor &field) const;
    void checkOneOf(const TypeDescriptor &type, std::span<const bool> seen, const PathNode &at);
    void checkMember(const JsonNode &value, const FieldDescriptor &field, const Rule &rule,
                     const PathNode &at);
    void checkTyped(const JsonNode &value, JsonType type, const QString &typeName,
                    const FieldDescriptor &field, const PathNode &at);
    void checkString(QStringView text, const FieldDescriptor &field, const PathNode &at);

    const ContractSchema &m_schema;
    QList<ContractFinding> &m_findings;
};

void Walker::checkObject(const JsonNode &object, const TypeDescriptor &type, const PathNode &at) {
    if (type.isMap) {
        for (const JsonNode member : object) {
            const PathNode child{&at, member.key(), -1};
            checkMember(member, type.mapValue, Rule{QString(), false, type.mapValue.nullable, {}},
                        child);
        }
        return;
    }
    QVarLengthArray<bool, 48> seen(type.fields.size(), false);
    for (const JsonNode member : object) {
        const QStringView key = member.key();
        const PathNode child{&at, key, -1};
        const auto found = type.index.constFind(SchemaName::borrowed(key));
        if (found == type.index.cend()) {
            // Mews writes member names exactly as documented, and receivers read them so:
            // a known name in another case or with stray spaces is a typo that leaves the
            // field unread, not a new field (quoted, so that the spaces show).
            if (const FieldDescriptor *meant = type.findMisspelt(key)) {
                add(child, FindingSeverity::Warning,
                    quoted(key, false) +
                        QStringLiteral(" is not a known name, but differs from one only in "
                                       "case or spaces (did you mean ") +
                        meant->name + QStringLiteral("?)."));
                continue;
            }
            add(child, FindingSeverity::Note,
                displayName(&child) +
                    QStringLiteral(
                        " is not known to this version of the contract; it is kept as sent."));
            continue;
        }
        seen[*found] = true;
        const FieldDescriptor &field = type.fields.at(*found);
        checkMember(member, field, ruleFor(object, field), child);
    }
    for (qsizetype i = 0; i < type.fields.size(); ++i) {
        const FieldDescriptor &field = type.fields.at(i);
        if (seen[i] || !(field.required || !field.typeBy.isEmpty()))
            continue;
        const Rule rule = ruleFor(object, field);
        if (rule.required) {
            const PathNode child{&at, field.name, -1};
            add(child, FindingSeverity::Error,
                field.name + QStringLiteral(" is required but missing") + rule.because + u'.');
        }
    }
    if (!type.oneOf.isEmpty())
        checkOneOf(type, std::span<const bool>(seen.data(), seen.size()), at);
}

Rule Walker::ruleFor(const JsonNode &object, const FieldDescriptor &field) const {
    Rule rule{QString(), field.required, field.nullable, QString()};
    if (field.typeBy.isEmpty())
        return rule;
    const JsonNode selector = object.value(QStringView(field.typeBy));
    if (!selector.isString())
        return rule;
    const EnumValue *value = m_schema.valueSelectedBy(field, selector.stringView());
    // A misspelt discriminator (its own warning says so) is checked as the value it
    // means, so the fields it selects are not left unchecked.
    const EnumValue *meant = value ? nullptr : m_schema.valueMeantBy(field, selector.stringView());
    if (!value && !meant)
        return rule;
    const EnumValue &selected = value ? *value : *meant;
    rule.type = selected.type;
    rule.required = !selected.type.isEmpty();
    rule.nullable = selected.type.isEmpty();
    if (meant) {
        rule.because = QStringLiteral(" (checked as ") + field.typeBy + QStringLiteral(" ") +
                       meant->value + u')';
    } else if (rule.required != field.required || rule.nullable != field.nullable) {
        rule.because =
            QStringLiteral(" (") + field.typeBy + QStringLiteral(" is ") + value->value + u')';
    }
    return rule;
}

void Walker::checkOneOf(const TypeDescriptor &type, std::span<const bool> seen,
                        const PathNode &at) {
    // e.g. a reservation carries PersonCounts, or the deprecated AdultCount and ChildCount.
    QStringList sets;
    QStringList present;
    for (const QList<qsizetype> &set : type.oneOf) {
        bool complete = true;
        QStringList names;
        for (const qsizetype field : set) {
            names.append(type.fields.at(field).name);
            if (seen[field])
                present.append(type.fields.at(field).name);
            else
                complete = false;
        }
        if (complete)
            return;
        sets.append(names.join(QStringLiteral(" and ")));
    }
    add(at, FindingSeverity::Error,
        type.label + QStringLiteral(" must carry ") + sets.join(QStringLiteral(", or ")) +
            QStringLiteral("; ") +
            (present.isEmpty()
                 ? QStringLiteral("it has none of them.")
                 : QStringLiteral("it has only ") + present.join(QStringLiteral(" and ")) + u'.'));
}

void Walker::checkMember(const JsonNode &value, const FieldDescriptor &field, const Rule &rule,
                         const PathNode &at) {
    if (field.isDeprecated())
        add(at, FindingSeverity::Note, field.deprecated);
    if (value.isNull()) {
        if (!rule.nullable)
            add(at, FindingSeverity::Error,
                displayName(&at) + QStringLiteral(" must not be null") + rule.because + u'.');
        return;
    }
    if (!rule.type.isEmpty()) {
        checkTyped(value, JsonType::Object, rule.type, field, at);
        return;
    }
    if (!field.isArray) {
        checkTyped(value, field.jsonType, field.typeName, field, at);
        return;
    }
    if (!value.isArray()) {
        add(at, FindingSeverity::Error,
            displayName(&at) + QStringLiteral(" must be an array; got ") +
                describe(value, field.secret) + u'.');
        return;
    }
    qsizetype i = -1;
    for (const JsonNode item : value) {
        const PathNode element{&at, QStringView(), ++i};
        if (item.isNull()) {
            add(element, FindingSeverity::Error,
                displayName(&element) + QStringLiteral(" must not be null."));
            continue;
        }
        checkTyped(item, field.itemJsonType, field.typeName, field, element);
    }
}

void Walker::checkTyped(const JsonNode &value, JsonType type, const QString &typeName,
                        const FieldDescriptor &field, const PathNode &at) {
    if (!hasType(value, type)) {
        if (type == JsonType::Integer && value.isNumber() &&
            JsonNumber(value.numberText()).isInteger()) {
            add(at, FindingSeverity::Error,
                displayName(&at) + QStringLiteral(" must be an integer; ") +
                    (field.secret ? QStringLiteral("the number") : numberText(value)) +
                    QStringLiteral(" is out of range for a 64-bit integer."));
            return;
        }
        add(at, FindingSeverity::Error,
            displayName(&at) + QStringLiteral(" must be ") + expected(type, typeName) +
                QStringLiteral("; got ") + describe(value, field.secret) + u'.');
        return;
    }
    if (type == JsonType::String) {
        checkString(value.stringView(), field, at);
    } else if (type == JsonType::Object && !typeName.isEmpty()) {
        if (const TypeDescriptor *named = m_schema.type(typeName))
            checkObject(value, *named, at);
    }
}

void Walker::checkString(QStringView text, const FieldDescriptor &field, const PathNode &at) {
    if (!field.format.isEmpty() && !FieldFormat::matches(field.format, text)) {
        if (const FormatDescriptor *format = m_schema.format(field.format)) {
            add(at, format->severity,
                displayName(&at) + QStringLiteral(" must be ") + format->rule +
                    QStringLiteral(", like ") + format->example + QStringLiteral("; got ") +
                    quoted(text, field.secret) + u'.');
        }
    }
    if (field.enumName.isEmpty())
        return;
    const EnumDescriptor *enumeration = field.enumeration;
    if (!enumeration)
        return;
    if (const EnumValue *known = enumeration->find(text)) {
        if (!known->note.isEmpty())
            add(at, FindingSeverity::Note, known->note);
        return;
    }
    const QString name = displayName(&at);
    // A known value in another case or with stray spaces is a typo, not a new value: Mews
    // matches these names exactly, so even an extensible enum warns and names it.
    const EnumValue *meant = enumeration->findMisspelt(text);
    const QString didYouMean =
        meant ? QStringLiteral(" (did you mean ") + meant->value + QStringLiteral("?)") : QString();
    if (enumeration->extensible && !meant) {
        add(at, FindingSeverity::Note,
            name + u' ' + quoted(text, field.secret) +
                QStringLiteral(" is not known to this version; it is kept as sent."));
        return;
    }
    if (enumeration->extensible) {
        add(at, FindingSeverity::Warning,
            name + u' ' + quoted(text, field.secret) +
                QStringLiteral(" is not a known value, but differs from one only in case or "
                               "spaces") +
                didYouMean + u'.');
        return;
    }
    add(at, FindingSeverity::Warning,
        name + QStringLiteral(" must be one of ") +
            enumeration->valueNames().join(QStringLiteral(", ")) + QStringLiteral("; got ") +
            quoted(text, field.secret) + didYouMean + u'.');
}

} // namespace

ContractChecker::ContractChecker(const ContractSchema &schema)
    : m_schema(schema) {
}

void ContractChecker::check(const JsonNode &document, QStringView rootType,
                            QList<ContractFinding> &findings) const {
    const TypeDescriptor *root = m_schema.type(rootType);
    if (!root) {
        findings.append(
            ContractFinding{QString(), FindingSeverity::Error,
                            QStringLiteral("The contract schema has no type %1, so the body "
                                           "could not be checked.")
                                .arg(rootType)});
        return;
    }
    Walker(m_schema, findings).checkObject(document, *root, PathNode{});
}
