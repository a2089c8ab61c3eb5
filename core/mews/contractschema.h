#pragma once

#include "mewsanalysis.h"
#include "schemaname.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The JSON type a field must have.
enum class JsonType : quint8 { Any, String, Boolean, Integer, Number, Object, Array };

/// A value format checked beyond the JSON type ("guid", "utc-timestamp", "email").
struct FormatDescriptor {
    QString name;
    QString label;   ///< "UTC timestamp"
    QString rule;    ///< completes "X must be ...": "an ISO 8601 UTC timestamp ending in Z"
    QString example; ///< "2025-03-14T09:26:41Z"
    FindingSeverity severity = FindingSeverity::Error;
};

/// One documented value of an enumeration.
struct EnumValue {
    QString value;
    QString description;
    QString note;  ///< when set, a value that is accepted but worth a note
    QString type;  ///< for discriminators: the type of the sibling Value/Data it selects
    QString since; ///< when it was documented, e.g. "2025-08-13"
    // Events only (EventDiscriminator):
    QString entity;     ///< entity type named by Value.Id, e.g. "Reservation"
    QString collection; ///< legacy Entities key, e.g. "ServiceOrders"; empty when none was defined
    QString fetch;      ///< the API operation that fetches the entity
};

struct EnumDescriptor {
    QString name;
    QString label;
    QString description;
    /// Mews adds values over time: an unknown value is a note, not a warning.
    bool extensible = false;
    QList<EnumValue> values;
    QHash<SchemaName, qsizetype> index;

    const EnumValue *find(QStringView value) const;
    /// The value that `value` differs from only in case or surrounding spaces (a typo, as
    /// Mews matches these names exactly), or null; null too for an exact match.
    const EnumValue *findMisspelt(QStringView value) const;
    QStringList valueNames() const;
};

/// One field of an object type, as a detail pane shows it and the checks read it.
struct FieldDescriptor {
    QString name;
    QString label;       ///< "Start (UTC)"
    QString description; ///< one sentence from the docs
    QString type;        ///< as in the schema: "string", "Reservation", "Event[]", "any"
    QString typeLabel;   ///< for display: "UTC timestamp", "Reservation state", "list of Event"
    JsonType jsonType = JsonType::Any; ///< Array for "X[]"
    bool isArray = false;
    JsonType itemJsonType = JsonType::Any; ///< element type when isArray
    QString typeName; ///< the named type of the value (or of each element), e.g. "Reservation"
    bool required = false;
    bool nullable = true; ///< null is accepted (by default exactly when not required)
    QString format;       ///< FormatDescriptor name, applies to the value or each element
    QString enumName;
    QStringList enumValues;
    QString refersTo;   ///< an Id of another entity: "Resource", "Customer", ...
    QString deprecated; ///< the note to give when present; empty when not deprecated
    QString since;
    QString typeBy;     ///< sibling discriminator field whose enum value selects the type
    QString typeByEnum; ///< the enum of that sibling
    bool secret = false;
    /// enumName's and typeByEnum's descriptors, in the schema that holds this field (set
    /// once it is loaded, so a check need not look them up by name for every value).
    const EnumDescriptor *enumeration = nullptr;
    const EnumDescriptor *typeByEnumeration = nullptr;

    bool isDeprecated() const { return !deprecated.isEmpty(); }
};

/// A named type: an object with fields, or a map from free keys to values of one type.
struct TypeDescriptor {
    QString name;
    QString label;
    QString description;
    bool isMap = false;
    QList<FieldDescriptor> fields; ///< in documentation order (objects)
    QHash<SchemaName, qsizetype> index;
    FieldDescriptor mapValue; ///< the shape of every entry (maps)
    /// "oneOf": alternative sets of fields (indexes into fields), one of which must be
    /// present in full, e.g. PersonCounts, or AdultCount and ChildCount.
    QList<QList<qsizetype>> oneOf;

    const FieldDescriptor *field(QStringView name) const;
    /// The field a member name that is not one means: the same name in another letter
    /// case or with spaces around it ("ApiKey ", "accessToken"); null otherwise.
    const FieldDescriptor *findMisspelt(QStringView name) const;
};

