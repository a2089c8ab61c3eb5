#include "pagecachetrimmer.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

PageCacheTrimmer::~PageCacheTrimmer() {
    close();
}

bool PageCacheTrimmer::open(const QString &path, QString *error) {
    close();
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        if (error) {
            *error = QStringLiteral("Cannot open %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        }
        return false;
    }
    m_trimmedTo = 0;
    return true;
}

void PageCacheTrimmer::close() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_trimmedTo = 0;
}

qint64 PageCacheTrimmer::trim(qint64 keepTail) {
    struct stat info {};
    if (m_fd < 0 || ::fstat(m_fd, &info) != 0)
        return -1;
    const qint64 size = info.st_size;
    if (size < m_trimmedTo)
        m_trimmedTo = 0; // the file shrank (VACUUM): what was released may be cached again
    const long page = ::sysconf(_SC_PAGESIZE);
    const qint64 end = (size - keepTail) / page * page;
    if (end <= m_trimmedTo)
        return 0;
    const qint64 released = end - m_trimmedTo;
#ifdef POSIX_FADV_DONTNEED
    if (::posix_fadvise(m_fd, m_trimmedTo, released, POSIX_FADV_DONTNEED) != 0)
        return -1;
#endif
    m_trimmedTo = end;
    return released;
}
