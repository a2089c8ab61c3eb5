#include "harbody.h"

#include <QUrl>

QByteArray HarBody::read(const QJsonObject &object, const QString &where, QLatin1StringView which,
                         QStringList *warnings) {
    const QJsonValue text = object.value(QStringLiteral("text"));
    QString encoding = object.value(QStringLiteral("encoding")).toString();
    if (encoding.isEmpty())
        encoding = object.value(QStringLiteral("_encoding")).toString();
    if (!text.isString())
        return {};
    if (encoding.compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0) {
        // Strict, so that text that is not base64 is reported instead of decoded to garbage;
        // line breaks and spaces (MIME-style wrapping) are allowed.
        QByteArray encoded = text.toString().toLatin1();
        encoded.removeIf([](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
        const auto bytes =
            QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (bytes)
            return *bytes;
        warnings->append(where + QStringLiteral("the %1 body is not valid base64; it was left "
                                                "empty")
                                     .arg(which));
        return {};
    }
    if (!encoding.isEmpty()) {
        warnings->append(where +
                         QStringLiteral("the %1 body's encoding \"%2\" is not one HAR defines "
                                        "(only base64); its text was kept as it is, as UTF-8, "
                                        "not decoded")
                             .arg(which, encoding));
    }
    return text.toString().toUtf8();
}

QByteArray HarBody::form(const QJsonArray &params) {
    QList<QByteArray> pairs;
    for (const QJsonValue &param : params) {
        const QJsonObject object = param.toObject();
        pairs.append(QUrl::toPercentEncoding(object.value(QStringLiteral("name")).toString()) +
                     '=' +
                     QUrl::toPercentEncoding(object.value(QStringLiteral("value")).toString()));
    }
    return pairs.join('&');
}
