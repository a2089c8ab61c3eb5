#pragma once

#include "capture/capture.h"

#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QTest>

// A raw HTTP/1.1 client for the listener tests: sends bytes as given and splits what
// comes back into responses. Waits only through the event loop, so a listener on the
// same thread keeps working.
class HttpTestClient : public QObject {
public:
    struct Response {
        int status = 0;
        HeaderList headers;
        QByteArray body;

        QByteArray header(QByteArrayView name) const {
            for (const HeaderField &field : headers) {
                if (name.compare(field.name, Qt::CaseInsensitive) == 0)
                    return field.value;
            }
            return {};
        }
    };

    explicit HttpTestClient(QObject *parent = nullptr)
        : QObject(parent) {
        connect(&socket, &QTcpSocket::readyRead, this, [this] {
            received += socket.readAll();
            split();
        });
        connect(&socket, &QTcpSocket::disconnected, this, [this] { closedByPeer = true; });
    }

    bool connectTo(quint16 port, const QHostAddress &host = QHostAddress(QHostAddress::LocalHost)) {
        socket.connectToHost(host, port);
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }
    void send(const QByteArray &bytes) {
        socket.write(bytes);
        socket.flush();
    }
    /// Whether the next final response (after those already announced) answers HEAD:
    /// then it has a Content-Length but no body.
    void expectHeadResponse(bool head = true) { m_headFlags.append(head); }
    bool waitForResponses(qsizetype count, int timeoutMs = 5000) {
        return QTest::qWaitFor([this, count] { return responses.size() >= count; }, timeoutMs);
    }
    bool waitForClose(int timeoutMs = 5000) {
        return QTest::qWaitFor([this] { return closedByPeer; }, timeoutMs);
    }
    /// Responses that are not interim (1xx).
    QList<Response> finalResponses() const {
        QList<Response> result;
        for (const Response &response : responses) {
            if (response.status >= 200)
                result.append(response);
        }
        return result;
    }

    QTcpSocket socket;
    QByteArray received;
    QList<Response> responses;
    bool closedByPeer = false;

private:
    void split() {
        for (;;) {
            const qsizetype end = received.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Response response;
            const QList<QByteArray> lines = received.left(end).split('\n');
            response.status = lines.front().mid(9, 3).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
            bool bodyless =
                response.status < 200 || response.status == 204 || response.status == 304;
            if (response.status >= 200 && !m_headFlags.isEmpty())
                bodyless = m_headFlags.front() || bodyless;
            const qsizetype length = bodyless ? 0 : response.header("Content-Length").toLongLong();
            if (received.size() < end + 4 + length)
                return;
            response.body = received.mid(end + 4, length);
            received.remove(0, end + 4 + length);
            if (response.status >= 200 && !m_headFlags.isEmpty())
                m_headFlags.removeFirst();
            responses.append(response);
        }
    }

    QList<bool> m_headFlags;
};
