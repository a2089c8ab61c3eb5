#include "lenientjson.h"

#include "textposition.h"
#include "utf8.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <utility>

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QString hexByte(unsigned char byte) {
    return QStringLiteral("0x") +
           QString::number(byte, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

QString codePoint(uint value) {
    return QStringLiteral("U+") +
           QString::number(value, 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Members are collected in text order and sorted once when the object closes, so an
// object with n members costs n log n instead of n inserts into a sorted container.
QJsonObject toObject(QList<std::pair<QString, QJsonValue>> &members) {
    std::stable_sort(members.begin(), members.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonObject object;
    for (qsizetype i = 0; i < members.size(); ++i) {
        // Like QJsonDocument, the last of repeated names wins.
        if (i + 1 < members.size() && members.at(i + 1).first == members.at(i).first)
            continue;
        object.insert(members.at(i).first, members.at(i).second);
    }
    return object;
}

class Reader {
public:
    Reader(QByteArrayView text, int maxDepth)
        : m_text(text)
        , m_data(text.data())
        , m_size(text.size())
        , m_maxDepth(maxDepth) {}

    LenientJsonResult run();

private:
    enum class State {
        Value,                // any value
        ArrayValueOrEnd,      // right after [
        ArrayValueAfterComma, // after , in an array
        MemberOrEnd,          // right after {
        MemberAfterComma,     // after , in an object
        AfterValue,           // , or the closing bracket
        Done,
    };

    struct Frame {
        bool isObject = false;
        QJsonArray array;
        QList<std::pair<QString, QJsonValue>> members;
        QString key;           // member whose value is being read
        int strayBrackets = 0; // ] left over by misplaced-key repairs, to be dropped
    };

    void skipWhitespace() {
        while (m_pos < m_size && isWhitespace(m_data[m_pos]))
            ++m_pos;
    }
    bool atEnd() const { return m_pos >= m_size; }
    char peek() const { return m_data[m_pos]; }
    QString found() const;

    void repair(qsizetype offset, const QString &message);
    bool fail(qsizetype offset, const QString &message);

    bool step();
    bool readValueStart();
    bool readMember();
    bool readAfterValue();
    bool push(bool isObject);
    void closeTop();
    void deliver(const QJsonValue &value);
    bool readString(QString *out);
    void decodeEscapes(qsizetype from, qsizetype to, QString *out);
    bool readNumber();
    bool readLiteral();

    QByteArrayView m_text;
    const char *m_data;
    qsizetype m_size;
    int m_maxDepth;
    qsizetype m_pos = 0;
    State m_state = State::Value;
    qsizetype m_commaOffset = -1;
    QList<Frame> m_stack;
    QJsonValue m_root;
    LenientJsonResult m_result;
};

QString Reader::found() const {
    if (atEnd())
        return QStringLiteral("the end of the input");
    const auto byte = static_cast<unsigned char>(peek());
    if (byte >= 0x20 && byte < 0x7F)
        return QLatin1Char('\'') + QLatin1Char(char(byte)) + QLatin1Char('\'');
    return QStringLiteral("byte ") + hexByte(byte);
}

void Reader::repair(qsizetype offset, const QString &message) {
    ++m_result.repairCount;
    if (m_result.repairs.size() < LenientJsonResult::MaxRecordedRepairs)
        m_result.repairs.append(JsonError{offset, 0, 0, message});
}

bool Reader::fail(qsizetype offset, const QString &message) {
    m_result.ok = false;
    m_result.error = JsonError{offset, 0, 0, message};
    return false;
}

bool Reader::push(bool isObject) {
    if (m_stack.size() >= m_maxDepth) {
        return fail(m_pos, QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
    }
    Frame frame;
    frame.isObject = isObject;
    m_stack.append(std::move(frame));
    ++m_pos;
    m_state = isObject ? State::MemberOrEnd : State::ArrayValueOrEnd;
    return true;
}

void Reader::closeTop() {
    Frame frame = m_stack.takeLast();
    if (frame.isObject)
        deliver(toObject(frame.members));
    else
        deliver(frame.array);
}

void Reader::deliver(const QJsonValue &value) {
    if (m_stack.isEmpty()) {
        m_root = value;
        m_state = State::Done;
        return;
    }
    Frame &top = m_stack.last();
    if (top.isObject) {
        top.members.append({std::exchange(top.key, QString()), value});
    } else {
        top.array.append(value);
    }
    m_state = State::AfterValue;
}

bool Reader::readValueStart() {
    if (m_state != State::Value && !atEnd() && peek() == ']') {
        if (m_state == State::ArrayValueAfterComma)
            repair(m_commaOffset, QStringLiteral("trailing comma before ]"));
        ++m_pos;
        closeTop();
        return true;
    }
    if (atEnd())
        return fail(m_pos, QStringLiteral("unexpected end of input; a value was expected"));
    switch (peek()) {
    case '{':
        return push(true);
    case '[':
        return push(false);
    case '"': {
        const qsizetype start = m_pos;
        QString text;
        if (!readString(&text))
            return false;
        skipWhitespace();
        if (!m_stack.isEmpty() && !m_stack.last().isObject && !atEnd() && peek() == ':') {
            // A "key": value pair inside an array: the array was never closed.
            if (m_stack.size() < 2 || !m_stack.at(m_stack.size() - 2).isObject)
                return fail(start, QStringLiteral("a \"key\": value pair inside an array"));
            repair(start,
                   QStringLiteral("\"%1\": a key inside an array (the array was never closed)")
                       .arg(text));
            closeTop();
            Frame &parent = m_stack.last();
            parent.key = text;
            ++parent.strayBrackets;
            ++m_pos; // ':'
            m_state = State::Value;
            return true;
        }
        deliver(text);
        return true;
    }
    case 't':
    case 'f':
    case 'n':
        return readLiteral();
    default:
        if (peek() == '-' || isDigit(peek()))
            return readNumber();
        return fail(m_pos, QStringLiteral("a value was expected but found %1").arg(found()));
    }
}

bool Reader::readMember() {
    if (!atEnd() && peek() == '}') {
        if (m_state == State::MemberAfterComma)
            repair(m_commaOffset, QStringLiteral("trailing comma before }"));
        ++m_pos;
        closeTop();
        return true;
    }
    if (atEnd() || peek() != '"') {
        return fail(m_pos,
                    QStringLiteral("a member name in double quotes was expected but found %1")
                        .arg(found()));
    }
    QString key;
    if (!readString(&key))
        return false;
    skipWhitespace();
    if (atEnd() || peek() != ':') {
        return fail(
            m_pos,
            QStringLiteral("':' was expected after the member name but found %1").arg(found()));
    }
    ++m_pos;
    m_stack.last().key = key;
    m_state = State::Value;
    return true;
}

bool Reader::readAfterValue() {
    Frame &top = m_stack.last();
    const char close = top.isObject ? '}' : ']';
    if (!atEnd()) {
        const char c = peek();
        if (c == ',') {
            m_commaOffset = m_pos++;
            m_state = top.isObject ? State::MemberAfterComma : State::ArrayValueAfterComma;
            return true;
        }
        if (c == close) {
            ++m_pos;
            closeTop();
            return true;
        }
        if (c == ']' && top.isObject && top.strayBrackets > 0) {
            --top.strayBrackets;
            repair(m_pos, QStringLiteral("stray ] after a key that was inside an array"));
            ++m_pos;
            return true;
        }
    }
    return fail(m_pos, QStringLiteral("',' or '%1' was expected but found %2")
                           .arg(QString(QLatin1Char(close)), found()));
}

bool Reader::step() {
    skipWhitespace();
    switch (m_state) {
    case State::Value:
    case State::ArrayValueOrEnd:
    case State::ArrayValueAfterComma:
        return readValueStart();
    case State::MemberOrEnd:
    case State::MemberAfterComma:
        return readMember();
    case State::AfterValue:
        return readAfterValue();
    case State::Done:
        break;
    }
    return true;
}

bool Reader::readString(QString *out) {
    const qsizetype open = m_pos;
    bool escapes = false;
    bool controls = false;
    bool nonAscii = false;
    qsizetype i = open + 1;
    for (;;) {
        if (i >= m_size)
            return fail(open, QStringLiteral("unterminated string"));
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
            repair(open + 1 + bad, QStringLiteral("invalid UTF-8 byte %1 in a string")
                                       .arg(hexByte(static_cast<unsigned char>(raw.at(bad)))));
        }
    }
    if (controls) {
        for (qsizetype k = 0; k < raw.size(); ++k) {
            const auto c = static_cast<unsigned char>(raw.at(k));
            if (c < 0x20) {
                repair(
                    open + 1 + k,
                    QStringLiteral("unescaped control character %1 in a string").arg(codePoint(c)));
            }
        }
    }
    if (escapes)
        decodeEscapes(open + 1, close, out);
    else
        *out = QString::fromUtf8(raw);
    m_pos = close + 1;
    return true;
}

void Reader::decodeEscapes(qsizetype from, qsizetype to, QString *out) {
    out->reserve(to - from);
    qsizetype run = from;
    qsizetype i = from;
    const auto flush = [&](qsizetype end) {
        if (end > run)
            out->append(QString::fromUtf8(m_data + run, end - run));
    };
    const auto readHex4 = [&](qsizetype at) -> int {
        if (at + 4 > to)
            return -1;
        int value = 0;
        for (qsizetype k = 0; k < 4; ++k) {
            const int digit = hexValue(m_data[at + k]);
            if (digit < 0)
                return -1;
            value = value * 16 + digit;
        }
        return value;
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
                repair(i, QStringLiteral("invalid \\u escape in a string"));
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
                repair(i, QStringLiteral("unpaired UTF-16 surrogate %1 in a string")
                              .arg(codePoint(uint(unit))));
                out->append(QChar(QChar::ReplacementCharacter));
            } else {
                out->append(QChar(char16_t(unit)));
            }
            i += 6;
            break;
        }
        default: {
            const auto byte = static_cast<unsigned char>(kind);
            repair(i, QStringLiteral("invalid escape \\%1 in a string")
                          .arg(byte >= 0x20 && byte < 0x7F ? QString(QLatin1Char(kind))
                                                           : hexByte(byte)));
        }
            i += 1; // the escaped character starts the next run
            break;
        }
        run = i;
    }
    flush(to);
}

bool Reader::readNumber() {
    const qsizetype start = m_pos;
    qsizetype i = m_pos;
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
        return fail(start, QStringLiteral("invalid number: a digit must follow '-'"));
    }
    bool integral = true;
    if (i < m_size && m_data[i] == '.') {
        ++i;
        integral = false;
        if (!digits())
            return fail(i, QStringLiteral("invalid number: a digit must follow '.'"));
    }
    if (i < m_size && (m_data[i] == 'e' || m_data[i] == 'E')) {
        ++i;
        integral = false;
        if (i < m_size && (m_data[i] == '+' || m_data[i] == '-'))
            ++i;
        if (!digits())
            return fail(i, QStringLiteral("invalid number: the exponent has no digits"));
    }
    const QByteArray token = QByteArray::fromRawData(m_data + start, i - start);
    m_pos = i;
    if (integral) {
        bool fits = false;
        const qlonglong value = token.toLongLong(&fits);
        if (fits) {
            deliver(QJsonValue(qint64(value)));
            return true;
        }
    }
    deliver(QJsonValue(token.toDouble()));
    return true;
}

bool Reader::readLiteral() {
    static constexpr std::pair<QByteArrayView, QJsonValue::Type> literals[] = {
        {"true", QJsonValue::Bool}, {"false", QJsonValue::Bool}, {"null", QJsonValue::Null}};
    const QByteArrayView rest = m_text.sliced(m_pos);
    for (const auto &[word, type] : literals) {
        if (rest.startsWith(word)) {
            m_pos += word.size();
            deliver(type == QJsonValue::Null ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(word == QByteArrayView("true")));
            return true;
        }
    }
    return fail(m_pos, QStringLiteral("a value was expected but found %1").arg(found()));
}

LenientJsonResult Reader::run() {
    m_result.ok = true;
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_pos = 3; // RFC 8259 lets a parser ignore a byte order mark
    skipWhitespace();
    if (atEnd()) {
        fail(m_pos, QStringLiteral("no JSON value: the text is empty"));
    } else {
        while (m_state != State::Done && step()) {
        }
        if (m_result.ok) {
            skipWhitespace();
            if (!atEnd())
                fail(m_pos, QStringLiteral("unexpected %1 after the JSON value").arg(found()));
        }
    }
    if (!m_result.ok) {
        // Close what is open so the part read so far can be shown.
        while (!m_stack.isEmpty()) {
            Frame frame = m_stack.takeLast();
            const QJsonValue value =
                frame.isObject ? QJsonValue(toObject(frame.members)) : QJsonValue(frame.array);
            if (m_stack.isEmpty()) {
                m_root = value;
            } else if (m_stack.last().isObject) {
                if (!m_stack.last().key.isNull())
                    m_stack.last().members.append(
                        {std::exchange(m_stack.last().key, QString()), value});
            } else {
                m_stack.last().array.append(value);
            }
        }
    }
    m_result.value = m_root;

    QList<qint64> offsets;
    offsets.reserve(m_result.repairs.size() + 1);
    for (const JsonError &repaired : std::as_const(m_result.repairs))
        offsets.append(repaired.offset);
    if (!m_result.ok)
        offsets.append(m_result.error.offset);
    std::sort(offsets.begin(), offsets.end());
    const QList<TextPosition> positions = TextPosition::at(m_text, offsets);
    const auto place = [&](JsonError &error) {
        const auto at = std::lower_bound(offsets.cbegin(), offsets.cend(), error.offset);
        const TextPosition &position = positions.at(at - offsets.cbegin());
        error.line = position.line;
        error.column = position.column;
    };
    for (JsonError &repaired : m_result.repairs)
        place(repaired);
    if (!m_result.ok)
        place(m_result.error);
    return std::move(m_result);
}

} // namespace

JsonError LenientJsonResult::firstProblem() const {
    if (!repairs.isEmpty() && (ok || repairs.constFirst().offset <= error.offset))
        return repairs.constFirst();
    return ok ? JsonError() : error;
}

LenientJsonResult LenientJson::parse(QByteArrayView json, int maxDepth) {
    return Reader(json, maxDepth < 1 ? 1 : maxDepth).run();
}
