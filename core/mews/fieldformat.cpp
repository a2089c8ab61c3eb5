#include "fieldformat.h"

#include <QDate>

namespace FieldFormat {

namespace {

bool isHex(QChar c) {
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

bool isAsciiDigit(QChar c) {
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// Reads `count` digits at `at`; -1 when any is not a digit.
int number(QStringView value, qsizetype at, int count) {
    int result = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = value.at(at + i);
        if (!isAsciiDigit(c))
            return -1;
        result = result * 10 + (c.unicode() - u'0');
    }
    return result;
}

} // namespace

bool isGuid(QStringView value) {
    if (value.size() != 36)
        return false;
    for (qsizetype i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? value.at(i) != u'-' : !isHex(value.at(i)))
            return false;
    }
    return true;
}

bool isUtcTimestamp(QStringView value) {
    // 2025-03-14T09:26:41Z: 20 characters, more with a fraction.
    if (value.size() < 20 || value.back() != u'Z')
        return false;
    if (value.at(4) != u'-' || value.at(7) != u'-' || value.at(10) != u'T' ||
        value.at(13) != u':' || value.at(16) != u':')
        return false;
    const int year = number(value, 0, 4);
    const int month = number(value, 5, 2);
    const int day = number(value, 8, 2);
    const int hour = number(value, 11, 2);
    const int minute = number(value, 14, 2);
    const int second = number(value, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 60 || !QDate::isValid(year, month, day))
        return false;
    if (value.size() == 20)
        return true;
    // A fraction: ".d+" between the seconds and the Z.
    if (value.at(19) != u'.' || value.size() < 22)
        return false;
    for (qsizetype i = 20; i < value.size() - 1; ++i) {
        if (!isAsciiDigit(value.at(i)))
            return false;
    }
    return true;
}

bool isEmail(QStringView value) {
    const qsizetype at = value.indexOf(u'@');
    if (at <= 0 || at == value.size() - 1 || value.indexOf(u'@', at + 1) >= 0)
        return false;
    for (QChar c : value) {
        if (c.isSpace() || c.unicode() < 0x20)
            return false;
    }
    const QStringView domain = value.sliced(at + 1);
    return !domain.startsWith(u'.') && !domain.endsWith(u'.') && !domain.contains(u"..");
}

bool isKnown(QStringView format) {
    return format == u"guid" || format == u"utc-timestamp" || format == u"email";
}

bool matches(QStringView format, QStringView value) {
    if (format == u"guid")
        return isGuid(value);
    if (format == u"utc-timestamp")
        return isUtcTimestamp(value);
    if (format == u"email")
        return isEmail(value);
    return true;
}

} // namespace FieldFormat
