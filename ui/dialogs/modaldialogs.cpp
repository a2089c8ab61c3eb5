#include "modaldialogs.h"

#include <QApplication>
#include <QDialog>
#include <QPointer>
#include <QWidget>

int ModalDialogs::cancelAll() {
    QList<QPointer<QWidget>> modals;
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (widget->isVisible() && widget->isModal())
            modals.append(widget);
    int cancelled = 0;
    for (const QPointer<QWidget> &widget : std::as_const(modals)) {
        if (!widget) // closing one may have closed another
            continue;
        // What Escape does: a message box clicks its escape button ("Later", "Cancel"),
        // another dialog rejects. A message box without one ignores the close: rejected.
        widget->close();
        if (widget && widget->isVisible())
            if (auto *dialog = qobject_cast<QDialog *>(widget.data()))
                dialog->reject();
        ++cancelled;
    }
    return cancelled;
}
