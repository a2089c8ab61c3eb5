#include "recentfiles.h"

#include "session/fileoperations.h"

#include <QFileInfo>
#include <QSettings>

namespace {
const QString Key = QStringLiteral("session/recent");
}

RecentFiles::RecentFiles(QSettings &settings)
    : m_settings(settings) {
}

QStringList RecentFiles::files() const {
    QStringList existing;
    for (const QString &path : m_settings.value(Key).toStringList()) {
        if (QFileInfo::exists(path) && !existing.contains(path))
            existing.append(path);
    }
    return existing;
}

void RecentFiles::add(const QString &path) {
    QStringList files = m_settings.value(Key).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // One entry per file, however it was reached (a symbolic link to it, a linked folder).
    files.removeIf([&absolute](const QString &file) {
        return file == absolute || FileOperations::sameFile(file, absolute);
    });
    files.prepend(absolute);
    while (files.size() > MaxFiles)
        files.removeLast();
    write(files);
}

void RecentFiles::remove(const QString &path) {
    QStringList files = m_settings.value(Key).toStringList();
    files.removeAll(path);
    write(files);
}

void RecentFiles::clear() {
    write({});
}

void RecentFiles::write(const QStringList &files) {
    m_settings.setValue(Key, files);
}
