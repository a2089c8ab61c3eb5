#pragma once

// A server on loopback for tests of HTTP clients (header-only: each tst_*.cpp is its own
// executable).

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

/// Accepts one connection, reads one request (head and Content-Length body) and answers
/// with `answer`, or never when it is empty.
class OneShotServer : public QObject {
public:
    /// closeAfter: close the connection once the answer is written (an answer whose body
    /// runs to the close).
    explicit OneShotServer(QByteArray answer, bool closeAfter = false)
        : m_answer(std::move(answer))
        , m_closeAfter(closeAfter) {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            connect(m_socket, &QTcpSocket::readyRead, this, [this] { readSome(); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray received() const { return m_received; }
    bool complete() const { return m_complete; }

private:
    void readSome() {
        m_received += m_socket->readAll();
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0 || m_complete)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : m_received.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (m_received.size() < end + 4 + length)
            return;
        m_complete = true;
        if (!m_answer.isEmpty())
            m_socket->write(m_answer);
        if (m_closeAfter)
            m_socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    QByteArray m_answer;
    bool m_closeAfter = false;
    QByteArray m_received;
    bool m_complete = false;
};
