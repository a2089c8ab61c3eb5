#pragma once

#include "rawtext.h"

#include <QWidget>

class CodeEditor;
class JsonHighlighter;
class QLabel;
class QToolButton;

/**
 * The Raw tab: the request head and body exactly as received (or the body indented,
 * for valid JSON) in a read-only editor with line numbers and JSON highlighting.
 * For invalid JSON the place strict parsing failed is underlined, marked in the
 * gutter, named above the text, and the cursor is put there.
 */
class RawTab : public QWidget {
    Q_OBJECT

public:
    explicit RawTab(QWidget *parent = nullptr);

    void setText(const RawText &raw);
    void showMessage(const QString &message);

    bool prettyRequested() const;
    void setPrettyRequested(bool pretty);

    CodeEditor *editor() const { return m_editor; }
    QString noticeText() const;
    QString errorText() const;
    bool isHighlighting() const;

Q_SIGNALS:
    /// The user switched between the exact bytes and indented JSON.
    void prettyToggled(bool pretty);

protected:
    void changeEvent(QEvent *event) override;

private:
    void markError(qsizetype position);

    CodeEditor *m_editor;
    JsonHighlighter *m_highlighter;
    QLabel *m_error;
    QLabel *m_notice;
    QToolButton *m_raw;
    QToolButton *m_pretty;
};
