#include "lenientjson.h"

#include "jsonnumber.h"
#include "jsonscalarreader.h"
#include "lenientjsonbuilder.h"

#include <utility>

namespace {

bool isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

class Reader {
public:
    Reader(QByteArrayView text, int maxDepth)
        : m_text(text)
        , m_data(text.data())
        , m_size(text.size())
        , m_maxDepth(maxDepth)
        , m_scalars(text,
                    [this](qsizetype offset, const QString &message) { repair(offset, message); }) {
    }

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
    bool readNumber();
    bool readScalar(JsonScalarReader::Token token);
    void noteUnpairedSurrogates(const JsonScalarReader::Token &token, bool inName);

    QByteArrayView m_text;
    const char *m_data;
    qsizetype m_size;
    int m_maxDepth;
    JsonScalarReader m_scalars;
    qsizetype m_pos = 0;
    State m_state = State::Value;
    qsizetype m_commaOffset = -1;
    LenientJsonResult m_result;
    LenientJsonBuilder m_values{m_result}; // the arrays and objects open, and the value
};

QString Reader::found() const {
    if (atEnd())
        return QStringLiteral("the end of the input");
    const auto byte = static_cast<unsigned char>(peek());
    if (byte >= 0x20 && byte < 0x7F)
        return QLatin1Char('\'') + QLatin1Char(char(byte)) + QLatin1Char('\'');
    return JsonScalarReader::describeByte(byte);
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
    if (m_values.depth() >= m_maxDepth) {
        fail(m_pos, QStringLiteral("nesting deeper than this inspector's limit of %1 levels")
                        .arg(m_maxDepth));
        m_result.error.tooDeep = true;
        return false;
    }
    m_values.open(isObject);
    ++m_pos;
    m_state = isObject ? State::MemberOrEnd : State::ArrayValueOrEnd;
    return true;
}

void Reader::closeTop() {
    m_state = m_values.close() ? State::Done : State::AfterValue;
}

void Reader::deliver(const QJsonValue &value) {
    m_state = m_values.add(value) ? State::Done : State::AfterValue;
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
        const JsonScalarReader::Token token = m_scalars.readString(m_pos);
        if (!token.ok())
            return fail(token.errorOffset, token.error);
        m_pos = token.end;
        const QString text = token.value.toString();
        skipWhitespace();
        if (m_values.inArray() && !atEnd() && peek() == ':') {
            // A "key": value pair inside an array: the array was never closed.
            if (!m_values.inMemberArray())
                return fail(start, QStringLiteral("a \"key\": value pair inside an array"));
            repair(start,
                   QStringLiteral("\"%1\": a key inside an array (the array was never closed)")
                       .arg(text));
            closeTop();
            m_values.setKey(text, start);
            m_values.addStrayBracket();
            ++m_pos; // ':'
            m_state = State::Value;
            noteUnpairedSurrogates(token, true);
            return true;
        }
        noteUnpairedSurrogates(token, false);
        deliver(text);
        return true;
    }
    case 't':
    case 'f':
    case 'n':
        return readScalar(m_scalars.readLiteral(m_pos));
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
    const qsizetype keyOffset = m_pos;
    const JsonScalarReader::Token token = m_scalars.readString(m_pos);
    if (!token.ok())
        return fail(token.errorOffset, token.error);
    m_pos = token.end;
    const QString key = token.value.toString();
    skipWhitespace();
    if (atEnd() || peek() != ':') {
        return fail(
            m_pos,
            QStringLiteral("':' was expected after the member name but found %1").arg(found()));
    }
    ++m_pos;
    m_values.setKey(key, keyOffset);
    m_state = State::Value;
    noteUnpairedSurrogates(token, true);
    return true;
}

bool Reader::readAfterValue() {
    const bool inObject = m_values.inObject();
    const char close = inObject ? '}' : ']';
    if (!atEnd()) {
        const char c = peek();
        if (c == ',') {
            m_commaOffset = m_pos++;
            m_state = inObject ? State::MemberAfterComma : State::ArrayValueAfterComma;
            return true;
        }
        if (c == close) {
            ++m_pos;
            closeTop();
            return true;
        }
        if (c == ']' && inObject && m_values.takeStrayBracket()) {
            repair(m_pos, QStringLiteral("stray ] after a key that was inside an array"));
            ++m_pos;
            return true;
        }
    }
    return fail(m_pos, QStringLiteral("',' or '%1' was expected but found %2")
                           .arg(QString(QLatin1Char(close)), found()));
}

bool Reader::readNumber() {
    const JsonScalarReader::Token token = m_scalars.readNumber(m_pos);
    if (token.ok()) {
        const QString text = QString::fromLatin1(m_data + m_pos, token.end - m_pos);
        if (text != JsonNumber::textOf(token.value))
            m_result.numberTexts.insert(m_values.pathOfNext(), text);
        else if (!m_result.numberTexts.isEmpty())
            m_result.numberTexts.remove(m_values.pathOfNext()); // an earlier member of that name
    }
    return readScalar(token);
}

// Called with the string's place on the stack: the value about to be delivered, or the
// member whose name it is.
void Reader::noteUnpairedSurrogates(const JsonScalarReader::Token &token, bool inName) {
    for (const qsizetype offset : token.unpairedSurrogates) {
        if (m_result.unpairedSurrogateCount++ >= LenientJsonResult::MaxRecordedRepairs)
            continue;
        m_result.unpairedSurrogates.append(JsonUnpairedSurrogate{
            m_values.pathOfNext(), inName,
            JsonError{offset, 0, 0, QString::fromLatin1(m_text.sliced(offset, 6))}});
    }
}

bool Reader::readScalar(JsonScalarReader::Token token) {
    if (!token.ok())
        return fail(token.errorOffset, token.error);
    m_pos = token.end;
    deliver(token.value);
    return true;
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
    if (!m_result.ok)
        m_values.closeAll(); // so the part read so far can be shown
    m_result.value = m_values.value();

    m_result.locateProblems(m_text);
    return std::move(m_result);
}

} // namespace

LenientJsonResult LenientJson::parse(QByteArrayView json, int maxDepth) {
    return Reader(json, maxDepth < 1 ? 1 : maxDepth).run();
}
