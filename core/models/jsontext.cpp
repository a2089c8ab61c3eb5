#include "jsontext.h"

#include "mews/secrets.h"
#include "text/countedtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace JsonText {

namespace {

QString cut(QString text, qsizetype limit) {
    if (limit > 0 && text.size() > limit) {
        text.truncate(limit);
        text += QChar(0x2026);
    }
    return text;
}

QString visible(const QString &text, qsizetype limit) {
    QString out;
    out.reserve(qMin(text.size(), limit > 0 ? limit + 8 : text.size()));
    for (const QChar c : text) {
        if (limit > 0 && out.size() >= limit)
            return cut(out + c, limit);
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f) {
            out += c;
            continue;
        }
        switch (c.unicode()) {
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        }
    }
    return out;
}

} // namespace

QString typeName(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString numberText(double value) {
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9.0e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 17);
}

QString display(const QJsonValue &value, qsizetype limit) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::String:
        return visible(value.toString(), limit);
    case QJsonValue::Array:
        return u'[' + CountedText::plain(value.toArray().size(), "item"_L1, "items"_L1) + u']';
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QString text = u'{' + CountedText::plain(object.size(), "member"_L1, "members"_L1) + u'}';
        // What a reader looks for first in a Mews object: which entity, which kind.
        for (const QLatin1String key : {QLatin1String("Discriminator"), QLatin1String("Id")}) {
            const QJsonValue hint = object.value(key);
            if (hint.isString())
                return cut(text + QStringLiteral(" · ") + key + u' ' + visible(hint.toString(), 0),
                           limit);
        }
        return text;
    }
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString copyText(const QJsonValue &value, bool maskSecrets) {
    QByteArray json;
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        json = QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
        break;
    case QJsonValue::Object:
        json = QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
        break;
    default:
        return display(value, 0);
    }
    return QString::fromUtf8(maskSecrets ? Secrets::maskBody(json) : json);
}

QString masked(const QJsonValue &value) {
    if (value.isString())
        return Secrets::mask(value.toString());
    if (value.isDouble())
        return Secrets::mask(numberText(value.toDouble()));
    return display(value);
}

} // namespace JsonText
