#pragma once

#include <QLatin1StringView>
#include <QLocale>
#include <QString>

/**
 * A count with its noun in the right number: "1 capture", "2 captures", "0 captures".
 * English only, like the rest of the interface. The window writes numbers in the
 * user's locale ("12,345 captures"); headless output and files use plain digits, so
 * scripts can read them.
 */
namespace CountedText {

/// The noun for count: one when count is 1, else many.
inline QLatin1StringView noun(qint64 count, QLatin1StringView one, QLatin1StringView many) {
    return count == 1 ? one : many;
}

/// "1 request", "1000000 requests": plain digits.
inline QString plain(qint64 count, QLatin1StringView one, QLatin1StringView many) {
    return QString::number(count) + u' ' + noun(count, one, many);
}

/// "1 capture", "12,345 captures": the number in the default QLocale.
inline QString localized(qint64 count, QLatin1StringView one, QLatin1StringView many) {
    return QLocale().toString(count) + u' ' + noun(count, one, many);
}

/// "3 captures" when all are shown, else "1 of 3 captures" or "0 of 1 capture" (the
/// noun goes with the total); numbers in the default QLocale.
inline QString shownOfTotal(qint64 shown, qint64 total, QLatin1StringView one,
                            QLatin1StringView many) {
    if (shown == total)
        return localized(total, one, many);
    const QLocale locale;
    return locale.toString(shown) + QLatin1StringView(" of ") + locale.toString(total) + u' ' +
           noun(total, one, many);
}

/// "1st", "2nd", "3rd", "4th", "11th", "21st": English ordinals, plain digits.
inline QString ordinal(qint64 n) {
    const qint64 tens = n % 100;
    const char *suffix = "th";
    if (tens < 11 || tens > 13) {
        switch (n % 10) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        default:
            break;
        }
    }
    return QString::number(n) + QLatin1StringView(suffix);
}

} // namespace CountedText
