#include "jsonnumber.h"

#include <QLocale>

#include <charconv>
#include <limits>

namespace {

constexpr qint64 MaxSignificandDigits = 19; // 10^19 - 1 still fits in a quint64
constexpr qint64 ExponentLimit = 1'000'000'000'000'000;

} // namespace

JsonNumber::JsonNumber(QStringView text) {
    read(text.utf16(), text.size());
}

JsonNumber::JsonNumber(QByteArrayView text) {
    read(text.data(), text.size());
}

template <typename Char> void JsonNumber::read(const Char *text, qsizetype size) {
    qsizetype i = 0;
    m_negative = size > 0 && text[0] == '-';
    if (m_negative)
        ++i;
    qint64 place = 0;          // digits read, of the integer part and the fraction together
    qint64 integerDigits = -1; // digits before the point
    qint64 first = -1;         // places of the first and last non-zero digit
    qint64 last = -1;
    quint64 leading = 0; // the digits from the first non-zero one on, at most 19 of them
    for (; i < size && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            integerDigits = place;
            continue;
        }
        const auto digit = quint64(text[i] - '0');
        if (digit != 0) {
            if (first < 0)
                first = place;
            last = place;
        }
        if (first >= 0 && place - first < MaxSignificandDigits)
            leading = leading * 10 + digit;
        ++place;
    }
    if (integerDigits < 0)
        integerDigits = place;
    qint64 exponent = 0;
    if (i < size) {
        ++i; // 'e'
        const bool negativeExponent = i < size && text[i] == '-';
        if (i < size && (text[i] == '-' || text[i] == '+'))
            ++i;
        for (; i < size; ++i)
            exponent = qMin(exponent * 10 + qint64(text[i] - '0'), ExponentLimit);
        if (negativeExponent)
            exponent = -exponent;
    }
    if (first < 0)
        return; // zero, however written
    m_zero = false;
    m_digits = last - first + 1;
    m_order = integerDigits - 1 - first + exponent;
    m_lastExponent = integerDigits - 1 - last + exponent;
    if (m_digits <= MaxSignificandDigits) {
        for (qint64 kept = qMin(MaxSignificandDigits, place - first); kept > m_digits; --kept)
            leading /= 10; // zeros after the last significant digit
        m_significand = leading;
    }
}

std::optional<qint64> JsonNumber::toInt64() const {
    if (m_zero)
        return 0;
    if (!isInteger() || m_order >= MaxSignificandDigits)
        return std::nullopt;
    // Below 10^19, so the digits are all in m_significand and the value fits a quint64.
    quint64 magnitude = m_significand;
    for (qint64 k = 0; k < m_lastExponent; ++k)
        magnitude *= 10;
    constexpr auto largest = quint64(std::numeric_limits<qint64>::max());
    if (!m_negative)
        return magnitude <= largest ? std::optional<qint64>(qint64(magnitude)) : std::nullopt;
    if (magnitude > largest + 1)
        return std::nullopt;
    return magnitude == largest + 1 ? std::numeric_limits<qint64>::min() : -qint64(magnitude);
}

double JsonNumber::toDouble(QByteArrayView text) {
    double value = 0;
    const std::from_chars_result read =
        std::from_chars(text.data(), text.data() + text.size(), value);
    if (read.ec == std::errc())
        return value;
    // Out of a double's range: too large or too small in magnitude.
    const JsonNumber number(text);
    const double nearest = number.m_order > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return number.m_negative ? -nearest : nearest;
}

QString JsonNumber::textOf(const QJsonValue &number) {
    const double value = number.toDouble();
    const qint64 integer = number.toInteger();
    if (double(integer) == value)
        return QString::number(integer);
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}
