#include "jsonscalarreader.h"

#include "jsonnumber.h"
#include "text/hextext.h"
#include "utf8.h"

#include <utility>

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

QString codePoint(uint value) {
    return QStringLiteral("U+") +
           QString::number(value, 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

JsonScalarReader::Token failure(qsizetype offset, const QString &message) {
    JsonScalarReader::Token token;
    token.errorOffset = offset;
    token.error = message;
    return token;
}

} // namespace

JsonScalarReader::JsonScalarReader(QByteArrayView text, RepairSink repair)
    : m_text(text)
    , m_data(text.data())
    , m_size(text.size())
    , m_repair(std::move(repair)) {
}

QString JsonScalarReader::hexByte(unsigned char byte) {
    return QStringLiteral("0x") +
           QString::number(byte, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

QString JsonScalarReader::describeByte(unsigned char byte) {
    if (byte >= 0x20 && byte < 0x7F)
        return QLatin1Char('\'') + QLatin1Char(char(byte)) + QLatin1Char('\'');
    return QStringLiteral("byte ") + hexByte(byte);
}

JsonScalarReader::Token JsonScalarReader::readString(qsizetype open) const {
    bool escapes = false;
    bool controls = false;
    bool nonAscii = false;
    qsizetype i = open + 1;
    for (;;) {
        if (i >= m_size)
            return failure(open, QStringLiteral("unterminated string"));
        const auto c = static_cast<unsigned char>(m_data[i]);
        if (c == '"')
            break;
        if (c == '\\') {
            escapes = true;
            i += 2;
            continue;
        }
        if (c < 0x20)
            controls = true;
        else if (c >= 0x80)
            nonAscii = true;
        ++i;
    }
    const qsizetype close = i;
    const QByteArrayView raw = m_text.sliced(open + 1, close - open - 1);
    if (nonAscii) {
        for (qsizetype bad = Utf8::firstInvalid(raw); bad >= 0;
             bad = Utf8::firstInvalid(raw, bad + 1)) {
            m_repair(open + 1 + bad, QStringLiteral("invalid UTF-8 byte %1 in a string")
                                         .arg(hexByte(static_cast<unsigned char>(raw.at(bad)))));
        }
    }
    if (controls) {
        for (qsizetype k = 0; k < raw.size(); ++k) {
            const auto c = static_cast<unsigned char>(raw.at(k));
            if (c < 0x20) {
                m_repair(
                    open + 1 + k,
                    QStringLiteral("unescaped control character %1 in a string").arg(codePoint(c)));
            }
        }
    }
    Token token;
    token.value = escapes ? decodeEscapes(open + 1, close, &token.unpairedSurrogates)
                          : QString::fromUtf8(raw);
    token.end = close + 1;
    return token;
}

QString JsonScalarReader::decodeEscapes(qsizetype from, qsizetype to,
                                        QList<qsizetype> *unpaired) const {
    QString text;
    QString *out = &text;
    out->reserve(to - from);
    qsizetype run = from;
    qsizetype i = from;
    const auto flush = [&](qsizetype end) {
        if (end > run)
            out->append(QString::fromUtf8(m_data + run, end - run));
    };
    const auto readHex4 = [&](qsizetype at) {
        return at < to ? HexText::fourDigits(QByteArrayView(m_data + at, to - at)) : -1;
    };
    while (i < to) {
        if (m_data[i] != '\\') {
            ++i;
            continue;
        }
        flush(i);
        const char kind = m_data[i + 1]; // the scan guarantees a character after '\'
        switch (kind) {
        case '"':
        case '\\':
        case '/':
            out->append(QLatin1Char(kind));
            i += 2;
            break;
        case 'b':
            out->append(QChar(u'\b'));
            i += 2;
            break;
        case 'f':
            out->append(QChar(u'\f'));
            i += 2;
            break;
        case 'n':
            out->append(QChar(u'\n'));
            i += 2;
            break;
        case 'r':
            out->append(QChar(u'\r'));
            i += 2;
            break;
        case 't':
            out->append(QChar(u'\t'));
            i += 2;
            break;
        case 'u': {
            const int unit = readHex4(i + 2);
            if (unit < 0) {
                m_repair(i, QStringLiteral("invalid \\u escape in a string"));
                out->append(QLatin1String("\\u"));
                i += 2;
                break;
            }
            if (unit >= 0xD800 && unit <= 0xDBFF && i + 7 < to && m_data[i + 6] == '\\' &&
                m_data[i + 7] == 'u') {
                const int low = readHex4(i + 8);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    out->append(QChar(char16_t(unit)));
                    out->append(QChar(char16_t(low)));
                    i += 12;
                    break;
                }
            }
            if (unit >= 0xD800 && unit <= 0xDFFF) {
                unpaired->append(i);
                out->append(QChar(QChar::ReplacementCharacter));
            } else {
                out->append(QChar(char16_t(unit)));
            }
            i += 6;
            break;
        }
        default: {
            const auto byte = static_cast<unsigned char>(kind);
            m_repair(i, QStringLiteral("invalid escape \\%1 in a string")
                            .arg(byte >= 0x20 && byte < 0x7F ? QString(QLatin1Char(kind))
                                                             : hexByte(byte)));
        }
            i += 1; // the escaped character starts the next run
            break;
        }
        run = i;
    }
    flush(to);
    return text;
}

JsonScalarReader::Token JsonScalarReader::readNumber(qsizetype start) const {
    qsizetype i = start;
    const auto digits = [&]() {
        const qsizetype first = i;
        while (i < m_size && isDigit(m_data[i]))
            ++i;
        return i > first;
    };
    if (m_data[i] == '-')
        ++i;
    if (i < m_size && m_data[i] == '0') {
        ++i;
    } else if (!digits()) {
        return failure(start, QStringLiteral("invalid number: a digit must follow '-'"));
    }
    bool integral = true;
    if (i < m_size && m_data[i] == '.') {
        ++i;
        integral = false;
        if (!digits())
            return failure(i, QStringLiteral("invalid number: a digit must follow '.'"));
    }
    if (i < m_size && (m_data[i] == 'e' || m_data[i] == 'E')) {
        ++i;
        integral = false;
        if (i < m_size && (m_data[i] == '+' || m_data[i] == '-'))
            ++i;
        if (!digits())
            return failure(i, QStringLiteral("invalid number: the exponent has no digits"));
    }
    const QByteArray token = QByteArray::fromRawData(m_data + start, i - start);
    Token result;
    result.end = i;
    bool fits = false;
    const qlonglong integer = integral ? token.toLongLong(&fits) : 0;
    result.value = fits ? QJsonValue(qint64(integer)) : QJsonValue(JsonNumber::toDouble(token));
    return result;
}

JsonScalarReader::Token JsonScalarReader::readLiteral(qsizetype start) const {
    static constexpr std::pair<QByteArrayView, QJsonValue::Type> literals[] = {
        {"true", QJsonValue::Bool}, {"false", QJsonValue::Bool}, {"null", QJsonValue::Null}};
    const QByteArrayView rest = m_text.sliced(start);
    for (const auto &[word, type] : literals) {
        if (rest.startsWith(word)) {
            Token token;
            token.end = start + word.size();
            token.value = type == QJsonValue::Null ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(word == QByteArrayView("true"));
            return token;
        }
    }
    return failure(start, QStringLiteral("a value was expected but found %1")
                              .arg(describeByte(static_cast<unsigned char>(m_data[start]))));
}
