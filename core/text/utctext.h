#pragma once

#include <QDateTime>
#include <QString>

/**
 * UTC timestamps written as ISO 8601 with milliseconds, "2026-12-03T13:30:00.123Z",
 * exactly as QDateTime::toString(Qt::ISODateWithMs) writes a UTC time. Every capture
 * line, JSON Lines row and HAR entry carries one or more, and QDateTime formats
 * through QLocale and printf (a quarter of the headless output's time); this writes
 * the 24 characters directly. Years outside 0000-9999 go through QDateTime.
 */
namespace UtcText {

namespace Detail {

/// Days since 1970-01-01 to year, month, day (proleptic Gregorian; H. Hinnant's
/// civil_from_days).
constexpr void civilFromDays(qint64 days, qint64 &year, int &month, int &day) {
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = qint64(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

inline void put(char16_t *&out, qint64 value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += digits;
}

} // namespace Detail

inline QString iso(qint64 utcMs) {
    constexpr qint64 MsPerDay = 86400000;
    qint64 days = utcMs / MsPerDay;
    qint64 msOfDay = utcMs % MsPerDay;
    if (msOfDay < 0) {
        msOfDay += MsPerDay;
        --days;
    }
    qint64 year = 0;
    int month = 0;
    int day = 0;
    Detail::civilFromDays(days, year, month, day);
    if (year < 0 || year > 9999)
        return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
    QString text(24, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(text.data());
    Detail::put(out, year, 4);
    *out++ = u'-';
    Detail::put(out, month, 2);
    *out++ = u'-';
    Detail::put(out, day, 2);
    *out++ = u'T';
    Detail::put(out, msOfDay / 3600000, 2);
    *out++ = u':';
    Detail::put(out, msOfDay / 60000 % 60, 2);
    *out++ = u':';
    Detail::put(out, msOfDay / 1000 % 60, 2);
    *out++ = u'.';
    Detail::put(out, msOfDay % 1000, 3);
    *out = u'Z';
    return text;
}

} // namespace UtcText
