#pragma once

#include "mews/mewsanalysis.h"

#include <QIcon>
#include <QString>

/// The app's SVG icons (resources/icons, compiled in as ":/icons/<name>.svg").
namespace Icons {

/// ":/icons/<name>.svg", cached.
QIcon named(const QString &name);
/// The icon of a contract state ("ok", "errors", "rejected", ...).
QIcon forState(ContractState state);
/// A capture that has no analysis yet.
QIcon pending();
/// An action or discriminator Mews does not document.
QIcon unknown();
/// The application icon.
QIcon application();

} // namespace Icons
