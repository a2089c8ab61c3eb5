#include "sessionpaths.h"

#include "session/fileoperations.h"
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
    if (!SessionFile::check(path, &error))
        return describeFailure(path, QStringLiteral("cannot be opened"), error);
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

QString saveProblem(const QString &target, const QString &current) {
    if (FileOperations::sameFile(target, current))
        return QStringLiteral("That is the file the session is in already.");
    if (QFileInfo(target).isDir())
        return QStringLiteral("%1 is a folder.").arg(QDir::toNativeSeparators(target));
    if (SessionFile::isInUse(target))
        return QStringLiteral("%1 is open in another window or instance.")
            .arg(QDir::toNativeSeparators(target));
    return {};
}

bool replacesUnasked(const QString &path, const QString &target) {
    return QFileInfo(path).absoluteFilePath() != target && QFileInfo::exists(target);
}

QString describeFailure(const QString &path, const QString &failure, const QString &error) {
    const QString shown = QDir::toNativeSeparators(path);
    QString reason = error;
    for (const QString &named : {path, shown, QFileInfo(path).absoluteFilePath()}) {
        if (reason.startsWith(named + QStringLiteral(": "))) {
            reason = reason.sliced(named.size() + 2);
            break;
        }
    }
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    const QLatin1String notSession("not a session file");
    if (reason.startsWith(notSession)) {
        const QString what =
            shown + QStringLiteral(" is not a session file") + reason.sliced(notSession.size());
        if (failure == QLatin1String("cannot be opened"))
            return what + QStringLiteral(": the app opens its sessions (.mwsession) and imports "
                                         "HAR files (.har).");
        return what + QStringLiteral(", so it ") + failure + QLatin1Char('.');
    }
    if (reason.contains(path) || reason.contains(shown))
        return reason + QLatin1Char('.'); // it names the file in a sentence of its own
    return QStringLiteral("%1 %2: %3.").arg(shown, failure, reason);
}

QString appendProblem(const QString &otherPath, const QString &current) {
    QString error;
    if (otherPath == current)
        return QStringLiteral("A session cannot be appended to itself.");
    if (!SessionFile::check(otherPath, &error))
        return describeFailure(otherPath, QStringLiteral("cannot be appended"), error);
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
