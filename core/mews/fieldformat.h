#pragma once

#include <QStringView>

/// The value formats the contract schema can name; each is a strict, allocation-free test.
namespace FieldFormat {

/// 8-4-4-4-12 hexadecimal digits, either case, no braces: "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15".
bool isGuid(QStringView value);
/// "YYYY-MM-DDThh:mm:ssZ" with optional fractional seconds, a real date and time, UTC ("Z").
bool isUtcTimestamp(QStringView value);
/// local@domain, no spaces, one @, a dot-free or dotted domain without empty labels.
bool isEmail(QStringView value);

/// Whether `format` names one of the formats above ("guid", "utc-timestamp", "email").
bool isKnown(QStringView format);
/// Whether `value` satisfies `format`; unknown formats accept everything.
bool matches(QStringView format, QStringView value);

} // namespace FieldFormat
