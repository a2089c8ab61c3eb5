#pragma once

#include <QPalette>

class QApplication;

/// The look: the system palette by default; MWI_PALETTE=dark or =light forces Fusion with
/// that palette (screenshots, and testing the dark look on a light desktop).
namespace AppStyle {

QPalette darkPalette();
QPalette lightPalette();
/// Applies MWI_PALETTE if set.
void applyFromEnvironment(QApplication &app);
void apply(QApplication &app, const QPalette &palette);

} // namespace AppStyle
