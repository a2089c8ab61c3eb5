#include "sessioncolumns.h"

#include "sqlitedatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QJsonValue bytesToJson(const QByteArray &bytes) {
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return QJsonObject{{QStringLiteral("base64"), QString::fromLatin1(bytes.toBase64())}};
}

bool bytesFromJson(const QJsonValue &value, QByteArray *bytes) {
    if (value.isString()) {
        *bytes = value.toString().toUtf8();
        return true;
    }
    if (value.isObject()) {
        const QJsonValue encoded = value.toObject().value(QStringLiteral("base64"));
        if (!encoded.isString())
            return false;
        auto decoded = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return false;
        *bytes = *decoded;
        return true;
    }
    return false;
}

} // namespace

namespace SessionColumns {

QString isoUtc(qint64 utcMs) {
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 parseIsoUtc(const QString &text) {
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return -1;
    if (time.timeSpec() == Qt::LocalTime && !text.endsWith(QLatin1Char('Z')) &&
        !text.contains(QLatin1Char('+'))) {
        // No zone given: HAR and Mews times are UTC.
        time.setTimeSpec(Qt::UTC);
    }
    return time.toMSecsSinceEpoch();
}

QString originId(CaptureOrigin origin) {
    switch (origin) {
    case CaptureOrigin::HarImport:
        return QStringLiteral("har-import");
    case CaptureOrigin::Listener:
        break;
    }
    return QStringLiteral("listener");
}

CaptureOrigin originFromId(const QString &id) {
    return id == QLatin1String("har-import") ? CaptureOrigin::HarImport : CaptureOrigin::Listener;
}

WebhookKind kindFromId(const QString &id) {
    for (WebhookKind kind : {WebhookKind::Integration, WebhookKind::General, WebhookKind::OtherJson,
                             WebhookKind::InvalidJson, WebhookKind::NotJson}) {
        if (webhookKindId(kind) == id)
            return kind;
    }
    return WebhookKind::NotJson;
}

FindingSeverity severityFromId(const QString &id) {
    if (id == QLatin1String("error"))
        return FindingSeverity::Error;
    if (id == QLatin1String("warning"))
        return FindingSeverity::Warning;
    return FindingSeverity::Note;
}

QByteArray headersToJson(const HeaderList &headers) {
    QJsonArray array;
    for (const HeaderField &field : headers)
        array.append(QJsonArray{bytesToJson(field.name), bytesToJson(field.value)});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

bool headersFromJson(const QByteArray &json, HeaderList *headers) {
    headers->clear();
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isArray())
        return false;
    const QJsonArray array = document.array();
    headers->reserve(array.size());
    for (const QJsonValue &entry : array) {
        const QJsonArray pair = entry.toArray();
        HeaderField field;
        if (pair.size() != 2 || !bytesFromJson(pair.at(0), &field.name) ||
            !bytesFromJson(pair.at(1), &field.value)) {
            return false;
        }
        headers->append(field);
    }
    return true;
}

QByteArray findingsToJson(const QList<ContractFinding> &findings) {
    QJsonArray array;
    for (const ContractFinding &finding : findings) {
        array.append(QJsonObject{{QStringLiteral("path"), finding.path},
                                 {QStringLiteral("severity"), findingSeverityId(finding.severity)},
                                 {QStringLiteral("message"), finding.message}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<ContractFinding> findingsFromJson(const QByteArray &json) {
    QList<ContractFinding> findings;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    findings.reserve(array.size());
    for (const QJsonValue &entry : array) {
        const QJsonObject object = entry.toObject();
        findings.append({object.value(QStringLiteral("path")).toString(),
                         severityFromId(object.value(QStringLiteral("severity")).toString()),
                         object.value(QStringLiteral("message")).toString()});
    }
    return findings;
}

QByteArray jsonErrorToJson(const JsonError &jsonError) {
    if (!jsonError.isValid())
        return {};
    const QJsonObject object{{QStringLiteral("offset"), jsonError.offset},
                             {QStringLiteral("line"), jsonError.line},
                             {QStringLiteral("column"), jsonError.column},
                             {QStringLiteral("message"), jsonError.message}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

JsonError jsonErrorFromJson(const QByteArray &json) {
    JsonError jsonError;
    if (json.isEmpty())
        return jsonError;
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    if (!object.contains(QStringLiteral("offset")))
        return jsonError;
    jsonError.offset = object.value(QStringLiteral("offset")).toInteger(-1);
    jsonError.line = object.value(QStringLiteral("line")).toInt();
    jsonError.column = object.value(QStringLiteral("column")).toInt();
    jsonError.message = object.value(QStringLiteral("message")).toString();
    return jsonError;
}

QString mediaType(const Capture &capture) {
    QByteArray value = capture.headerValue("Content-Type");
    const qsizetype semicolon = value.indexOf(';');
    if (semicolon >= 0)
        value.truncate(semicolon);
    return QString::fromLatin1(value.trimmed().toLower());
}

} // namespace SessionColumns
