#pragma once

#include <QPlainTextEdit>

/**
 * A read-only QPlainTextEdit with a line-number gutter, as the Raw tab needs it:
 * lines before firstNumberedLine() (the request head) are not numbered, so the
 * numbers match the body's own line numbers in parser messages, and one line can
 * carry an error marker in the gutter.
 */
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit CodeEditor(QWidget *parent = nullptr);

    void setFirstNumberedLine(int block);
    int firstNumberedLine() const { return m_firstNumbered; }
    /// Marks a line (block number) in the gutter; -1 for none.
    void setMarkedLine(int block);
    int markedLine() const { return m_marked; }

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);

    QWidget *m_gutter;
    int m_firstNumbered = 0;
    int m_marked = -1;
};
