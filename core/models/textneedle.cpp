#include "textneedle.h"

#include <algorithm>

namespace {

constexpr unsigned char fold(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

} // namespace

TextNeedle::TextNeedle(const QString &text)
    : m_text(text) {
    const QByteArray utf8 = text.toUtf8();
    m_ascii = std::all_of(utf8.cbegin(), utf8.cend(),
                          [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!m_ascii)
        return;
    m_folded.resize(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i)
        m_folded[i] = char(fold(static_cast<unsigned char>(utf8.at(i))));
    // Horspool's shift table over raw bytes: both cases of a letter shift alike.
    const qsizetype m = m_folded.size();
    m_skip.fill(m);
    for (qsizetype i = 0; i + 1 < m; ++i) {
        const auto c = static_cast<unsigned char>(m_folded.at(i));
        m_skip[c] = m - 1 - i;
        if (c >= 'a' && c <= 'z')
            m_skip[c - 'a' + 'A'] = m - 1 - i;
    }
}

bool TextNeedle::foundIn(QByteArrayView haystack) const {
    if (m_text.isEmpty())
        return true;
    if (!m_ascii) {
        // Invalid UTF-8 decodes to U+FFFD and simply does not match.
        return QString::fromUtf8(haystack).contains(m_text, Qt::CaseInsensitive);
    }
    const qsizetype m = m_folded.size();
    const qsizetype n = haystack.size();
    const auto *h = reinterpret_cast<const unsigned char *>(haystack.data());
    const auto *needle = reinterpret_cast<const unsigned char *>(m_folded.constData());
    for (qsizetype at = 0; at + m <= n;) {
        qsizetype i = m - 1;
        while (fold(h[at + i]) == needle[i]) {
            if (i == 0)
                return true;
            --i;
        }
        at += m_skip[h[at + m - 1]];
    }
    return false;
}
