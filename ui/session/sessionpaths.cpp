#include "sessionpaths.h"

#include "session/sessionfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

QString stamp(const QString &format) {
    return QDateTime::currentDateTime().toString(format);
}

} // namespace

namespace SessionPaths {

bool isHarFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive);
    const QByteArray head = file.read(16);
    if (head.startsWith("SQLite format 3"))
        return false;
    return path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive) ||
           head.trimmed().startsWith('{');
}

QString openProblem(const QString &path) {
    const QFileInfo info(path);
    QString error;
    if (!info.exists())
        return QStringLiteral("%1 does not exist.").arg(QDir::toNativeSeparators(path));
    if (!SessionFile::inspect(path, &error))
        return QStringLiteral("%1 is not a session this version can open: %2")
            .arg(QDir::toNativeSeparators(path), error);
    if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
        return QStringLiteral("%1 is read-only. The window records into the session it shows; "
                              "copy the file somewhere writable, or append it to this session "
                              "(File → Append session).")
            .arg(QDir::toNativeSeparators(path));
    if (SessionFile::isInUse(path))
        return QStringLiteral("%1 is open in another window or instance.")
            .arg(QDir::toNativeSeparators(path));
    return {};
}

QString saveTarget(const QString &path) {
    QString target = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".mwsession");
    return target;
}

QString prepareSaveTarget(const QString &target, const QString &current) {
    QString error;
    if (target == current)
        return QStringLiteral("That is the file the session is in already.");
    if (SessionFile::isInUse(target))
        return QStringLiteral("%1 is open in another window or instance.")
            .arg(QDir::toNativeSeparators(target));
    if (QFileInfo::exists(target) && !SessionFile::remove(target, &error))
        return QStringLiteral("%1 cannot be replaced: %2")
            .arg(QDir::toNativeSeparators(target), error);
    return {};
}

QString appendProblem(const QString &otherPath, const QString &current) {
    QString error;
    if (otherPath == current)
        return QStringLiteral("A session cannot be appended to itself.");
    if (!SessionFile::inspect(otherPath, &error))
        return QStringLiteral("%1 cannot be appended: %2")
            .arg(QDir::toNativeSeparators(otherPath), error);
    return {};
}

QString suggestedSavePath() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    return QDir(dir).filePath(
        QStringLiteral("mews-webhooks-%1.mwsession").arg(stamp(QStringLiteral("yyyyMMdd-HHmm"))));
}

QString keptUnsavedPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/sessions");
    QDir().mkpath(dir);
    return QDir(dir).filePath(
        QStringLiteral("unsaved-%1.mwsession").arg(stamp(QStringLiteral("yyyyMMdd-HHmmss"))));
}

} // namespace SessionPaths
