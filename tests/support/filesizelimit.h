#pragma once

#include <csignal>

#include <sys/resource.h>

/// Lowers this process's file-size limit (RLIMIT_FSIZE) and restores it on scope exit;
/// SIGXFSZ is ignored so an oversized write fails with EFBIG like a full disk would
/// (including a write the kernel takes only part of).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_saved;
        lowered.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit() {
        lift();
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    void lift() {
        if (m_ok)
            setrlimit(RLIMIT_FSIZE, &m_saved);
        m_ok = false;
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};
