#include "http/tcpstream.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// Hands over each accepted descriptor as it is, without a QTcpSocket around it.
class DescriptorServer : public QTcpServer {
public:
    QList<qintptr> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.append(descriptor); }
};

// A blocking client socket on loopback; every receive gives up after two seconds.
class RawClient {
public:
    ~RawClient() {
        if (fd >= 0)
            ::close(fd);
    }
    bool connectTo(quint16 port) {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const timeval timeout{2, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    bool send(const QByteArray &bytes) {
        return ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }
    /// Reads until count bytes came, the stream ended or the timeout passed.
    QByteArray receive(qsizetype count) {
        QByteArray bytes;
        char chunk[65536];
        while (bytes.size() < count) {
            const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0)
                break;
            bytes.append(chunk, qsizetype(got));
        }
        return bytes;
    }
    int fd = -1;
};

} // namespace

class TestTcpStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void knowsBothEnds();
    void answersAfterTheClientShutsItsSide();
    void queuesWhatTheKernelDoesNotTake();
    void resetConnectionFails();
    void pausedReadingLeavesBytesInTheKernel();

private:
    std::unique_ptr<TcpStream> acceptFrom(RawClient &client);

    std::unique_ptr<DescriptorServer> m_server;
};

void TestTcpStream::init() {
    m_server = std::make_unique<DescriptorServer>();
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void TestTcpStream::cleanup() {
    m_server.reset();
}

std::unique_ptr<TcpStream> TestTcpStream::acceptFrom(RawClient &client) {
    if (!client.connectTo(m_server->serverPort()))
        return nullptr;
    if (!QTest::qWaitFor([this] { return !m_server->accepted.isEmpty(); }, 5000))
        return nullptr;
    return std::make_unique<TcpStream>(m_server->accepted.takeFirst());
}

void TestTcpStream::knowsBothEnds() {
    RawClient client;
    const std::unique_ptr<TcpStream> stream = acceptFrom(client);
    QVERIFY(stream);
    sockaddr_in local{};
    socklen_t length = sizeof local;
    QCOMPARE(::getsockname(client.fd, reinterpret_cast<sockaddr *>(&local), &length), 0);
    QCOMPARE(stream->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(stream->peerPort(), ntohs(local.sin_port));
    QCOMPARE(stream->localPort(), m_server->serverPort());
    QVERIFY(stream->isOpen());
}

void TestTcpStream::answersAfterTheClientShutsItsSide() {
    RawClient client;
    const std::unique_ptr<TcpStream> stream = acceptFrom(client);
    QVERIFY(stream);
    QSignalSpy readable(stream.get(), &TcpStream::readyRead);
    QVERIFY(client.send("GET / HTTP/1.1\r\n\r\n"));
    QCOMPARE(::shutdown(client.fd, SHUT_WR), 0);
    QVERIFY(readable.wait(5000));

    QByteArray buffer("kept:");
    QCOMPARE(stream->readInto(buffer, 1 << 20), TcpStream::ReadStatus::Read);
    QCOMPARE(buffer, QByteArray("kept:GET / HTTP/1.1\r\n\r\n"));
    QCOMPARE(stream->readInto(buffer, 1 << 20), TcpStream::ReadStatus::Ended);
    QVERIFY(stream->inputEnded());
    QVERIFY(stream->isOpen());

    // the client only shut its sending side: it still reads what the stream writes
    QVERIFY(stream->write("HTTP/1.1 200 OK\r\n\r\n"));
    stream->close();
    QCOMPARE(client.receive(100), QByteArray("HTTP/1.1 200 OK\r\n\r\n"));
}

void TestTcpStream::queuesWhatTheKernelDoesNotTake() {
    RawClient client;
    const std::unique_ptr<TcpStream> stream = acceptFrom(client);
    QVERIFY(stream);
    QByteArray sent;
    for (int i = 0; sent.size() < 16 * 1024 * 1024; ++i)
        sent += QByteArray::number(i).rightJustified(16, '.');
    QVERIFY(stream->write(sent.first(sent.size() / 2)));
    QVERIFY(stream->write(sent.sliced(sent.size() / 2)));
    // the client reads nothing yet, so loopback's buffers hold a few MiB at most
    QVERIFY2(stream->bytesToWrite() > 0, "the kernel took 16 MiB at once");
    QVERIFY(stream->bytesToWrite() <= sent.size());

    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            char chunk[65536];
            const ssize_t got = ::recv(client.fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (got > 0)
                received.append(chunk, qsizetype(got));
            return received.size() == sent.size();
        },
        10000));
    QCOMPARE(stream->bytesToWrite(), 0);
    QVERIFY(received == sent);
}

void TestTcpStream::resetConnectionFails() {
    RawClient client;
    const std::unique_ptr<TcpStream> stream = acceptFrom(client);
    QVERIFY(stream);
    QSignalSpy readable(stream.get(), &TcpStream::readyRead);
    const linger reset{1, 0};
    ::setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(client.fd);
    client.fd = -1;
    QVERIFY(readable.wait(5000));
    QByteArray buffer;
    QCOMPARE(stream->readInto(buffer, 1024), TcpStream::ReadStatus::Failed);
    QVERIFY(!stream->isOpen());
    QVERIFY(!stream->write("late"));
}

void TestTcpStream::pausedReadingLeavesBytesInTheKernel() {
    RawClient client;
    const std::unique_ptr<TcpStream> stream = acceptFrom(client);
    QVERIFY(stream);
    QSignalSpy readable(stream.get(), &TcpStream::readyRead);
    stream->setReadEnabled(false);
    QVERIFY(client.send("waiting"));
    QVERIFY(!readable.wait(300));
    stream->setReadEnabled(true);
    QVERIFY(readable.wait(5000));
    QByteArray buffer;
    QCOMPARE(stream->readInto(buffer, 1024), TcpStream::ReadStatus::Read);
    QCOMPARE(buffer, QByteArray("waiting"));
}

QTEST_GUILESS_MAIN(TestTcpStream)
#include "tst_tcpstream.moc"
