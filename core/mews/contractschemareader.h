#pragma once

#include "contractschema.h"

#include <QJsonObject>

/**
 * Builds a ContractSchema from its JSON text and checks every reference in it, so
 * that a maintainer's typo ("requried", an unknown type name) is an error at load
 * time instead of a silently weaker check.
 */
class ContractSchemaReader {
public:
    explicit ContractSchemaReader(ContractSchema &schema);

    void read(const QByteArray &json);

private:
    void error(const QString &message);
    void readFormats(const QJsonObject &formats);
    void readEnums(const QJsonObject &enums);
    void readTypes(const QJsonObject &types);
    FieldDescriptor readField(const QString &typeName, const QJsonValue &value);
    bool resolveType(const QString &where, FieldDescriptor &field);
    void readOneOf(TypeDescriptor &type, const QJsonValue &value);
    void resolveTypeBy(TypeDescriptor &type);
    void resolveRoots(const QJsonObject &roots);
    void linkEnumerations();
    QString typeLabel(const FieldDescriptor &field) const;

    ContractSchema &m_schema;
};
