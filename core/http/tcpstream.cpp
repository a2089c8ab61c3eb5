#include "tcpstream.h"

#include <QSocketNotifier>

#include <cerrno>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// Bytes read per recv() call; a webhook request usually fits in one.
constexpr qsizetype ReadChunkBytes = 64 * 1024;

quint16 portOf(const sockaddr_storage &address) {
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return 0;
}

bool wouldBlock(int error) {
    return error == EAGAIN || error == EWOULDBLOCK;
}

} // namespace

TcpStream::TcpStream(qintptr descriptor, QObject *parent)
    : QObject(parent)
    , m_fd(int(descriptor)) {
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        m_peerAddress = QHostAddress(reinterpret_cast<const sockaddr *>(&address));
        m_peerPort = portOf(address);
    }
    length = sizeof address;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        m_localPort = portOf(address);

    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &TcpStream::readyRead);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &TcpStream::onWritable);
}

TcpStream::~TcpStream() {
    close();
}

TcpStream::ReadStatus TcpStream::readInto(QByteArray &buffer, qint64 maxBytes) {
    if (m_fd < 0)
        return ReadStatus::Failed;
    if (m_inputEnded)
        return ReadStatus::Ended;
    char chunk[ReadChunkBytes];
    qint64 total = 0;
    while (total < maxBytes) {
        const auto room = size_t(qMin<qint64>(ReadChunkBytes, maxBytes - total));
        const ssize_t got = ::recv(m_fd, chunk, room, 0);
        if (got > 0) {
            buffer.append(chunk, qsizetype(got));
            total += got;
            if (size_t(got) < room)
                break; // the kernel had no more
            continue;
        }
        if (got == 0) {
            if (total > 0)
                break; // report the bytes now, the end with the next call
            m_inputEnded = true;
            m_readNotifier->setEnabled(false); // an ended input stays readable forever
            return ReadStatus::Ended;
        }
        if (errno == EINTR)
            continue;
        if (wouldBlock(errno))
            break;
        if (total > 0)
            break; // the error shows again with the next call
        close();
        return ReadStatus::Failed;
    }
    return total > 0 ? ReadStatus::Read : ReadStatus::WouldBlock;
}

TcpStream::ReadStatus TcpStream::discardInput() {
    QByteArray dropped;
    // Bounded, so a client that never stops sending cannot hold the thread; the notifier
    // fires again for the rest.
    for (int round = 0; round < 16; ++round) {
        dropped.clear();
        const ReadStatus status = readInto(dropped, ReadChunkBytes);
        if (status != ReadStatus::Read)
            return round > 0 && status == ReadStatus::WouldBlock ? ReadStatus::Read : status;
    }
    return ReadStatus::Read;
}

void TcpStream::setReadEnabled(bool enabled) {
    if (m_readNotifier)
        m_readNotifier->setEnabled(enabled && !m_inputEnded);
}

bool TcpStream::write(const QByteArray &bytes) {
    if (m_fd < 0)
        return false;
    if (bytes.isEmpty())
        return true;
    qsizetype offset = 0;
    if (m_queue.empty()) {
        ssize_t sent;
        do {
            sent = ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
        } while (sent < 0 && errno == EINTR);
        if (sent == bytes.size())
            return true;
        if (sent < 0 && !wouldBlock(errno)) {
            close();
            return false;
        }
        offset = qMax<qsizetype>(sent, 0);
        m_queueOffset = offset;
    }
    m_queue.push_back(bytes);
    m_queuedBytes += bytes.size() - offset;
    m_writeNotifier->setEnabled(true);
    return true;
}

bool TcpStream::drainQueue() {
    while (!m_queue.empty()) {
        const QByteArray &front = m_queue.front();
        const qsizetype left = front.size() - m_queueOffset;
        const ssize_t sent =
            ::send(m_fd, front.constData() + m_queueOffset, size_t(left), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return wouldBlock(errno);
        }
        m_queuedBytes -= sent;
        if (sent < left) {
            m_queueOffset += sent;
            return true;
        }
        m_queue.pop_front();
        m_queueOffset = 0;
    }
    return true;
}

void TcpStream::onWritable() {
    if (m_fd < 0)
        return;
    if (!drainQueue()) {
        fail();
        return;
    }
    if (m_queue.empty())
        m_writeNotifier->setEnabled(false);
    Q_EMIT bytesWritten();
}

bool TcpStream::shutdownWrite() {
    return m_fd >= 0 && ::shutdown(m_fd, SHUT_WR) == 0;
}

void TcpStream::close() {
    if (m_fd < 0)
        return;
    // The notifiers must go before their descriptor does.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_queue.clear();
    m_queueOffset = 0;
    m_queuedBytes = 0;
}

void TcpStream::abort() {
    if (m_fd < 0)
        return;
    const linger reset{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close();
}

void TcpStream::fail() {
    close();
    Q_EMIT failed();
}
