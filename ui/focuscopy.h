#pragma once

class QWidget;

/**
 * Edit → Copy for whatever widget has the focus, as each copies its own selection:
 * the selected text of line edits, text edits and selectable labels; for an item view
 * what its pane copies (a CopySource: the capture table's cell, a JSON tree value, an
 * entity field), else the current cell's text (a header or finding row).
 */
namespace FocusCopy {

/// Whether focus has anything to copy.
bool canCopy(const QWidget *focus);
/// Copies focus's selection to the clipboard; false when it had none.
bool copy(QWidget *focus);

} // namespace FocusCopy
