#include "rawtab.h"

#include "codeeditor.h"
#include "jsonhighlighter.h"
#include "severitydecoration.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

RawTab::RawTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_highlighter(new JsonHighlighter(m_editor->document()))
    , m_error(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_raw(new QToolButton(this))
    , m_pretty(new QToolButton(this)) {
    for (QLabel *label : {m_error, m_notice}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_raw->setText(QStringLiteral("Raw"));
    m_raw->setToolTip(QStringLiteral("The body byte for byte, as received"));
    m_pretty->setText(QStringLiteral("Pretty"));
    m_pretty->setToolTip(QStringLiteral("Valid JSON indented; every token as received"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *button : {m_raw, m_pretty}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        group->addButton(button);
    }
    m_pretty->setChecked(true);
    connect(m_pretty, &QToolButton::toggled, this, &RawTab::prettyToggled);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_notice, 1);
    bar->addWidget(m_raw);
    bar->addWidget(m_pretty);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);
    m_highlighter->setColors(palette());
    showMessage(QString());
}

void RawTab::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setColors(palette());
        m_highlighter->rehighlight();
    }
    QWidget::changeEvent(event);
}

bool RawTab::prettyRequested() const {
    return m_pretty->isChecked();
}

void RawTab::setPrettyRequested(bool pretty) {
    (pretty ? m_pretty : m_raw)->setChecked(true);
}

QString RawTab::noticeText() const {
    return m_notice->text();
}

QString RawTab::errorText() const {
    return m_error->text();
}

bool RawTab::isHighlighting() const {
    return m_highlighter->isEnabled();
}

void RawTab::showMessage(const QString &message) {
    m_highlighter->setEnabled(false);
    m_editor->setExtraSelections({});
    m_editor->setMarkedLine(-1);
    m_editor->setFirstNumberedLine(0);
    m_editor->clear();
    m_error->setVisible(false);
    m_error->clear();
    m_notice->setText(message);
    m_raw->setEnabled(false);
    m_pretty->setEnabled(false);
}

void RawTab::setText(const RawText &raw) {
    m_highlighter->setEnabled(raw.highlight);
    m_highlighter->setBodyFirstLine(raw.bodyFirstLine);
    m_editor->setExtraSelections({});
    m_editor->setMarkedLine(-1);
    m_editor->setFirstNumberedLine(raw.bodyFirstLine);
    m_editor->setPlainText(raw.text);
    m_notice->setText(raw.notices.join(u' '));
    m_raw->setEnabled(raw.prettyAvailable);
    m_pretty->setEnabled(raw.prettyAvailable);
    m_error->setText(raw.errorText);
    m_error->setVisible(!raw.errorText.isEmpty());
    if (raw.errorPosition >= 0)
        markError(raw.errorPosition);
    else
        m_editor->moveCursor(QTextCursor::Start);
}

void RawTab::markError(qsizetype position) {
    QTextDocument *document = m_editor->document();
    const int at = int(qMin<qsizetype>(position, document->characterCount() - 1));
    QTextCursor cursor(document);
    cursor.setPosition(at);
    // Underline the character at the error (or the one before it at a line end).
    QTextCursor marked = cursor;
    if (marked.atBlockEnd() && !marked.atBlockStart())
        marked.movePosition(QTextCursor::PreviousCharacter);
    marked.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection selection;
    selection.cursor = marked;
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(
        SeverityDecoration::textColor(FindingSeverity::Error, palette()));
    selection.format.setBackground(SeverityDecoration::tint(FindingSeverity::Error, palette()));
    QTextEdit::ExtraSelection line;
    line.cursor = cursor;
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.format.setBackground(palette().color(QPalette::AlternateBase));
    m_editor->setExtraSelections({line, selection});
    m_editor->setMarkedLine(cursor.blockNumber());
    m_editor->setTextCursor(cursor);
    m_editor->centerCursor();
}
