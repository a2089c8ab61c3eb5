#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <deque>

class QSocketNotifier;

/**
 * One accepted TCP connection as a non-blocking descriptor watched by QSocketNotifiers:
 * the few operations HttpConnection needs, and the half-close that QTcpSocket lacks.
 *
 * QTcpSocket treats the end of the client's input as the end of the connection: it closes
 * the descriptor at once, so a client that sends its request and then shuts its sending
 * side (shutdown(SHUT_WR), RFC 9112 §9.6) never reads the response. Here the end of input
 * is only a state (inputEnded()); the owner answers what it owes and closes when it is done.
 * Reads go straight into the caller's buffer, without a socket buffer in between.
 *
 * POSIX sockets only (the app is built for Debian).
 */
class TcpStream : public QObject {
    Q_OBJECT

public:
    enum class ReadStatus {
        Read,       ///< bytes were appended
        WouldBlock, ///< nothing to read now
        Ended,      ///< the client shut its sending side (no more input will come)
        Failed,     ///< the connection broke (reset); the stream is closed
    };

    /// Takes ownership of descriptor, a connected TCP socket.
    explicit TcpStream(qintptr descriptor, QObject *parent = nullptr);
    ~TcpStream() override;
    TcpStream(const TcpStream &) = delete;
    TcpStream &operator=(const TcpStream &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    quint16 localPort() const { return m_localPort; }

    /// Appends what the kernel holds to buffer, at most maxBytes. Read means some bytes came
    /// (the end of input, if it follows them, is reported by the next call).
    ReadStatus readInto(QByteArray &buffer, qint64 maxBytes);
    /// Reads and drops everything the kernel holds.
    ReadStatus discardInput();
    bool inputEnded() const { return m_inputEnded; }
    /// Whether readyRead() is emitted when input arrives (on by default). Off, TCP pushes
    /// back on the client once the kernel's buffer is full.
    void setReadEnabled(bool enabled);

    /// Sends bytes, queueing what the kernel does not take now. False when the connection
    /// is broken (the stream is then closed and failed() follows).
    bool write(const QByteArray &bytes);
    /// Bytes queued and not yet taken by the kernel.
    qint64 bytesToWrite() const { return m_queuedBytes; }
    /// Shuts the sending side (FIN); input can still be read.
    bool shutdownWrite();
    /// Closes the descriptor (FIN, or RST when input was left unread).
    void close();
    /// Closes with a reset (RST), dropping what is queued.
    void abort();

Q_SIGNALS:
    /// Input (or its end) is waiting to be read.
    void readyRead();
    /// Queued bytes went to the kernel; bytesToWrite() tells what is left.
    void bytesWritten();
    /// The connection broke while writing (reset, broken pipe); the stream is closed.
    void failed();

private:
    void onWritable();
    /// Sends from the queue until the kernel stops taking bytes; false on a broken connection.
    bool drainQueue();
    void fail();

    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    std::deque<QByteArray> m_queue;
    qsizetype m_queueOffset = 0; ///< bytes of m_queue.front() already sent
    qint64 m_queuedBytes = 0;
    bool m_inputEnded = false;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
};
