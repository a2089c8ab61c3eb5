#include "listenerhost.h"

#include "bindaddress.h"
#include "httplistener.h"

#include <QSemaphore>

#include <mutex>

ListenerHost::ListenerHost(QObject *parent)
    : QObject(parent)
    , m_context(new QObject) {
    qRegisterMetaType<Capture>();
    qRegisterMetaType<QList<Capture>>();
    qRegisterMetaType<ListenerConfig>();
    qRegisterMetaType<ListenerFailure>();
    qRegisterMetaType<QHostAddress>();
    m_thread.setObjectName(QStringLiteral("mwi-listener"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

ListenerHost::~ListenerHost() {
    m_pendingStart.reset();
    stopAndWait(DefaultGraceMs);
    m_thread.quit();
    m_thread.wait();
    delete m_listener; // only if the thread did not get to it
    delete m_context;
}

bool ListenerHost::stopAndWait(int graceMs) {
    m_pendingStart.reset();
    // Without this object's event loop: stop on the listener thread and wait for it there.
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        m_context,
        [this, done, graceMs] {
            if (!m_listener) {
                done->release();
                return;
            }
            QObject::disconnect(m_listener, &HttpListener::stopped, nullptr, nullptr);
            QObject::connect(
                m_listener, &HttpListener::stopped, m_context,
                [this, done] {
                    delete m_listener;
                    m_listener = nullptr;
                    done->release();
                },
                Qt::QueuedConnection);
            m_listener->stop(graceMs);
        },
        Qt::QueuedConnection);
    // the listener cuts connections off at the grace deadline; the margin covers the sweep
    const bool finished = done->tryAcquire(1, graceMs + 3000);
    m_state = State::Idle;
    return finished;
}

void ListenerHost::setCommitterFactory(CommitterFactory factory) {
    m_factory = std::move(factory);
}

void ListenerHost::start(const ListenerConfig &config) {
    if (m_state != State::Idle) {
        m_pendingStart = config;
        stop();
        return;
    }
    m_state = State::Running;
    m_config = config;
    QMetaObject::invokeMethod(
        m_context, [this, config, factory = m_factory] { startOnThread(config, factory); },
        Qt::QueuedConnection);
}

bool ListenerHost::setConfig(const ListenerConfig &config, QString *error) {
    const QString problem = HttpListener::checkConfig(config);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    if (m_state != State::Running) {
        m_config = config;
        if (m_pendingStart)
            m_pendingStart = config;
        return true;
    }
    if (!BindAddress::sameEndpoint(config, m_config))
        return rebind(config, error);
    m_config = config;
    QMetaObject::invokeMethod(
        m_context,
        [this, config] {
            if (m_listener)
                m_listener->setConfig(config);
        },
        Qt::QueuedConnection);
    return true;
}

bool ListenerHost::rebind(const ListenerConfig &config, QString *error) {
    // Whichever side takes the mutex first decides: the listener thread takes the rebind
    // up (and this side then waits for it, a bind being non-blocking), or this side
    // withdraws it and the listener thread later skips it. Never both, so the answer
    // given here is always what happened.
    struct Outcome {
        std::mutex mutex;
        enum class Stage { Queued, Taken, Withdrawn } stage = Stage::Queued;
        QSemaphore done;
        bool ok = false;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    QMetaObject::invokeMethod(
        m_context,
        [this, config, outcome] {
            {
                const std::lock_guard lock(outcome->mutex);
                if (outcome->stage == Outcome::Stage::Withdrawn)
                    return;
                outcome->stage = Outcome::Stage::Taken;
            }
            if (!m_listener || m_listener->isStopping())
                outcome->error = QStringLiteral("the listener is not running");
            else
                outcome->ok = m_listener->rebind(config, &outcome->error);
            outcome->done.release();
        },
        Qt::QueuedConnection);
    if (!outcome->done.tryAcquire(1, m_rebindWaitMs)) {
        {
            const std::lock_guard lock(outcome->mutex);
            if (outcome->stage == Outcome::Stage::Queued) {
                outcome->stage = Outcome::Stage::Withdrawn;
                if (error) {
                    *error = QStringLiteral("the listener was busy for %1 ms; "
                                            "it stays where it is, try again")
                                 .arg(m_rebindWaitMs);
                }
                return false;
            }
        }
        outcome->done.acquire(); // taken up: the bind itself does not block
    }
    if (!outcome->ok) {
        if (error)
            *error = outcome->error;
        return false;
    }
    m_config = config;
    return true;
}

void ListenerHost::stop(int graceMs) {
    if (m_state != State::Running)
        return;
    m_state = State::Stopping;
    QMetaObject::invokeMethod(
        m_context, [this, graceMs] { stopOnThread(graceMs); }, Qt::QueuedConnection);
}

void ListenerHost::startOnThread(const ListenerConfig &config, const CommitterFactory &factory) {
    auto *listener = new HttpListener;
    connect(listener, &HttpListener::listening, this, &ListenerHost::listening);
    connect(listener, &HttpListener::listenerFailed, this, &ListenerHost::onFailed);
    // Direct: captured is re-emitted on the listener thread (see the header).
    connect(listener, &HttpListener::captured, this, &ListenerHost::captured, Qt::DirectConnection);
    connect(
        listener, &HttpListener::stopped, m_context, [this] { finishOnThread(); },
        Qt::QueuedConnection);
    if (factory) {
        QString error;
        std::unique_ptr<CaptureCommitter> committer = factory(&error);
        if (!committer) {
            Q_EMIT listener->listenerFailed(
                {ListenerFailure::Reason::StoreFailed,
                 error.isEmpty() ? QStringLiteral("Cannot start the capture store") : error});
            delete listener;
            return;
        }
        listener->setCommitter(std::move(committer));
    }
    if (!listener->start(config)) {
        delete listener;
        return;
    }
    m_listener = listener;
}

void ListenerHost::stopOnThread(int graceMs) {
    if (m_listener)
        m_listener->stop(graceMs);
    else
        QMetaObject::invokeMethod(this, &ListenerHost::onStopped, Qt::QueuedConnection);
}

void ListenerHost::finishOnThread() {
    delete m_listener; // with its committer, on the thread that used it
    m_listener = nullptr;
    QMetaObject::invokeMethod(this, &ListenerHost::onStopped, Qt::QueuedConnection);
}

void ListenerHost::onFailed(const ListenerFailure &failure) {
    // a failed start leaves no listener; a stop already asked for still reports stopped()
    if (m_state == State::Running)
        m_state = State::Idle;
    Q_EMIT listenerFailed(failure);
    if (m_state == State::Idle && m_pendingStart) {
        const ListenerConfig next = *std::exchange(m_pendingStart, std::nullopt);
        start(next);
    }
}

void ListenerHost::onStopped() {
    if (m_state != State::Stopping)
        return;
    m_state = State::Idle;
    Q_EMIT stopped();
    if (m_pendingStart) {
        const ListenerConfig next = *std::exchange(m_pendingStart, std::nullopt);
        start(next);
    }
}
