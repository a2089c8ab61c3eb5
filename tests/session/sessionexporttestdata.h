#pragma once

// Shared by the SessionExport tests (tst_sessionexportdamage, tst_sessionexporttarget).

#include <QByteArray>
#include <QFile>
#include <QString>

namespace SessionExportTestData {

inline QByteArray fileBytes(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace SessionExportTestData
