#pragma once

// What the headless tests (tst_headless, tst_headlessfiles, tst_headlessrecovery) send and
// count.
#include "session/capturereader.h"

#include <QByteArray>
#include <QString>

namespace HeadlessTestData {

/// A POST of a JSON body to target, as one HTTP/1.1 request.
inline QByteArray post(const QByteArray &target, const QByteArray &body) {
    return "POST " + target +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

/// The captures in a session file; -1 when it cannot be read.
inline qint64 countCaptures(const QString &session) {
    CaptureReader reader;
    QString error;
    if (!reader.open(session, &error))
        return -1;
    return reader.count(&error);
}

} // namespace HeadlessTestData
