#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringView>

/// One step of a JSON path: an object member name or an array index.
struct JsonPathStep {
    QString key;
    qsizetype index = -1;

    bool isIndex() const { return index >= 0; }
    static JsonPathStep member(const QString &key) { return JsonPathStep{key, -1}; }
    static JsonPathStep element(qsizetype index) { return JsonPathStep{QString(), index}; }

    friend bool operator==(const JsonPathStep &, const JsonPathStep &) = default;
};

/**
 * The JSON path notation of contract findings: "Entities.ServiceOrders[0].StartUtc".
 *
 * Members are joined with ".", indexes written as "[n]". A member name that is
 * empty or contains one of . [ ] " \, a space or a control character is written quoted,
 * as ["a.b"] or ["ApiKey "], with " and \ escaped by a backslash. The empty path is the
 * document itself.
 */
class JsonPath {
public:
    /// The steps of `path`; sets *ok to false (and returns no steps) when it is malformed.
    static QList<JsonPathStep> parse(QStringView path, bool *ok = nullptr);
    static QString toString(const QList<JsonPathStep> &steps);

    static QString appendKey(const QString &path, QStringView key);
    static QString appendIndex(const QString &path, qsizetype index);
    /// Whether `key` must be written in the quoted form.
    static bool needsQuoting(QStringView key);

    /// The value at `steps` under `root`, or an undefined QJsonValue when there is none.
    static QJsonValue resolve(const QJsonValue &root, const QList<JsonPathStep> &steps);
    static QJsonValue resolve(const QJsonValue &root, QStringView path);
};
