#pragma once

#include "capture/capture.h"

#include <QHostAddress>
#include <QMetaType>

/// The response the listener sends to every accepted request.
struct ResponseSpec {
    int status = 200;
    HeaderList headers{{"Content-Type", "application/json"}};
    QByteArray body = R"({"ok":true})";
    int delayMs = 0; ///< wait before answering, to mimic a slow endpoint

    friend bool operator==(const ResponseSpec &, const ResponseSpec &) = default;
};

/// Everything the listener can be told; the command line and the settings dialog fill it.
struct ListenerConfig {
    static constexpr quint16 DefaultPort = 8089;
    /// A session file keeps a capture's request head, body and response body in one SQLite
    /// row, and SQLite holds at most 1,000,000,000 bytes (953 MiB) in a row: past that the
    /// capture could not be stored, and the listener would answer it, and every request
    /// after it, with 503. These bounds keep every request the listener accepts storable.
    static constexpr qint64 MaxBodyLimit = 900LL * 1024 * 1024;
    static constexpr qint64 MaxResponseBodyBytes = 16LL * 1024 * 1024;

    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = DefaultPort; ///< 0 picks a free port
    QString token;              ///< when set, requests must carry ?Token=<token>
    qint64 maxBodyBytes = 32LL * 1024 * 1024;
    int requestTimeoutMs = 30 * 1000; ///< a whole request must arrive within this time
    int maxConnections = 256;
    qint64 maxHeadBytes = 64 * 1024; ///< request line + headers
    qint64 maxTargetBytes = 8 * 1024;
    ResponseSpec response;

    friend bool operator==(const ListenerConfig &, const ListenerConfig &) = default;
};

Q_DECLARE_METATYPE(ListenerConfig)
