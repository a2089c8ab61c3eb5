#include "livesession.h"

#include "sessionschema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace LiveSession {

QString directory() {
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/live");
    QDir().mkpath(dir);
    return dir;
}

QString newPath(const QString &dir) {
    const QString base = dir.isEmpty() ? directory() : dir;
    const QString stem =
        QStringLiteral("live-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
        QLatin1Char('-') + QString::number(QCoreApplication::applicationPid());
    const QString suffix = QLatin1Char('.') + QLatin1String(SessionSchema::FileSuffix);
    QString path = base + QLatin1Char('/') + stem + suffix;
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = base + QLatin1Char('/') + stem + QLatin1Char('-') + QString::number(n) + suffix;
    return path;
}

QList<SessionInfo> findRecoverable(const QString &dir) {
    const QDir live(dir.isEmpty() ? directory() : dir);
    QList<SessionInfo> found;
    const QStringList names = live.entryList(
        {QStringLiteral("*.") + QLatin1String(SessionSchema::FileSuffix)}, QDir::Files);
    for (const QString &name : names) {
        const QString path = live.filePath(name);
        if (SessionFile::isInUse(path))
            continue; // another window or instance is recording into it
        QString error;
        const std::optional<SessionInfo> info = SessionFile::inspect(path, &error);
        if (!info) {
            qWarning("LiveSession: ignoring %s", qPrintable(error));
            continue;
        }
        if (info->captureCount == 0) {
            SessionFile::remove(path, nullptr);
            continue;
        }
        if (!info->cleanShutdown)
            found.append(*info);
    }
    std::sort(found.begin(), found.end(), [](const SessionInfo &a, const SessionInfo &b) {
        return a.createdUtc > b.createdUtc;
    });
    return found;
}

bool recoverTo(const QString &path, const QString &target, QString *error) {
    return SessionFile::move(path, target, error);
}

bool discard(const QString &path, QString *error) {
    if (SessionFile::isInUse(path)) {
        if (error)
            *error = QStringLiteral("%1 is open in a running instance of the app").arg(path);
        return false;
    }
    return SessionFile::remove(path, error);
}

} // namespace LiveSession
