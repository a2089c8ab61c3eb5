#include "codeeditor.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace {

class Gutter : public QWidget {
public:
    explicit Gutter(CodeEditor *editor)
        : QWidget(editor)
        , m_editor(editor) {}

    QSize sizeHint() const override { return QSize(m_editor->gutterWidth(), 0); }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    CodeEditor *m_editor;
};

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this)) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    updateGutterWidth();
}

void CodeEditor::setFirstNumberedLine(int block) {
    m_firstNumbered = qMax(0, block);
    updateGutterWidth();
    m_gutter->update();
}

void CodeEditor::setMarkedLine(int block) {
    m_marked = block;
    m_gutter->update();
}

int CodeEditor::gutterWidth() const {
    const int lines = qMax(1, blockCount() - m_firstNumbered);
    int digits = 1;
    for (int max = lines; max >= 10; max /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * (digits + 1);
}

void CodeEditor::updateGutterWidth() {
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeEditor::updateGutter(const QRect &rect, int dy) {
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void CodeEditor::resizeEvent(QResizeEvent *event) {
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void CodeEditor::paintGutter(QPaintEvent *event) {
    QPainter painter(m_gutter);
    const QPalette &colors = palette();
    painter.fillRect(event->rect(), colors.color(QPalette::AlternateBase));
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int width = m_gutter->width() - 6;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int number = block.blockNumber();
        if (block.isVisible() && bottom >= event->rect().top()) {
            const QRect line(0, top, width, fontMetrics().height());
            if (number == m_marked) {
                // A marker that does not rely on colour alone: an arrow and bold digits.
                painter.fillRect(QRect(0, top, m_gutter->width(), line.height()),
                                 colors.color(QPalette::Highlight));
                painter.setPen(colors.color(QPalette::HighlightedText));
                painter.drawText(QRect(2, top, width, line.height()), Qt::AlignLeft,
                                 QStringLiteral("▶"));
                QFont bold = font();
                bold.setBold(true);
                painter.setFont(bold);
            } else {
                painter.setPen(colors.color(QPalette::PlaceholderText));
                painter.setFont(font());
            }
            if (number >= m_firstNumbered)
                painter.drawText(line, Qt::AlignRight,
                                 QString::number(number - m_firstNumbered + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}
