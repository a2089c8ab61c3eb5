#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

/**
 * The bytes of a HAR body: a request's postData or a response's content. HAR keeps a body
 * as text, base64 when its "encoding" says so (Chrome writes "_encoding"); a request may
 * give only the fields of a form.
 */
namespace HarBody {

/// The body of postData or content, or empty when it has no text. Text that is not valid
/// base64 where it says so is left empty, and an encoding HAR does not define is kept as
/// text; each adds a warning to *warnings, prefixed with where ("entry 3: ") and naming
/// which body it is ("request" or "response").
QByteArray read(const QJsonObject &object, const QString &where, QLatin1StringView which,
                QStringList *warnings);
/// postData.params as an application/x-www-form-urlencoded body.
QByteArray form(const QJsonArray &params);

} // namespace HarBody
