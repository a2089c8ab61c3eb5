#include "harentryscanner.h"

void HarEntryScanner::skipSpace() {
    while (m_at < m_json.size()) {
        const char c = m_json[m_at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_at;
    }
}

bool HarEntryScanner::skipString(QByteArrayView *text) {
    const qsizetype begin = ++m_at; // past the opening quote
    while (m_at < m_json.size()) {
        const char c = m_json[m_at];
        if (c == '"') {
            if (text)
                *text = m_json.sliced(begin, m_at - begin);
            ++m_at;
            return true;
        }
        m_at += c == '\\' ? 2 : 1;
    }
    return false;
}

bool HarEntryScanner::skipValue() {
    if (m_at >= m_json.size())
        return false;
    const char first = m_json[m_at];
    if (first == '"')
        return skipString();
    if (first != '{' && first != '[') {
        // A number, true, false or null: up to the next delimiter.
        const qsizetype begin = m_at;
        while (m_at < m_json.size() && !QByteArrayView(",:]}\" \t\r\n").contains(m_json[m_at]))
            ++m_at;
        return m_at > begin;
    }
    qsizetype depth = 0;
    while (m_at < m_json.size()) {
        const char c = m_json[m_at];
        if (c == '"') {
            if (!skipString())
                return false;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                ++m_at;
                return true;
            }
        }
        ++m_at;
    }
    return false;
}

bool HarEntryScanner::findMember(QByteArrayView name) {
    if (!at('{'))
        return false;
    ++m_at;
    for (;;) {
        skipSpace();
        QByteArrayView key;
        if (!at('"') || !skipString(&key))
            return false;
        skipSpace();
        if (!at(':'))
            return false;
        ++m_at;
        skipSpace();
        if (key == name)
            return true;
        if (!skipValue())
            return false;
        skipSpace();
        if (!at(','))
            return false; // the end of the object, or bad syntax
        ++m_at;
    }
}

bool HarEntryScanner::failAt(const QString &what, QString *error) const {
    if (error)
        *error = QStringLiteral("%1 at byte %2").arg(what).arg(m_at);
    return false;
}

bool HarEntryScanner::start(QString *error) {
    // Notepad and some exporters begin UTF-8 with a byte order mark; JSON allows it to be
    // ignored (RFC 8259 §8.1).
    const qsizetype bom = m_json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    m_at = bom;
    m_first = true;
    skipSpace();
    if (m_at >= m_json.size()) {
        if (error)
            *error = QStringLiteral("the file is empty");
        return false;
    }
    if (m_json.startsWith("\xFF\xFE") || m_json.startsWith("\xFE\xFF")) {
        if (error)
            *error = QStringLiteral("it is UTF-16 text; HAR files are UTF-8 (save it as UTF-8)");
        return false;
    }
    if (!at('{'))
        return failAt(QStringLiteral("it is not a JSON object"), error);
    if (!skipValue())
        return failAt(QStringLiteral("the JSON ends before it is complete"), error);
    skipSpace();
    if (m_at != m_json.size())
        return failAt(QStringLiteral("unexpected text after the JSON object"), error);

    m_at = bom;
    skipSpace();
    if (!findMember("log") || !at('{')) {
        if (error)
            *error = QStringLiteral("it has no \"log\" object");
        return false;
    }
    if (!findMember("entries") || !at('[')) {
        if (error)
            *error = QStringLiteral("its log has no \"entries\" array");
        return false;
    }
    ++m_at; // into the array
    return true;
}

bool HarEntryScanner::next(QByteArrayView *entry, qsizetype *offset) {
    skipSpace();
    if (!m_first) {
        if (!at(','))
            return false; // the closing bracket (or bad syntax, which start() ruled out)
        ++m_at;
        skipSpace();
    }
    if (at(']'))
        return false;
    const qsizetype begin = m_at;
    if (!skipValue())
        return false;
    m_first = false;
    *entry = m_json.sliced(begin, m_at - begin);
    *offset = begin;
    return true;
}
