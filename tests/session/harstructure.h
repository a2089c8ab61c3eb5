#pragma once

// The HAR 1.2 structure an export must have (header-only: each tst_*.cpp is its own
// executable).

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

/// Problems of a HAR document against the HAR 1.2 structure: required fields and types.
inline QStringList harProblems(const QJsonDocument &document) {
    QStringList problems;
    auto need = [&](const QJsonObject &object, const char *key, QJsonValue::Type type,
                    const QString &where) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.type() != type)
            problems << where + QLatin1Char('.') + QLatin1String(key) +
                            QStringLiteral(" missing or wrong type");
        return value;
    };
    auto nameValues = [&](const QJsonValue &array, const QString &where) {
        for (const QJsonValue &item : array.toArray()) {
            need(item.toObject(), "name", QJsonValue::String, where);
            need(item.toObject(), "value", QJsonValue::String, where);
        }
    };
    const QJsonObject log =
        need(document.object(), "log", QJsonValue::Object, QStringLiteral("")).toObject();
    need(log, "version", QJsonValue::String, QStringLiteral("log"));
    const QJsonObject creator =
        need(log, "creator", QJsonValue::Object, QStringLiteral("log")).toObject();
    need(creator, "name", QJsonValue::String, QStringLiteral("creator"));
    need(creator, "version", QJsonValue::String, QStringLiteral("creator"));
    const QJsonArray entries =
        need(log, "entries", QJsonValue::Array, QStringLiteral("log")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("entries[%1]").arg(i);
        const QJsonObject entry = entries.at(i).toObject();
        const QString started =
            need(entry, "startedDateTime", QJsonValue::String, where).toString();
        if (!QDateTime::fromString(started, Qt::ISODateWithMs).isValid())
            problems << where + QStringLiteral(".startedDateTime is not ISO 8601");
        need(entry, "time", QJsonValue::Double, where);
        need(entry, "cache", QJsonValue::Object, where);
        const QJsonObject request = need(entry, "request", QJsonValue::Object, where).toObject();
        const QString rq = where + QStringLiteral(".request");
        need(request, "method", QJsonValue::String, rq);
        need(request, "url", QJsonValue::String, rq);
        need(request, "httpVersion", QJsonValue::String, rq);
        need(request, "cookies", QJsonValue::Array, rq);
        nameValues(need(request, "headers", QJsonValue::Array, rq),
                   rq + QStringLiteral(".headers"));
        nameValues(need(request, "queryString", QJsonValue::Array, rq),
                   rq + QStringLiteral(".queryString"));
        need(request, "headersSize", QJsonValue::Double, rq);
        need(request, "bodySize", QJsonValue::Double, rq);
        if (request.contains(QStringLiteral("postData"))) {
            const QJsonObject post = request.value(QStringLiteral("postData")).toObject();
            need(post, "mimeType", QJsonValue::String, rq + QStringLiteral(".postData"));
            need(post, "text", QJsonValue::String, rq + QStringLiteral(".postData"));
        }
        const QJsonObject response = need(entry, "response", QJsonValue::Object, where).toObject();
        const QString rs = where + QStringLiteral(".response");
        need(response, "status", QJsonValue::Double, rs);
        need(response, "statusText", QJsonValue::String, rs);
        need(response, "httpVersion", QJsonValue::String, rs);
        need(response, "cookies", QJsonValue::Array, rs);
        nameValues(need(response, "headers", QJsonValue::Array, rs),
                   rs + QStringLiteral(".headers"));
        const QJsonObject content = need(response, "content", QJsonValue::Object, rs).toObject();
        need(content, "size", QJsonValue::Double, rs + QStringLiteral(".content"));
        need(content, "mimeType", QJsonValue::String, rs + QStringLiteral(".content"));
        need(response, "redirectURL", QJsonValue::String, rs);
        need(response, "headersSize", QJsonValue::Double, rs);
        need(response, "bodySize", QJsonValue::Double, rs);
        const QJsonObject timings = need(entry, "timings", QJsonValue::Object, where).toObject();
        for (const char *key : {"send", "wait", "receive"}) {
            if (need(timings, key, QJsonValue::Double, where + QStringLiteral(".timings"))
                    .toDouble() < 0)
                problems << where + QStringLiteral(".timings.") + QLatin1String(key) +
                                QStringLiteral(" < 0");
        }
        for (auto it = entry.constBegin(); it != entry.constEnd(); ++it) {
            static const QStringList standard{
                QStringLiteral("pageref"),    QStringLiteral("startedDateTime"),
                QStringLiteral("time"),       QStringLiteral("request"),
                QStringLiteral("response"),   QStringLiteral("cache"),
                QStringLiteral("timings"),    QStringLiteral("serverIPAddress"),
                QStringLiteral("connection"), QStringLiteral("comment")};
            if (!standard.contains(it.key()) && !it.key().startsWith(QLatin1Char('_')))
                problems << where + QStringLiteral(": custom field without '_': ") + it.key();
        }
    }
    return problems;
}
