#pragma once

#include "http/listenerconfig.h"

class QSettings;

/// The listener configuration the window remembers (QSettings group "listener").
namespace ListenerSettings {

ListenerConfig load(QSettings &settings);
void save(QSettings &settings, const ListenerConfig &config);

/// "Name: value" per line, as the settings dialog edits response headers.
QString headersText(const HeaderList &headers);
/// Parses headersText(); false with *error naming the line that is not "Name: value".
bool parseHeaders(const QString &text, HeaderList *headers, QString *error);

} // namespace ListenerSettings
