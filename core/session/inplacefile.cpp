#include "inplacefile.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

bool isFifo(const QByteArray &path) {
    struct stat info {};
    return ::stat(path.constData(), &info) == 0 && S_ISFIFO(info.st_mode);
}

QString osErrorText(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

InPlaceFile::InPlaceFile(const QString &path, Cancelled cancelled, QObject *parent)
    : QIODevice(parent)
    , m_path(path)
    , m_isCancelled(std::move(cancelled)) {
}

InPlaceFile::~InPlaceFile() {
    close();
}

bool InPlaceFile::stopWaiting() {
    if (m_isCancelled && m_isCancelled()) {
        m_cancelled = true;
        return true;
    }
    return false;
}

bool InPlaceFile::openForWriting() {
    m_cancelled = false;
    const QByteArray path = QFile::encodeName(m_path);
    for (;;) {
        m_fd = ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (m_fd >= 0)
            break;
        const int error = errno;
        // ENXIO: a FIFO that no process has open for reading. A signal ends the
        // poll() early (it is never restarted), so a Ctrl+C is seen at once.
        if (error == EINTR || (error == ENXIO && isFifo(path))) {
            if (stopWaiting()) {
                setErrorString(QStringLiteral("cancelled while waiting for a reader"));
                return false;
            }
            if (error == ENXIO)
                ::poll(nullptr, 0, WaitStepMs);
            continue;
        }
        setErrorString(osErrorText(error));
        return false;
    }
    m_wasOpened = true;
    return QIODevice::open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

void InPlaceFile::close() {
    if (isOpen())
        QIODevice::close();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

qint64 InPlaceFile::readData(char *, qint64) {
    return -1;
}

qint64 InPlaceFile::writeData(const char *data, qint64 size) {
    qint64 done = 0;
    while (done < size) {
        const ssize_t written = ::write(m_fd, data + done, size_t(size - done));
        if (written > 0) {
            done += written;
            continue;
        }
        const int error = written < 0 ? errno : EIO;
        if (error != EINTR && error != EAGAIN && error != EWOULDBLOCK) {
            setErrorString(osErrorText(error));
            return done > 0 ? done : -1;
        }
        if (stopWaiting()) {
            setErrorString(QStringLiteral("cancelled while waiting for the reader"));
            return done > 0 ? done : -1;
        }
        if (error != EINTR) {
            pollfd ready{m_fd, POLLOUT, 0};
            ::poll(&ready, 1, WaitStepMs);
        }
    }
    return done;
}
