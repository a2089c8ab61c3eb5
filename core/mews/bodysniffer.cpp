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

QString hexBytes(QByteArrayView bytes) {
    QString text;
    for (const char c : bytes) {
        if (!text.isEmpty())
            text += u' ';
        text += QStringLiteral("%1").arg(static_cast<unsigned char>(c), 2, 16, QLatin1Char('0'));
    }
    return text.toUpper();
}

ForeignEncoding compressed(const char *format, QByteArrayView magic) {
    return ForeignEncoding{
        QString::fromLatin1(format) +
            QStringLiteral("-compressed data (it starts with %1)").arg(hexBytes(magic)),
        QString()};
}

ForeignEncoding unicodeText(const char *encoding, const char *byteOrder, QByteArrayView bom) {
    const QString how = bom.isEmpty() ? QStringLiteral("without a byte order mark")
                                      : QStringLiteral("with the byte order mark ") + hexBytes(bom);
    return ForeignEncoding{QString::fromLatin1(encoding) + QStringLiteral(" text (") +
                               QString::fromLatin1(byteOrder) + QStringLiteral(", ") + how + u')',
                           QStringLiteral("JSON sent between systems must be UTF-8 (RFC 8259 "
                                          "§8.1)")};
}

} // namespace

ForeignEncoding BodySniffer::foreignEncoding(QByteArrayView body) {
    if (body.startsWith("\x1f\x8b"))
        return compressed("gzip", body.first(2));
    if (body.startsWith("\x28\xb5\x2f\xfd"))
        return compressed("Zstandard", body.first(4));
    // RFC 1950 §2.2: 78 then a byte that makes the pair divisible by 31; of those, the
    // three that zlib writes (78 5E, the fourth, is also the text "x^").
    if (body.startsWith("\x78\x01") || body.startsWith("\x78\x9c") || body.startsWith("\x78\xda"))
        return compressed("zlib", body.first(2));
    if (body.startsWith(QByteArrayView("\0\0\xfe\xff", 4)))
        return unicodeText("UTF-32", "big-endian", body.first(4));
    if (body.startsWith(QByteArrayView("\xff\xfe\0\0", 4)))
        return unicodeText("UTF-32", "little-endian", body.first(4));
    if (body.startsWith("\xfe\xff"))
        return unicodeText("UTF-16", "big-endian", body.first(2));
    if (body.startsWith("\xff\xfe"))
        return unicodeText("UTF-16", "little-endian", body.first(2));
    if (body.size() < 4)
        return {};
    // Without a mark, JSON text begins with an ASCII character, which these encodings
    // write with zero bytes around it.
    const bool zero[4] = {body.at(0) == 0, body.at(1) == 0, body.at(2) == 0, body.at(3) == 0};
    if (zero[0] && zero[1] && zero[2] && !zero[3])
        return unicodeText("UTF-32", "big-endian", {});
    if (!zero[0] && zero[1] && zero[2] && zero[3])
        return unicodeText("UTF-32", "little-endian", {});
    if (zero[0] && !zero[1] && zero[2] && !zero[3])
        return unicodeText("UTF-16", "big-endian", {});
    if (!zero[0] && zero[1] && !zero[2] && zero[3])
        return unicodeText("UTF-16", "little-endian", {});
    return {};
}

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
    if (const ForeignEncoding foreign = foreignEncoding(body); !foreign.isNull())
        return BodySniff{false, foreign.what + how};
    if (looksBinary(rest))
        return BodySniff{false, QStringLiteral("binary data") + how};
    return BodySniff{false, QStringLiteral("text that does not start with { or [") + how};
}
