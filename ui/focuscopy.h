#pragma once

class QAction;
class QWidget;

/**
 * Edit → Copy for whatever widget has the focus, as each copies its own selection:
 * the selected text of line edits, text edits and selectable labels, and for item
 * views what Ctrl+C copies in them (the capture table's cell, a JSON tree value, an
 * entity field, a header or finding row's text).
 */
namespace FocusCopy {

/// Whether focus has anything to copy.
bool canCopy(const QWidget *focus);
/// Copies focus's selection to the clipboard; false when it had none. copyAction is
/// the action whose shortcut is Ctrl+C, if any (it stands aside while the key is sent).
bool copy(QWidget *focus, QAction *copyAction = nullptr);

} // namespace FocusCopy
