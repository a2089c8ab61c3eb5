#include "jsonhighlighter.h"

#include <QPalette>
#include <QTextDocument>

namespace {

enum State { Normal = -1, InString = 1 };

bool isDark(const QPalette &palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

// A hue made readable on the palette's base: darker on light themes, lighter on dark.
QColor tone(const QPalette &palette, int hue, int saturation) {
    return QColor::fromHsl(hue, saturation, isDark(palette) ? 175 : 85);
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document) {
    setColors(QPalette());
}

void JsonHighlighter::setBodyFirstLine(int line) {
    m_bodyFirstLine = line;
}

void JsonHighlighter::setEnabled(bool enabled) {
    m_enabled = enabled;
}

void JsonHighlighter::setColors(const QPalette &palette) {
    m_key.setForeground(tone(palette, 210, 160));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(tone(palette, 120, 110));
    m_number.setForeground(tone(palette, 30, 180));
    m_literal.setForeground(tone(palette, 290, 120));
    m_punctuation.setForeground(palette.color(QPalette::PlaceholderText));
    m_headName.setForeground(tone(palette, 210, 160));
    m_headName.setFontWeight(QFont::DemiBold);
    m_requestLine.setFontWeight(QFont::Bold);
}

void JsonHighlighter::highlightHead(const QString &text) {
    if (currentBlock().blockNumber() == 0) {
        setFormat(0, int(text.size()), m_requestLine);
        return;
    }
    const qsizetype colon = text.indexOf(u':');
    if (colon > 0)
        setFormat(0, int(colon), m_headName);
}

void JsonHighlighter::highlightBlock(const QString &text) {
    setCurrentBlockState(Normal);
    if (!m_enabled)
        return;
    if (currentBlock().blockNumber() < m_bodyFirstLine) {
        highlightHead(text);
        return;
    }
    const qsizetype size = text.size();
    qsizetype i = 0;
    if (previousBlockState() == InString) {
        // The string opened on an earlier line (raw line breaks in invalid JSON).
        while (i < size && text.at(i) != u'"')
            i += text.at(i) == u'\\' ? 2 : 1;
        if (i >= size) {
            setFormat(0, int(size), m_string);
            setCurrentBlockState(InString);
            return;
        }
        setFormat(0, int(i + 1), m_string);
        ++i;
    }
    while (i < size) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype start = i++;
            while (i < size && text.at(i) != u'"')
                i += text.at(i) == u'\\' ? 2 : 1;
            if (i >= size) {
                setFormat(int(start), int(size - start), m_string);
                setCurrentBlockState(InString);
                return;
            }
            ++i;
            qsizetype next = i;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool key = next < size && text.at(next) == u':';
            setFormat(int(start), int(i - start), key ? m_key : m_string);
        } else if (c == u'-' || c.isDigit()) {
            const qsizetype start = i;
            while (i < size && (text.at(i).isDigit() || text.at(i) == u'.' || text.at(i) == u'e' ||
                                text.at(i) == u'E' || text.at(i) == u'+' || text.at(i) == u'-'))
                ++i;
            setFormat(int(start), int(i - start), m_number);
        } else if (c.isLetter()) {
            const qsizetype start = i;
            while (i < size && text.at(i).isLetter())
                ++i;
            setFormat(int(start), int(i - start), m_literal);
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':')
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}
