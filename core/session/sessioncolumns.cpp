#include "sessioncolumns.h"

#include "jsonrows.h"
#include "packedjson.h"
#include "sqlitedatabase.h"
#include "text/utctext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVarLengthArray>

namespace {

/// Writes bytes as a JSON string, or as {"base64":"..."} when they are not UTF-8.
char *writeBytes(char *p, const QByteArray &bytes, bool utf8) {
    using namespace PackedJson;
    if (utf8)
        return writeUtf8(p, bytes);
    p = writeRaw(p, "{\"base64\":\"");
    p = writeRaw(p, bytes.toBase64());
    return writeRaw(p, "\"}");
}

qsizetype maxBytesSize(const QByteArray &bytes, bool utf8) {
    return utf8 ? PackedJson::maxUtf8Size(bytes.size()) : 16 + (bytes.size() + 2) / 3 * 4;
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
    return UtcText::iso(utcMs);
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

void appendHeadersJson(QByteArray &out, const HeaderList &headers) {
    using namespace PackedJson;
    // Validity first, so the room to reserve is known: base64 is longer than the text.
    QVarLengthArray<bool, 32> utf8;
    qsizetype bound = 2;
    for (const HeaderField &field : headers) {
        const bool name = field.name.isValidUtf8();
        const bool value = field.value.isValidUtf8();
        utf8.append(name);
        utf8.append(value);
        bound += 4 + maxBytesSize(field.name, name) + maxBytesSize(field.value, value);
    }
    Appender a(out, bound);
    *a.p++ = '[';
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const HeaderField &field = headers.at(i);
        a.p = writeRaw(a.p, i == 0 ? QByteArrayView("[") : QByteArrayView(",["));
        a.p = writeBytes(a.p, field.name, utf8[2 * i]);
        *a.p++ = ',';
        a.p = writeBytes(a.p, field.value, utf8[2 * i + 1]);
        *a.p++ = ']';
    }
    *a.p++ = ']';
}

QByteArray headersToJson(const HeaderList &headers) {
    QByteArray out;
    out.reserve(16 + headers.size() * 48);
    appendHeadersJson(out, headers);
    return out;
}

bool headersFromJson(const QByteArray &json, HeaderList *headers) {
    headers->clear();
    // Nearly always every name and value is a string: read those without building a
    // document. A {"base64": ...} byte string (or anything odd) takes the general path.
    JsonRows rows(json);
    bool plain = !json.isEmpty();
    while (plain && rows.next()) {
        plain = rows.size() == 2 && rows.isString(0) && rows.isString(1);
        if (plain)
            headers->append({rows.text(0).toByteArray(), rows.text(1).toByteArray()});
    }
    if (plain && !rows.failed())
        return true;
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
    using namespace PackedJson;
    const auto bound = [](const ContractFinding &finding) {
        return 64 + maxStringSize(finding.path.size()) + maxStringSize(finding.message.size());
    };
    return writeArray(findings, bound, [](char *p, const ContractFinding &finding) {
        p = writeRaw(p, "{\"path\":");
        p = writeString(p, finding.path);
        p = writeRaw(p, ",\"severity\":\"");
        p = writeRaw(p, finding.severity == FindingSeverity::Error     ? "error"
                        : finding.severity == FindingSeverity::Warning ? "warning"
                                                                       : "note");
        p = writeRaw(p, "\",\"message\":");
        p = writeString(p, finding.message);
        *p++ = '}';
        return p;
    });
}

bool findingsFromJson(const QByteArray &json, QList<ContractFinding> *findings) {
    findings->clear();
    if (json.isEmpty())
        return true;
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parsed);
    if (parsed.error != QJsonParseError::NoError || !document.isArray())
        return false;
    const QJsonArray array = document.array();
    findings->reserve(array.size());
    for (const QJsonValue &entry : array) {
        const QJsonObject object = entry.toObject();
        const QJsonValue path = object.value(QStringLiteral("path"));
        const QJsonValue message = object.value(QStringLiteral("message"));
        bool known = false;
        const FindingSeverity severity =
            findingSeverityFromId(object.value(QStringLiteral("severity")).toString(), &known);
        if (!path.isString() || !message.isString() || !known) {
            findings->clear();
            return false;
        }
        findings->append({path.toString(), severity, message.toString()});
    }
    return true;
}

