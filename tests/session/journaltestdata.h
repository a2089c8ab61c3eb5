#pragma once

// Shared by the CaptureJournal tests (tst_capturejournal, tst_capturejournalfailures).

#include "sessiontestdata.h"

#include "session/capturereader.h"

#include <QList>

namespace JournalTestData {

inline QList<AnalysedCapture> readAll(const QString &path, bool analyseMissing = false) {
    CaptureReader reader;
    reader.setAnalyseMissing(analyseMissing);
    QString error;
    if (!reader.open(path, &error))
        qFatal("cannot reopen %s: %s", qPrintable(path), qPrintable(error));
    QList<AnalysedCapture> all;
    if (!reader.forEach(
            {},
            [&](const AnalysedCapture &c) {
                all.append(c);
                return true;
            },
            &error))
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(error));
    return all;
}

/// count captures of the same General webhook, numbered from 0.
inline QList<Capture> mixedSamples(int count) {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    QList<Capture> captures;
    for (int n = 0; n < count; ++n)
        captures.append(SessionTestData::webhook(body, n));
    return captures;
}

} // namespace JournalTestData
