#include "capturetext.h"

#include "mews/contractschema.h"
#include "mews/secrets.h"
#include "session/captureindex.h"
#include "session/sessioncolumns.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QStringList>

#include <cmath>

namespace CaptureText {

QString shortId(const QString &id) {
    constexpr qsizetype Shown = 8;
    return id.size() <= Shown + 1 ? id : id.left(Shown) + QChar(0x2026);
}

QString enterpriseLabel(const CaptureIndex &index, quint32 enterpriseId) {
    if (enterpriseId == 0)
        return {};
    const QString name = index.enterpriseName(enterpriseId);
    return name.isEmpty() ? shortId(index.text(enterpriseId)) : name;
}

QString integrationLabel(const CaptureIndex &index, quint32 integrationId) {
    if (integrationId == 0)
        return {};
    const QString name = index.integrationName(integrationId);
    return name.isEmpty() ? shortId(index.text(integrationId)) : name;
}

QString stateName(ContractState state) {
    switch (state) {
    case ContractState::Ok:
        return QStringLiteral("OK");
    case ContractState::Notes:
        return QStringLiteral("Notes");
    case ContractState::Warnings:
        return QStringLiteral("Warnings");
    case ContractState::Errors:
        return QStringLiteral("Errors");
    case ContractState::InvalidJson:
        return QStringLiteral("Invalid JSON");
    case ContractState::Rejected:
        break;
    }
    return QStringLiteral("Rejected");
}

QString notAnalysedName() {
    return QStringLiteral("Not analysed");
}

QString statusText(int status, ResponseRecord record) {
    switch (record) {
    case ResponseRecord::Answered:
        break;
    case ResponseRecord::NotSent:
    case ResponseRecord::NotInHar:
        return QString(QChar(0x2014));
    case ResponseRecord::Unknown:
        return QStringLiteral("?");
    }
    return QString::number(status);
}

QString noStatusReason(ResponseRecord record) {
    switch (record) {
    case ResponseRecord::Answered:
        break;
    case ResponseRecord::NotSent:
        return QStringLiteral("no response was sent");
    case ResponseRecord::NotInHar:
        return QStringLiteral("no response recorded in the HAR file");
    case ResponseRecord::Unknown:
        return rebuiltUnknown();
    }
    return {};
}

QString rebuiltUnknown() {
    return QStringLiteral("unknown (a salvage rebuilt this capture from its stored request)");
}

QString dataSize(qint64 bytes) {
    static const char *const Units[] = {"KB", "MB", "GB", "TB"};
    if (bytes < 1024)
        return QString::number(qMax<qint64>(bytes, 0)) + QStringLiteral(" B");
    double value = double(bytes) / 1024.0;
    int unit = 0;
    // Round first so 1023.96 KB reads "1.0 MB", not "1024.0 KB".
    while (std::round(value * 10.0) / 10.0 >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QLocale().toString(value, 'f', 1) + QLatin1Char(' ') + QLatin1String(Units[unit]);
}

QString localTime(qint64 utcMs) {
    return QDateTime::fromMSecsSinceEpoch(utcMs).toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString isoUtc(qint64 utcMs) {
    return SessionColumns::isoUtc(utcMs);
}

QString eventsSummary(const CaptureIndex &index, qsizetype position) {
    const EventIndex &events = index.events();
    const qsizetype n = events.countOf(position);
    if (n == 0)
        return {};
    const CaptureIndexRow &row = index.row(position);
    if (row.has(CaptureIndexRow::Analysed) && row.kind == WebhookKind::Integration)
        return index.text(events.at(position, 0).name);
    // Names in order of first appearance; the hash only matters for very long lists.
    QList<quint32> order;
    QList<int> counts;
    QHash<quint32, qsizetype> seen;
    for (qsizetype i = 0; i < n; ++i) {
        const quint32 name = events.at(position, i).name;
        const auto found = seen.constFind(name);
        if (found == seen.cend()) {
            seen.insert(name, order.size());
            order.append(name);
            counts.append(1);
        } else {
            ++counts[found.value()];
        }
    }
    QStringList parts;
    parts.reserve(order.size());
    for (qsizetype i = 0; i < order.size(); ++i) {
        const QString name =
            order.at(i) == 0 ? QStringLiteral("(no discriminator)") : index.text(order.at(i));
        parts.append(counts.at(i) > 1 ? name + QStringLiteral(" ×") + QString::number(counts.at(i))
                                      : name);
    }
    return parts.join(QStringLiteral(", "));
}

size_t enterpriseNamesSignature(const CaptureIndex &index) {
    size_t signature = 0;
    for (quint32 enterprise : index.enterprises())
        signature = qHashMulti(signature, enterprise, index.enterpriseName(enterprise));
    return signature;
}

QString maskedPath(const QString &path) {
    if (!path.contains(QLatin1Char('?')))
        return path;
    return QString::fromUtf8(Secrets::maskTarget(path.toUtf8()));
}

bool isKnownEventName(const QString &name, bool action) {
    const ContractSchema &schema = ContractSchema::instance();
    const EnumDescriptor *names = action ? schema.integrationActions() : schema.events();
    return names && names->find(name) != nullptr;
}

bool isAction(const CaptureIndex &index, qsizetype position) {
    const CaptureIndexRow &row = index.row(position);
    return row.has(CaptureIndexRow::Analysed) && row.kind == WebhookKind::Integration;
}

QString eventName(const CaptureIndex &index, qsizetype position, qsizetype ordinal) {
    const EventIndexRow &event = index.events().at(position, ordinal);
    if (event.name)
        return index.text(event.name);
    return isAction(index, position) ? QStringLiteral("(no action)")
                                     : QStringLiteral("(no discriminator)");
}

QString eventDetail(const CaptureIndex &index, qsizetype position, qsizetype ordinal) {
    const EventIndexRow &event = index.events().at(position, ordinal);
    const QString name = index.text(event.name);
    if (isAction(index, position)) {
        const EnumDescriptor *actions = ContractSchema::instance().integrationActions();
        const EnumValue *value = actions ? actions->find(name) : nullptr;
        return value ? value->description : QStringLiteral("Not a documented action");
    }
    if (event.entityIncluded) {
        return event.collection
                   ? QStringLiteral("Entity embedded in Entities.") + index.text(event.collection)
                   : QStringLiteral("Entity embedded in Entities");
    }
    return QStringLiteral("Mews sends only the Id");
}

QString eventToolTip(const CaptureIndex &index, qsizetype position, qsizetype ordinal) {
    const EventIndexRow &event = index.events().at(position, ordinal);
    const QString name = index.text(event.name);
    const bool action = isAction(index, position);
    if (!isKnownEventName(name, action)) {
        return action ? QStringLiteral("%1 is not one of the documented Integration webhook "
                                       "actions")
                            .arg(eventName(index, position, ordinal))
                      : QStringLiteral("%1 is not one of the documented General webhook "
                                       "discriminators; Mews may have added it")
                            .arg(eventName(index, position, ordinal));
    }
    if (action)
        return eventDetail(index, position, ordinal);
    const EnumValue *value = ContractSchema::instance().event(name);
    QString text =
        value->entity.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, value->entity);
    if (!event.entityIncluded && !value->fetch.isEmpty())
        text += QStringLiteral(". Mews sends only the Id; fetch it with ") + value->fetch;
    else if (event.entityIncluded)
        text += QStringLiteral(". Its state when sent is embedded (the deprecated Entities form)");
    return text;
}

} // namespace CaptureText
