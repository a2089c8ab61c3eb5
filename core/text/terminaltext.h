#pragma once

#include <QString>
#include <QStringView>

/**
 * Text from a request (a target, a name in a body) made safe to print on a terminal
 * as one line: control characters (C0, DEL, C1), Unicode format characters (bidi
 * overrides, zero-width spaces) and line or paragraph separators are written as
 * escapes ("\x1b", "\u202e"). Printed raw, a body could move the cursor, set the
 * window title or recolour the terminal, make text read in another order, or split
 * one capture's line into several.
 */
namespace TerminalText {

/// Whether c is shown as an escape by escaped().
inline bool isHidden(QChar c) {
    const char16_t u = c.unicode();
    if (u >= 0x20 && u < 0x7F)
        return false; // printable ASCII, nearly every character of a line
    if (u <= 0x9F)
        return true; // C0 controls, DEL, C1 controls
    const QChar::Category category = c.category();
    return category == QChar::Other_Format || category == QChar::Separator_Line ||
           category == QChar::Separator_Paragraph;
}

/// text with every isHidden() character written as \xNN (up to U+00FF) or \uNNNN. Text
/// with nothing to escape comes back as it is, shared rather than copied.
inline QString escaped(const QString &text) {
    qsizetype first = 0;
    while (first < text.size() && !isHidden(text.at(first)))
        ++first;
    if (first == text.size())
        return text;
    QString out;
    out.reserve(text.size() + 8);
    out.append(QStringView(text).first(first));
    for (qsizetype i = first; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!isHidden(c)) {
            out += c;
            continue;
        }
        const char16_t u = c.unicode();
        out += u <= 0xFF ? QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, u'0')
                         : QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
    }
    return out;
}

} // namespace TerminalText
