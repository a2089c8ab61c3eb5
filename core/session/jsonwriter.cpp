#include "jsonwriter.h"

#include <QString>

#include <algorithm>
#include <charconv>

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_out.append(',');
    m_needComma = true;
}

void JsonWriter::beginObject() {
    separate();
    m_out.append('{');
    m_needComma = false;
}

void JsonWriter::endObject() {
    m_out.append('}');
    m_needComma = true;
}

void JsonWriter::beginArray() {
    separate();
    m_out.append('[');
    m_needComma = false;
}

void JsonWriter::endArray() {
    m_out.append(']');
    m_needComma = true;
}

JsonWriter &JsonWriter::key(QLatin1StringView name) {
    separate();
    escaped(QByteArrayView(name.data(), name.size()));
    m_out.append(':');
    m_afterKey = true;
    return *this;
}

void JsonWriter::escaped(QByteArrayView utf8) {
    static constexpr char Hex[] = "0123456789abcdef";
    m_out.append('"');
    const char *run = utf8.data();
    const char *const end = run + utf8.size();
    for (const char *p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0xef)
            continue;
        if (c == 0xef) {
            // U+FEFF, a byte order mark at the start of a body: QJsonDocument's reader
            // drops it when it comes as UTF-8, and keeps it as an escape.
            if (end - p < 3 || p[1] != char(0xbb) || p[2] != char(0xbf))
                continue;
            m_out.append(run, p - run);
            m_out.append("\\ufeff", 6);
            p += 2;
            run = p + 1;
            continue;
        }
        m_out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"", 2);
            break;
        case '\\':
            m_out.append("\\\\", 2);
            break;
        case '\b':
            m_out.append("\\b", 2);
            break;
        case '\f':
            m_out.append("\\f", 2);
            break;
        case '\n':
            m_out.append("\\n", 2);
            break;
        case '\r':
            m_out.append("\\r", 2);
            break;
        case '\t':
            m_out.append("\\t", 2);
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 0xf]};
            m_out.append(escape, sizeof escape);
            break;
        }
        }
    }
    m_out.append(run, end - run);
    m_out.append('"');
}

void JsonWriter::string(QStringView text) {
    separate();
    escaped(text.toUtf8());
}

void JsonWriter::string(QLatin1StringView text) {
    const QByteArrayView bytes(text.data(), text.size());
    const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= 0; });
    if (ascii) { // ASCII is UTF-8 already, and it is most of what comes this way
        separate();
        escaped(bytes);
    } else {
        string(QString(text));
    }
}

void JsonWriter::utf8(QByteArrayView bytes) {
    separate();
    if (bytes.isValidUtf8())
        escaped(bytes);
    else
        escaped(QString::fromUtf8(bytes).toUtf8());
}

void JsonWriter::number(qint64 value) {
    separate();
    char digits[24];
    const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, value);
    m_out.append(digits, end.ptr - digits);
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
