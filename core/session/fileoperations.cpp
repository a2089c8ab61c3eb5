#include "fileoperations.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QRandomGenerator>
#include <QStringList>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

QString FileOperations::lockPath(const QString &path) {
    // One lock however the file is named: opened through a symbolic link, it would
    // otherwise get a lock of its own, and a second writer the same database.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return (canonical.isEmpty() ? path : canonical) + QStringLiteral(".lock");
}

QString FileOperations::osError(const QString &what, const QString &path) {
    return what + QLatin1Char(' ') + path + QStringLiteral(": ") +
           QString::fromLocal8Bit(std::strerror(errno));
}

bool FileOperations::syncPath(const QString &path, bool directory, QString *error) {
    const int fd = ::open(QFile::encodeName(path).constData(),
                          (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (error)
            *error = osError(QStringLiteral("Cannot sync"), path);
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

namespace {

// "No such file or directory" for a file to be created means its folder is missing; say
// which, and why it could not be made when the nearest folder that exists is not writable.
QString missingFolder(const QString &path) {
    const QString folder = QFileInfo(path).absolutePath();
    if (QFileInfo(folder).isDir())
        return {};
    QString existing = folder;
    while (!QFileInfo(existing).isDir() && existing != QFileInfo(existing).absolutePath())
        existing = QFileInfo(existing).absolutePath();
    QString text = QStringLiteral("the folder %1 does not exist").arg(folder);
    if (::access(QFile::encodeName(existing).constData(), W_OK) != 0) {
        text += QStringLiteral(" and cannot be made in %1: %2")
                    .arg(existing, QString::fromLocal8Bit(std::strerror(errno)));
    }
    return text;
}

} // namespace

bool FileOperations::createPrivateFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error) {
            const QString missing =
                file.error() == QFileDevice::OpenError ? missingFolder(path) : QString();
            *error = QStringLiteral("Cannot create %1: %2")
                         .arg(path, missing.isEmpty() ? file.errorString() : missing);
        }
        return false;
    }
    return true;
}

QString FileOperations::createTemporaryBeside(const QString &target, QString *error) {
    const QFileInfo info(target);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString candidate =
            info.absolutePath() + QStringLiteral("/.") + info.fileName() +
            QStringLiteral(".%1.tmp").arg(QRandomGenerator::global()->generate(), 8, 16,
                                          QLatin1Char('0'));
        if (QFileInfo::exists(candidate))
            continue;
        return createPrivateFile(candidate, error) ? candidate : QString();
    }
    if (error)
        *error = QStringLiteral("Cannot create a temporary file beside %1").arg(target);
    return QString();
}

void FileOperations::removeSideFiles(const QString &path) {
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

bool FileOperations::replaceSession(const QString &from, const QString &target, QString *error) {
    QStringList setAside; // side files of target, renamed to target + ".replaced" + suffix
    const auto aside = [&target](const QString &suffix) {
        return QFile::encodeName(target + QStringLiteral(".replaced") + suffix);
    };
    const auto putBack = [&] {
        const int saved = errno; // the caller may look at why the rename failed (EXDEV)
        for (const QString &suffix : std::as_const(setAside))
            ::rename(aside(suffix).constData(), QFile::encodeName(target + suffix).constData());
        errno = saved;
    };
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (!QFileInfo::exists(target + suffix))
            continue;
        if (::rename(QFile::encodeName(target + suffix).constData(), aside(suffix).constData()) !=
            0) {
            if (error)
                *error = osError(QStringLiteral("Cannot replace"), target);
            putBack();
            return false;
        }
        setAside.append(suffix);
    }
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(target).constData()) != 0) {
        if (error)
            *error = osError(QStringLiteral("Cannot replace"), target);
        putBack();
        return false;
    }
    for (const QString &suffix : std::as_const(setAside))
        ::unlink(aside(suffix).constData());
    return true;
}

bool FileOperations::sameFile(const QString &a, const QString &b) {
    const QFileInfo first(a);
    const QFileInfo second(b);
    if (first.exists() && second.exists())
        return first.canonicalFilePath() == second.canonicalFilePath();
    return first.absoluteFilePath() == second.absoluteFilePath();
}

QString FileOperations::writeError(const QIODevice *device, int savedErrno) {
    const QString reason = device->errorString();
    if (savedErrno == 0 || (!reason.isEmpty() && reason != QLatin1String("Unknown error")))
        return reason;
    return QString::fromLocal8Bit(std::strerror(savedErrno));
}
