#pragma once

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The real mews-webhook-inspector executable as a child process, with its data and
// config directories in a temporary directory so tests never touch the user's.
class AppProcess {
public:
    explicit AppProcess(const QString &home)
        : m_home(home) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
    }
    ~AppProcess() {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    static QString binary() { return QStringLiteral(MWI_APP_BINARY); }

    /// Runs the window rather than headless mode, on the offscreen platform (set before
    /// start()).
    void useOffscreenWindow() {
        QProcessEnvironment env = process.processEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
    }

    void start(const QStringList &arguments) { process.start(binary(), arguments); }

    /// Runs it to its end; false when it did not end in time.
    bool run(const QStringList &arguments, int timeoutMs = 15000) {
        start(arguments);
        return finish(timeoutMs);
    }

    /// Starts a headless capture on a port the system picks (--headless --port 0 and then
    /// `arguments`); returns the port it listens on, or 0 (see waitForListening()).
    quint16 listen(const QStringList &arguments) {
        start(QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                          QStringLiteral("0")} +
              arguments);
        return waitForListening();
    }

    /// Sends a signal and waits for the process to end; false when it did not in time.
    bool stop(int signalNumber, int timeoutMs = 15000) {
        ::kill(process.processId(), signalNumber);
        return finish(timeoutMs);
    }

    /// Reads stderr until "listening on http://HOST:PORT/" appears; returns the port or 0.
    quint16 waitForListening(int timeoutMs = 10000) {
        static const QRegularExpression pattern(
            QStringLiteral("listening on http://(?:\\[[^\\]]+\\]|[^:/]+):(\\d+)/"));
        quint16 port = 0;
        (void)QTest::qWaitFor(
            [&] {
                readStreams();
                const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(err));
                if (match.hasMatch())
                    port = quint16(match.captured(1).toUInt());
                return port != 0 || process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return port;
    }

    /// Waits until stdout holds at least `count` complete lines.
    bool waitForLines(int count, int timeoutMs = 10000) {
        return QTest::qWaitFor(
            [&] {
                readStreams();
                return out.count('\n') >= count;
            },
            timeoutMs);
    }

    /// Waits until stderr contains text; false when the process ended (or the time ran out)
    /// before it said so, e.g. to send a signal only while a job is running.
    bool waitForStderr(const QByteArray &text, int timeoutMs = 30000) {
        const bool said = QTest::qWaitFor(
            [&] {
                readStreams();
                return err.contains(text) || process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return said && err.contains(text) && process.state() == QProcess::Running;
    }

    QList<QByteArray> lines() {
        readStreams();
        QList<QByteArray> result = out.split('\n');
        if (!result.isEmpty() && result.constLast().isEmpty())
            result.removeLast();
        return result;
    }

    bool finish(int timeoutMs = 15000) {
        const bool done = process.waitForFinished(timeoutMs);
        readStreams();
        return done;
    }

    void readStreams() {
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
    }

    QString dataDir() const {
        return m_home + QStringLiteral("/data/mwinspector/MewsWebhookInspector");
    }

    QProcess process;
    QByteArray out;
    QByteArray err;

private:
    QString m_home;
};
