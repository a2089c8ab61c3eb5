#pragma once

#include <QJsonValue>
#include <QString>

/**
 * How the detail views write JSON values as one line of plain text.
 */
namespace JsonText {

/// Longest text a cell shows before it is cut with "…" (copying gives all of it).
inline constexpr qsizetype DisplayLimit = 1000;

/// "string", "number", "true/false" ... as JSON names them: "object", "array",
/// "string", "number", "boolean", "null".
QString typeName(const QJsonValue &value);
/// A string's text with control characters written as JSON escapes (\n, \t,
/// \u0001) so one value stays one line; numbers as integers where exact; true,
/// false, null; containers as "{3 members}" / "[2 items]" with the Id or
/// Discriminator they carry. Cut at `limit` characters with "…" (0: no limit).
QString display(const QJsonValue &value, qsizetype limit = DisplayLimit);
/// The whole value for the clipboard: a string's text as is, a number or literal
/// as JSON, containers as indented JSON, with the secret members inside them
/// masked when `maskSecrets` is set.
QString copyText(const QJsonValue &value, bool maskSecrets);
/// A number as JSON writes it: integers without a fraction where exact.
QString numberText(double value);
/// The value masked by Secrets::mask() (strings and numbers; others unchanged).
QString masked(const QJsonValue &value);

} // namespace JsonText