QByteArray jsonErrorToJson(const JsonError &jsonError) {
    if (!jsonError.isValid())
        return {};
    QJsonObject object{{QStringLiteral("offset"), jsonError.offset},
                       {QStringLiteral("line"), jsonError.line},
                       {QStringLiteral("column"), jsonError.column},
                       {QStringLiteral("message"), jsonError.message}};
    if (jsonError.tooDeep)
        object.insert(QStringLiteral("tooDeep"), true);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool jsonErrorFromJson(const QByteArray &json, JsonError *jsonError) {
    *jsonError = JsonError();
    if (json.isEmpty())
        return true;
    QJsonParseError parsed;
    const QJsonObject object = QJsonDocument::fromJson(json, &parsed).object();
    const QJsonValue offset = object.value(QStringLiteral("offset"));
    const QJsonValue line = object.value(QStringLiteral("line"));
    const QJsonValue column = object.value(QStringLiteral("column"));
    const QJsonValue message = object.value(QStringLiteral("message"));
    if (parsed.error != QJsonParseError::NoError || !offset.isDouble() || !line.isDouble() ||
        !column.isDouble() || !message.isString())
        return false;
    jsonError->offset = offset.toInteger(-1);
    jsonError->line = line.toInt();
    jsonError->column = column.toInt();
    jsonError->message = message.toString();
    jsonError->tooDeep = object.value(QStringLiteral("tooDeep")).toBool();
    return true;
}

QByteArray eventsToJson(const QList<WebhookEvent> &events) {
    using namespace PackedJson;
    const auto bound = [](const WebhookEvent &event) {
        return 16 + MaxIntSize + maxStringSize(event.discriminator.size()) +
               maxStringSize(event.entityId.size()) + maxStringSize(event.collection.size());
    };
    return writeArray(events, bound, [](char *p, const WebhookEvent &event) {
        *p++ = '[';
        p = writeString(p, event.discriminator);
        *p++ = ',';
        p = event.entityId.isEmpty() ? writeRaw(p, "null") : writeString(p, event.entityId);
        p = writeRaw(p, event.known ? ",1" : ",0");
        if (!event.collection.isEmpty() || event.entityIndex >= 0) {
            *p++ = ',';
            p = event.collection.isEmpty() ? writeRaw(p, "null") : writeString(p, event.collection);
        }
        if (event.entityIndex >= 0) {
            *p++ = ',';
            p = writeInt(p, event.entityIndex);
        }
        *p++ = ']';
        return p;
    });
}

bool eventsFromJson(QByteArrayView json, QList<WebhookEvent> *events) {
    events->clear();
    JsonRows rows(json);
    while (rows.next()) {
        WebhookEvent event;
        event.discriminator = QString::fromUtf8(rows.text(EventDiscriminator));
        event.entityId = QString::fromUtf8(rows.text(EventEntityId));
        event.known = rows.integer(EventKnown) != 0;
        event.collection = QString::fromUtf8(rows.text(EventCollection));
        event.entityIndex = int(rows.integer(EventEntityIndex, -1));
        events->append(event);
    }
    return !rows.failed();
}

QByteArray entitiesToJson(const QList<WebhookEntity> &entities) {
    using namespace PackedJson;
    const auto bound = [](const WebhookEntity &entity) {
        return 16 + 2 * MaxIntSize + maxStringSize(entity.collection.size()) +
               maxStringSize(entity.id.size()) + maxStringSize(entity.path.size());
    };
    return writeArray(entities, bound, [](char *p, const WebhookEntity &entity) {
        *p++ = '[';
        p = writeString(p, entity.collection);
        p = writeRaw(p, entity.knownCollection ? ",1," : ",0,");
        p = writeInt(p, entity.indexInCollection);
        *p++ = ',';
        p = entity.id.isEmpty() ? writeRaw(p, "null") : writeString(p, entity.id);
        *p++ = ',';
        p = writeString(p, entity.path);
        if (entity.eventIndex >= 0) {
            *p++ = ',';
            p = writeInt(p, entity.eventIndex);
        }
        *p++ = ']';
        return p;
    });
}

bool entitiesFromJson(QByteArrayView json, QList<WebhookEntity> *entities) {
    entities->clear();
    JsonRows rows(json);
    while (rows.next()) {
        WebhookEntity entity;
        entity.collection = QString::fromUtf8(rows.text(EntityCollection));
        entity.knownCollection = rows.integer(EntityKnownCollection) != 0;
        entity.indexInCollection = int(rows.integer(EntityIndexInCollection));
        entity.id = QString::fromUtf8(rows.text(EntityId));
        entity.path = QString::fromUtf8(rows.text(EntityPath));
        entity.eventIndex = int(rows.integer(EntityEventIndex, -1));
        entities->append(entity);
    }
    return !rows.failed();
}

QString mediaType(const Capture &capture) {
    QByteArray value = capture.headerValue("Content-Type");
    const qsizetype semicolon = value.indexOf(';');
    if (semicolon >= 0)
        value.truncate(semicolon);
    return QString::fromLatin1(value.trimmed().toLower());
}

quint16 portFromColumn(qint64 value, bool *damaged) {
    if (value >= 0 && value <= 0xffff)
        return quint16(value);
    *damaged = true;
    return 0;
}

int statusFromColumn(qint64 value, bool *damaged) {
    if (value == 0 || (value >= 100 && value <= 999))
        return int(value);
    *damaged = true;
    return 0;
}

quint32 sequenceFromColumn(qint64 value, bool *damaged) {
    if (value >= 0 && value <= 0xffffffffLL)
        return quint32(value);
    *damaged = true;
    return 0;
}

} // namespace SessionColumns
