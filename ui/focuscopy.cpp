#include "focuscopy.h"

#include "copysource.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace {

// The view itself or the pane that holds it (a JSON tree's tab, the entity form's).
CopySource *sourceOf(const QAbstractItemView *view) {
    for (const QWidget *widget = view; widget; widget = widget->parentWidget()) {
        if (auto *source = dynamic_cast<CopySource *>(const_cast<QWidget *>(widget)))
            return source;
        if (widget->isWindow())
            break;
    }
    return nullptr;
}

} // namespace

bool FocusCopy::canCopy(const QWidget *focus) {
    if (const auto *line = qobject_cast<const QLineEdit *>(focus))
        return line->hasSelectedText() && line->echoMode() == QLineEdit::Normal;
    if (const auto *text = qobject_cast<const QTextEdit *>(focus))
        return text->textCursor().hasSelection();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(focus))
        return plain->textCursor().hasSelection();
    if (const auto *label = qobject_cast<const QLabel *>(focus))
        return label->hasSelectedText();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(focus)) {
        const CopySource *source = sourceOf(view);
        return source ? source->canCopySelection() : view->currentIndex().isValid();
    }
    return false;
}

bool FocusCopy::copy(QWidget *focus) {
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
    } else if (auto *view = qobject_cast<QAbstractItemView *>(focus)) {
        if (CopySource *source = sourceOf(view))
            source->copySelection();
        else // what QAbstractItemView's own Ctrl+C copies
            QApplication::clipboard()->setText(view->currentIndex().data().toString());
    }
    return true;
}
