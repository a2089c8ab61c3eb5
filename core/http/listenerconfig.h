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
    /// row, and SQLite holds at most 1,000,000,000 bytes (953 MiB) in a row. The journal
    /// refuses a capture past that alone (see CaptureJournal): it keeps it without its
    /// bodies and raw head and answers it 413, and stores the captures after it as usual.
    /// These bounds keep every request the listener accepts storable in full.
    static constexpr qint64 Mebibyte = 1024 * 1024;
    static constexpr qint64 MaxBodyLimit = 900 * Mebibyte;
    static constexpr qint64 MaxResponseBodyBytes = 16 * Mebibyte;
    static constexpr qint64 MaxHeadLimit = Mebibyte;
    // The largest values the command line and the settings dialog take.
    static constexpr int MaxConnectionsLimit = 100000;
    static constexpr int MaxRequestTimeoutSeconds = 24 * 3600;
    static constexpr int MaxResponseDelayMs = 10 * 60 * 1000;

    /// "900 MiB", for messages about the limits above.
    static QString mebibytes(qint64 bytes) {
        return QStringLiteral("%1 MiB").arg(bytes / Mebibyte);
    }

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
