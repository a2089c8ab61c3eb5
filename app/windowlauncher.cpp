#include "windowlauncher.h"

#include "appinfo.h"
#include "appstyle.h"
#include "icons.h"
#include "live/capturefeed.h"
#include "live/eventloopprobe.h"
#include "live/listenercontroller.h"
#include "live/listenersettings.h"
#include "panes/detail/detailpane.h"
#include "session/listenerurl.h"
#include "terminationwatcher.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

void note(const QString &message) {
    const QByteArray line = QByteArrayLiteral(MWI_EXECUTABLE ": ") + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

bool isHar(const QString &path) {
    return path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive);
}

/// MWI_LATENCY_PROBE=1 prints the probe's report on stderr at exit; any other value is a
/// file that gets the report every second and at exit (for bench/gui, which stops the app
/// with a signal).
void startProbe(MainWindow &window) {
    const QString target = qEnvironmentVariable("MWI_LATENCY_PROBE");
    if (target.isEmpty())
        return;
    EventLoopProbe *probe = window.probe();
    CaptureFeed *feed = window.feed();
    probe->start();
    // Measure the run, not the start-up (first paint, fonts, opening the session): from a
    // moment after the listener is up, before any load a script sends.
    QObject::connect(&window, &MainWindow::listening, probe, [probe, feed] {
        QTimer::singleShot(500, probe, [probe, feed] {
            probe->reset();
            feed->resetStatistics();
        });
    });
    const auto report = [probe, feed]() -> QString {
        return probe->report() +
               QStringLiteral("; longest flush %1 ms").arg(feed->longestFlushMs());
    };
    const auto write = [report, target] {
        if (target == QLatin1String("1"))
            return;
        QSaveFile file(target);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(report().toUtf8() + '\n');
            file.commit();
        }
    };
    auto *timer = new QTimer(&window);
    QObject::connect(timer, &QTimer::timeout, &window, write);
    timer->start(1000);
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &window, [report, write] {
        write();
        note(report());
    });
}

} // namespace

ListenerConfig windowListenerConfig(const ListenerConfig &saved,
                                    const CommandLineOptions &options) {
    ListenerConfig config = saved;
    if (options.bindGiven)
        config.bindAddress = options.listener.bindAddress;
    if (options.portGiven)
        config.port = options.listener.port;
    if (options.tokenGiven)
        config.token = options.listener.token;
    if (options.maxBodyGiven)
        config.maxBodyBytes = options.listener.maxBodyBytes;
    return config;
}

WindowStart windowStart(const CommandLineOptions &options, const ListenerConfig &saved) {
    WindowStart start;
    start.listener = windowListenerConfig(saved, options);
    QStringList files = options.positional;
    if (!options.openFile.isEmpty())
        files.prepend(options.openFile);
    start.sessionFile = options.sessionFile;
    for (const QString &file : std::as_const(files)) {
        if (isHar(file))
            start.importFiles.append(QFileInfo(file).absoluteFilePath());
        else if (start.sessionFile.isEmpty())
            start.sessionFile = file;
    }
    return start;
}

int runWindow(const CommandLineOptions &options) {
    // Stopped while it started up (main() catches SIGINT and SIGTERM from its first line):
    // no window, and no listening for a moment on a port that goes away at once. A signal
    // from here on closes the window as it would later.
    if (TerminationWatcher::receivedSignal() != 0)
        return 0;
    QGuiApplication::setDesktopFileName(QStringLiteral(MWI_APP_ID));
    QApplication::setWindowIcon(Icons::application());
    AppStyle::applyFromEnvironment(*qApp);
    QSettings settings;
    const WindowStart start = windowStart(options, ListenerSettings::load(settings));

    MainWindow window;
    if (options.revealSecrets)
        window.detailPane()->setSecretsRevealed(true);
    // Like headless: scripts (and bench/listener.sh --gui) read where it listens from stderr,
    // the URL to send to first, then who else can send and the token a request must carry.
    QObject::connect(&window, &MainWindow::listening, &window,
                     [&window, reveal = options.revealSecrets](const QString &url) {
                         const ListenerController *listener = window.listener();
                         note(ListenerUrl::listeningLine(url, listener->address(),
                                                         listener->config().token, reveal));
                     });
    TerminationWatcher watcher;
    QObject::connect(&watcher, &TerminationWatcher::terminationRequested, &window,
                     [&window] { window.terminate(); });
    startProbe(window);
    window.show();
    // Started from the event loop, so that a signal while the recovery question is open
    // ends the run: QApplication::quit() before exec() would be forgotten by exec().
    QTimer::singleShot(0, &window, [&window, start] { window.start(start); });
    return QApplication::exec();
}
