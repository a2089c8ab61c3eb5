#pragma once

#include "capture/capture.h"
#include "http/httplistener.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

// What the listener and connection tests share: a listener on port 0 that keeps every
// capture it emits, and a few ways to build and watch raw requests.

inline const QByteArray Token = "s3cr3t-T0ken+/=9a7f";

// Whether bytes have reached a socket at the operating-system level, without reading them.
inline bool hasUnreadBytes(QTcpSocket &socket) {
    char byte = 0;
    return socket.bytesAvailable() > 0 ||
           ::recv(int(socket.socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

inline QByteArray post(const QByteArray &target, const QByteArray &body,
                       const QByteArray &extra = {}) {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// One listener on port 0 and every capture it emits.
struct Fixture {
    explicit Fixture(ListenerConfig config = ListenerConfig()) {
        config.port = 0;
        QObject::connect(&listener, &HttpListener::captured, [this](const QList<Capture> &batch) {
            batches.append(batch);
            captures += batch;
        });
        started = listener.start(config);
        port = listener.serverPort();
    }

    bool waitForCaptures(qsizetype count, int timeoutMs = 5000) {
        return QTest::qWaitFor([this, count] { return captures.size() >= count; }, timeoutMs);
    }

    HttpListener listener;
    bool started = false;
    quint16 port = 0;
    QList<QList<Capture>> batches;
    QList<Capture> captures;
};
