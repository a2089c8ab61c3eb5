#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

/**
 * A number as JSON text writes it (RFC 8259), read exactly for what a double cannot
 * tell: whether 1e400 or 123456789012345678901234567890 is an integer, and whether it
 * fits in 64 bits. An integer is a number with an integral value however it is written:
 * 100, 1e2, 1.0, 1.5e3 and -0 are (100, 100, 1, 1500, 0); 1.5 and 1e-400 are not.
 */
class JsonNumber {
public:
    /// `text` must match the number grammar of RFC 8259.
    explicit JsonNumber(QStringView text);
    explicit JsonNumber(QByteArrayView text);

    bool isInteger() const { return m_zero || m_lastExponent >= 0; }
    /// The value, when it is an integer from -2^63 to 2^63 - 1.
    std::optional<qint64> toInt64() const;

    /// The double nearest to the number `text` (RFC 8259 grammar): ±infinity beyond the
    /// largest double (1e400), ±0 below the smallest (1e-400).
    static double toDouble(QByteArrayView text);
    /// How a number held in a QJsonValue is written when its text is not known: an integer
    /// in full, anything else in the fewest digits that read back as the same double.
    static QString textOf(const QJsonValue &number);

private:
    template <typename Char> void read(const Char *text, qsizetype size);

    bool m_negative = false;
    bool m_zero = true;
    qint64 m_digits = 0;       ///< significant digits, from the first to the last non-zero
    quint64 m_significand = 0; ///< those digits as an integer, when there are at most 19
    qint64 m_lastExponent = 0; ///< the power of ten of the last significant digit
    qint64 m_order = 0;        ///< the power of ten of the first significant digit
};
