#pragma once

#include "contractschema.h"

#include <QString>

#include <optional>

/**
 * A field's `type` as the contract schema spells it: a JSON type ("string", "any"), the
 * name of a type the schema defines ("Reservation"), or either with "[]" for a list of
 * them ("Event[]"). Whether a type name is defined is ContractSchemaReader's to check.
 */
struct FieldType {
    /// Reads a spelling; what is not a JSON type's name is taken for a type name.
    static FieldType parse(const QString &spelling);
    /// A JSON type as a detail pane names it: "text", "whole number", "list", ...
    static QString label(JsonType type);

    QString name; ///< the spelling without "[]": "Event", "string"
    bool isArray = false;
    std::optional<JsonType> primitive; ///< the JSON type name names; unset for a type name
};
