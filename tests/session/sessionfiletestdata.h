#pragma once

// Shared by the SessionFile tests (tst_sessionfile, tst_sessionfileerrors,
// tst_sessionfilecompatibility).

#include "sessiontestdata.h"

#include "session/capturejournal.h"
#include "session/sessionfile.h"
#include "session/sqlitedatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QList>

namespace SessionFileTestData {

inline QByteArray fileHash(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

/// A closed session with the mixed captures, analysed; returns what was written.
inline QList<AnalysedCapture> writeSession(const QString &path, int copies = 1) {
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error))
        qFatal("%s", qPrintable(error));
    QList<AnalysedCapture> written;
    for (int i = 0; i < copies; ++i) {
        QList<Capture> batch = SessionTestData::mixedCaptures();
        if (!journal.commit(batch, &error))
            qFatal("%s", qPrintable(error));
        const QList<AnalysedCapture> analysed = SessionTestData::analyse(batch);
        journal.addAnalyses(analysed);
        written.append(analysed);
    }
    if (!journal.close(&error))
        qFatal("%s", qPrintable(error));
    return written;
}

inline bool runSql(const QString &path, const char *sql) {
    SqliteDatabase db;
    QString error;
    return db.open(path, SqliteDatabase::Mode::ReadWriteCreate, &error) && db.exec(sql, &error);
}

} // namespace SessionFileTestData
