#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

/**
 * Colours JSON in the Raw tab: member names, strings, numbers, true/false/null
 * and punctuation, plus the header names of the request head above the body.
 * Colours are derived from the palette, so dark themes stay readable. Strings that
 * run over a line end (invalid JSON) continue on the next line.
 */
class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    /// Lines before this one are the request head.
    void setBodyFirstLine(int line);
    /// Takes colours from a palette (call again when it changes).
    void setColors(const QPalette &palette);
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightHead(const QString &text);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
    QTextCharFormat m_headName;
    QTextCharFormat m_requestLine;
    int m_bodyFirstLine = 0;
    bool m_enabled = true;
};
