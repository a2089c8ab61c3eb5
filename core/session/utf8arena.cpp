#include "utf8arena.h"

#include <QByteArray>

#include <cstring>

QByteArrayView Utf8Arena::add(QStringView text) {
    if (text.isEmpty())
        return {};
    const qsizetype start = m_bytes.size();
    Q_ASSERT(start + capacityFor(text) <= m_bytes.capacity());
    m_bytes.resize(start + text.size());
    char *out = m_bytes.data() + start;
    const char16_t *in = text.utf16();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (in[i] >= 0x80) { // not ASCII: the whole string the slow way
            const QByteArray utf8 = text.toUtf8();
            m_bytes.resize(start + utf8.size());
            out = m_bytes.data() + start;
            std::memcpy(out, utf8.constData(), size_t(utf8.size()));
            return {out, utf8.size()};
        }
        out[i] = char(in[i]);
    }
    return {out, text.size()};
}
