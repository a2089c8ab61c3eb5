#include "bodysniffer.h"

#include "utf8.h"

namespace {

bool looksLikeFormData(QByteArrayView body) {
    // name=value pairs joined by &, without spaces or line breaks: a urlencoded form.
    if (!body.contains('='))
        return false;
    for (char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F)
            return false;
    }
    return true;
}

bool looksBinary(QByteArrayView body) {
    if (body.contains('\0') || !Utf8::isValid(body))
        return true;
    for (char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')
            return true;
    }
    return false;
}

QString describeContentType(QByteArrayView contentType) {
    const QByteArray trimmed = contentType.trimmed().toByteArray();
    if (trimmed.isEmpty())
        return QStringLiteral("no Content-Type");
    return QStringLiteral("Content-Type ") + QString::fromLatin1(trimmed);
}

} // namespace

QByteArray BodySniffer::mediaType(QByteArrayView contentType) {
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView type = semicolon < 0 ? contentType : contentType.first(semicolon);
    return type.trimmed().toByteArray().toLower();
}

bool BodySniffer::isJsonMediaType(QByteArrayView mediaType) {
    return mediaType == "application/json" || mediaType == "text/json" ||
           (mediaType.endsWith("+json") && mediaType.contains('/'));
}

qsizetype BodySniffer::firstSignificantByte(QByteArrayView body) {
    qsizetype i = body.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < body.size() &&
           (body.at(i) == ' ' || body.at(i) == '\t' || body.at(i) == '\n' || body.at(i) == '\r'))
        ++i;
    return i;
}

BodySniff BodySniffer::sniff(QByteArrayView body, QByteArrayView contentType) {
    const QByteArray type = mediaType(contentType);
    const qsizetype first = firstSignificantByte(body);
    if (first >= body.size()) {
        return BodySniff{false, body.isEmpty() ? QStringLiteral("empty body")
                                               : QStringLiteral("the body is only whitespace")};
    }
    const char lead = body.at(first);
    if (lead == '{' || lead == '[') {
        return BodySniff{true, QStringLiteral("the body starts with ") + QLatin1Char(lead) +
                                   QStringLiteral(" (") + describeContentType(contentType) +
                                   QLatin1Char(')')};
    }
    if (isJsonMediaType(type))
        return BodySniff{true, describeContentType(contentType)};

    const QString how = QStringLiteral(" (") + describeContentType(contentType) + QLatin1Char(')');
    const QByteArrayView rest = body.sliced(first);
    if (type == "application/x-www-form-urlencoded" || (type.isEmpty() && looksLikeFormData(rest)))
        return BodySniff{false, QStringLiteral("form data") + how};
    if (type.startsWith("multipart/"))
        return BodySniff{false, QStringLiteral("multipart data") + how};
    if (lead == '<')
        return BodySniff{false, QStringLiteral("XML or HTML markup") + how};
    if (looksBinary(rest))
        return BodySniff{false, QStringLiteral("binary data") + how};
    return BodySniff{false, QStringLiteral("text that does not start with { or [") + how};
}
