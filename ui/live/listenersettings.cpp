#include "listenersettings.h"

#include <QSettings>

namespace ListenerSettings {

ListenerConfig load(QSettings &settings) {
    ListenerConfig config;
    settings.beginGroup(QStringLiteral("listener"));
    const QHostAddress address(settings.value(QStringLiteral("bind")).toString());
    if (!address.isNull())
        config.bindAddress = address;
    bool ok = false;
    const uint port = settings.value(QStringLiteral("port")).toUInt(&ok);
    if (ok && port <= 65535)
        config.port = quint16(port);
    config.token = settings.value(QStringLiteral("token")).toString();
    const auto number = [&](const QString &key, auto fallback) {
        bool valid = false;
        const qint64 value = settings.value(key).toLongLong(&valid);
        return valid && value >= 0 ? decltype(fallback)(value) : fallback;
    };
    config.maxBodyBytes = number(QStringLiteral("maxBodyBytes"), config.maxBodyBytes);
    config.requestTimeoutMs = number(QStringLiteral("requestTimeoutMs"), config.requestTimeoutMs);
    config.maxConnections = number(QStringLiteral("maxConnections"), config.maxConnections);
    config.response.status = number(QStringLiteral("responseStatus"), config.response.status);
    config.response.delayMs = number(QStringLiteral("responseDelayMs"), config.response.delayMs);
    if (settings.contains(QStringLiteral("responseBody")))
        config.response.body = settings.value(QStringLiteral("responseBody")).toByteArray();
    if (settings.contains(QStringLiteral("responseHeaders"))) {
        HeaderList headers;
        QString error;
        if (parseHeaders(settings.value(QStringLiteral("responseHeaders")).toString(), &headers,
                         &error))
            config.response.headers = headers;
    }
    settings.endGroup();
    return config;
}

void save(QSettings &settings, const ListenerConfig &config) {
    settings.beginGroup(QStringLiteral("listener"));
    settings.setValue(QStringLiteral("bind"), config.bindAddress.toString());
    settings.setValue(QStringLiteral("port"), config.port);
    settings.setValue(QStringLiteral("token"), config.token);
    settings.setValue(QStringLiteral("maxBodyBytes"), config.maxBodyBytes);
    settings.setValue(QStringLiteral("requestTimeoutMs"), config.requestTimeoutMs);
    settings.setValue(QStringLiteral("maxConnections"), config.maxConnections);
    settings.setValue(QStringLiteral("responseStatus"), config.response.status);
    settings.setValue(QStringLiteral("responseDelayMs"), config.response.delayMs);
    settings.setValue(QStringLiteral("responseBody"), config.response.body);
    settings.setValue(QStringLiteral("responseHeaders"), headersText(config.response.headers));
    settings.endGroup();
}

QString headersText(const HeaderList &headers) {
    QStringList lines;
    for (const HeaderField &field : headers)
        lines.append(QString::fromLatin1(field.name) + QStringLiteral(": ") +
                     QString::fromUtf8(field.value));
    return lines.join(QLatin1Char('\n'));
}

bool parseHeaders(const QString &text, HeaderList *headers, QString *error) {
    HeaderList parsed;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = colon > 0 ? line.left(colon).trimmed() : QString();
        bool token = !name.isEmpty();
        for (const QChar c : name)
            token = token && c.unicode() > 32 && c.unicode() < 127 &&
                    !QStringLiteral("\"(),/:;<=>?@[\\]{}").contains(c);
        if (!token) {
            if (error)
                *error = QStringLiteral("line %1 is not \"Name: value\": %2").arg(i + 1).arg(line);
            return false;
        }
        parsed.append({name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    *headers = parsed;
    return true;
}

} // namespace ListenerSettings
