#include "jsonwriter.h"

#include "packedjson.h"

#include <QString>

#include <algorithm>

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_out.append(',');
    m_needComma = true;
}

void JsonWriter::open(char bracket) {
    separate();
    m_out.append(bracket);
    m_needComma = false;
}

void JsonWriter::close(char bracket) {
    m_out.append(bracket);
    m_needComma = true;
}

JsonWriter &JsonWriter::key(QLatin1StringView name) {
    string(name);
    m_out.append(':');
    m_afterKey = true;
    return *this;
}

void JsonWriter::string(QStringView text) {
    separate();
    PackedJson::appendString(m_out, text);
}

void JsonWriter::string(QLatin1StringView text) {
    const QByteArrayView bytes(text.data(), text.size());
    const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= 0; });
    if (ascii) { // ASCII is UTF-8 already, and it is most of what comes this way
        separate();
        appendUtf8(bytes);
    } else {
        string(QString(text));
    }
}

void JsonWriter::utf8(QByteArrayView bytes) {
    if (bytes.isValidUtf8()) {
        separate();
        appendUtf8(bytes);
    } else {
        string(QString::fromUtf8(bytes));
    }
}

void JsonWriter::appendUtf8(QByteArrayView utf8) {
    PackedJson::Appender a(m_out, PackedJson::maxUtf8Size(utf8.size()));
    a.p = PackedJson::writeUtf8(a.p, utf8);
}

void JsonWriter::number(qint64 value) {
    separate();
    PackedJson::Appender a(m_out, PackedJson::MaxIntSize);
    a.p = PackedJson::writeInt(a.p, value);
}

void JsonWriter::boolean(bool value) {
    separate();
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void JsonWriter::null() {
    separate();
    m_out.append("null", 4);
}

void JsonWriter::stringOrNull(QStringView text) {
    if (text.isEmpty())
        null();
    else
        string(text);
}
