#pragma once

/**
 * A pane whose item view copies something of its own for Edit → Copy and Ctrl+C (the
 * value of a JSON tree row, an entity field's text, the capture table's cell) rather than
 * the current cell's display text. FocusCopy finds it from the focused view: the view
 * itself or the pane around it.
 */
class CopySource {
public:
    virtual ~CopySource() = default;

    virtual bool canCopySelection() const = 0;
    /// Puts the selection's text on the clipboard.
    virtual void copySelection() = 0;

protected:
    CopySource() = default;
    CopySource(const CopySource &) = default;
    CopySource &operator=(const CopySource &) = default;
};
