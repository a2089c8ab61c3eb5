#include "focuscopy.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

bool FocusCopy::canCopy(const QWidget *focus) {
    if (const auto *line = qobject_cast<const QLineEdit *>(focus))
        return line->hasSelectedText() && line->echoMode() == QLineEdit::Normal;
    if (const auto *text = qobject_cast<const QTextEdit *>(focus))
        return text->textCursor().hasSelection();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(focus))
        return plain->textCursor().hasSelection();
    if (const auto *label = qobject_cast<const QLabel *>(focus))
        return label->hasSelectedText();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(focus))
        return view->currentIndex().isValid();
    return false;
}

bool FocusCopy::copy(QWidget *focus, QAction *copyAction) {
    if (!canCopy(focus))
        return false;
    if (auto *line = qobject_cast<QLineEdit *>(focus)) {
        line->copy();
    } else if (auto *text = qobject_cast<QTextEdit *>(focus)) {
        text->copy();
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(focus)) {
        plain->copy();
    } else if (auto *label = qobject_cast<QLabel *>(focus)) {
        QApplication::clipboard()->setText(label->selectedText());
    } else {
        // Each view knows what its Ctrl+C copies (a JSON tree or entity form the
        // value's text, the capture table its cell, any other view the current cell's
        // text): ask it the same way. A key press that does not come from the window
        // system tries the shortcuts first, so the action whose shortcut it is stands
        // aside meanwhile.
        const bool wasEnabled = copyAction && copyAction->isEnabled();
        if (wasEnabled)
            copyAction->setEnabled(false);
        QKeyEvent press(QEvent::KeyPress, Qt::Key_C, Qt::ControlModifier, QStringLiteral("c"));
        QApplication::sendEvent(focus, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_C, Qt::ControlModifier, QStringLiteral("c"));
        QApplication::sendEvent(focus, &release);
        if (wasEnabled)
            copyAction->setEnabled(true);
    }
    return true;
}
