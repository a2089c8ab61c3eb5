#pragma once

/**
 * The modal windows on screen: a question, a file dialog, a settings dialog.
 */
namespace ModalDialogs {

/// Cancels every modal window that is open, as Escape would (the recovery question's
/// "Later", a file dialog's Cancel), so that the exec() waiting for each returns. For a
/// termination request: a question left open would keep the application running after
/// its main window closed, and an answer given later could start something new.
/// Returns how many were cancelled.
int cancelAll();

} // namespace ModalDialogs