/**
 * The published Mews webhook contract, loaded from the data file
 * ":/schema/mews-contract.json" (resources/schema/, format in its README.md).
 *
 * instance() loads it once; the object is immutable afterwards, so it may be used
 * from any thread. Lookups return pointers into it (valid for its lifetime), or
 * null when the name is unknown.
 */
class ContractSchema {
public:
    /// The compiled-in schema. If it failed to load, isValid() is false and errors() say why.
    static const ContractSchema &instance();
    /// Reads a schema from JSON text, checking every reference in it.
    static ContractSchema fromJson(const QByteArray &json);

    bool isValid() const { return m_errors.isEmpty(); }
    QStringList errors() const { return m_errors; }
    QString contract() const { return m_contract; }

    /// "IntegrationWebhook" for Integration, "GeneralWebhook" for General, else empty.
    QString rootType(WebhookKind kind) const;
    const TypeDescriptor *type(QStringView name) const;
    QList<FieldDescriptor> fieldsOf(QStringView typeName) const;
    const FieldDescriptor *field(QStringView typeName, QStringView fieldName) const;
    const EnumDescriptor *enumeration(QStringView name) const;
    const FormatDescriptor *format(QStringView name) const;
    QStringList typeNames() const;

    /// The type a typeBy field has when its discriminator sibling holds `discriminatorValue`;
    /// empty when that value selects no type (unknown or untyped).
    QString typeSelectedBy(const FieldDescriptor &field, QStringView discriminatorValue) const;
    /// The known value of a typeBy field's discriminator sibling, or null when unknown.
    const EnumValue *valueSelectedBy(const FieldDescriptor &field,
                                     QStringView discriminatorValue) const;
    /// The known value a misspelt discriminator sibling means (EnumDescriptor::findMisspelt),
    /// or null.
    const EnumValue *valueMeantBy(const FieldDescriptor &field,
                                  QStringView discriminatorValue) const;

    /// The field at `path` in `document` (whose kind is found from its top-level keys).
    /// Array elements and map entries get a descriptor derived from their container;
    /// typeBy fields come with the type their discriminator selects in `document`.
    std::optional<FieldDescriptor> fieldForPath(const QJsonValue &document, QStringView path) const;
    /// The type of the value at `path`: a named type ("Reservation"), a list ("Event[]"),
    /// a JSON type ("string") or empty when unknown. The empty path is the root type.
    QString typeForPath(const QJsonValue &document, QStringView path) const;

    /// General webhook events, in documentation order.
    const EnumDescriptor *events() const;
    const EnumValue *event(QStringView discriminator) const;
    const EnumDescriptor *integrationActions() const;
    /// The legacy Entities collections ("ServiceOrders", ...), in documentation order.
    QStringList collections() const;
    /// The element type of a legacy Entities collection: "ServiceOrders" -> "Reservation".
    QString typeOfCollection(QStringView collection) const;
    /// The event discriminators whose Value.Id names an element of `collection`.
    QStringList discriminatorsOfCollection(QStringView collection) const;

    /// Field names marked secret, and secret URL query parameters (Secrets uses these).
    QStringList secretFieldNames() const { return m_secretFields; }
    QStringList secretQueryParameters() const { return m_secretQueryParameters; }

private:
    friend class ContractSchemaReader;

    QStringList m_errors;
    QString m_contract;
    QString m_integrationRoot;
    QString m_generalRoot;
    QString m_eventEnum;
    QString m_actionEnum;
    QString m_entitiesType;
    QHash<SchemaName, TypeDescriptor> m_types;
    QHash<SchemaName, EnumDescriptor> m_enums;
    const EnumDescriptor *m_events = nullptr;  ///< m_eventEnum's, in m_enums
    const EnumDescriptor *m_actions = nullptr; ///< m_actionEnum's, in m_enums
    QHash<SchemaName, FormatDescriptor> m_formats;
    QStringList m_secretFields;
    QStringList m_secretQueryParameters;
};
