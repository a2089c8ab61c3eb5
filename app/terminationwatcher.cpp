#include "terminationwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <ctime>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_fds[2] = {-1, -1};
volatile std::sig_atomic_t g_received = 0;
timespec g_firstAt{};

// A second Ctrl+C counts only this long after the first: `timeout` and process managers
// signal the process and then its whole group, so one request can arrive twice at once.
constexpr long ForceAfterMs = 300;

long msSince(const timespec &then) {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe
    return long(now.tv_sec - then.tv_sec) * 1000 + (now.tv_nsec - then.tv_nsec) / 1000000;
}

void onSignal(int number) {
    if (g_received) {
        // Ctrl+C again: the user does not want to wait for the graceful stop. A repeated
        // SIGTERM asks for the same graceful stop; whoever means more sends SIGKILL.
        if (number == SIGINT && msSince(g_firstAt) >= ForceAfterMs)
            _exit(128 + number);
        return;
    }
    g_received = number;
    clock_gettime(CLOCK_MONOTONIC, &g_firstAt);
    const char byte = char(number);
    [[maybe_unused]] const ssize_t written = ::write(g_fds[0], &byte, 1);
}

} // namespace

void TerminationWatcher::catchSignals() {
    if (g_fds[0] >= 0)
        return;
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_fds) != 0) {
        g_fds[0] = g_fds[1] = -1;
        return;
    }
    // Also when SIGINT came ignored, as a non-interactive shell starts a background job:
    // `kill -INT` stops the job as Ctrl+C stops it in the foreground.
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

TerminationWatcher::TerminationWatcher(QObject *parent)
    : QObject(parent) {
    catchSignals();
    if (g_fds[1] < 0)
        return;
    // A signal caught before this watcher existed left its byte: the notifier reports it
    // as soon as the event loop runs.
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TerminationWatcher::onReadable);

    // A closed stdout pipe (e.g. `| head`) must not kill the process in the middle of a
    // commit: the write fails with EPIPE instead, and the headless runner stops gracefully.
    std::signal(SIGPIPE, SIG_IGN);
}

TerminationWatcher::~TerminationWatcher() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    delete m_notifier;
    if (g_fds[0] >= 0) {
        ::close(g_fds[0]);
        ::close(g_fds[1]);
        g_fds[0] = g_fds[1] = -1;
    }
}

int TerminationWatcher::receivedSignal() {
    return int(g_received);
}

void TerminationWatcher::onReadable() {
    char byte = 0;
    if (::read(g_fds[1], &byte, 1) == 1)
        Q_EMIT terminationRequested(int(byte));
}
