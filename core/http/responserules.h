#pragma once

#include "capture/capture.h"

#include <QString>

/**
 * What a user may ask the listener to answer with, checked the same way for the command
 * line (--response-header) and the window's listener settings.
 *
 * The listener frames every response itself (HttpResponse::make): Content-Length,
 * Transfer-Encoding, Connection and Keep-Alive in a configured header list would be
 * dropped, so they are refused instead of ignored.
 */
namespace ResponseRules {

/// Whether the listener sets (or leaves out) this header field itself.
bool isListenerOwned(QByteArrayView name);
/// Why these response header fields cannot be configured: a name that is not an HTTP
/// token, a control character in a value, or a field the listener sets itself. Names
/// the first such field; empty when they can. HttpListener::checkConfig() applies it.
QString checkHeaders(const HeaderList &headers);

} // namespace ResponseRules
