#include "appinfo.h"
#include "commandline.h"
#include "headlessrunner.h"
#include "sessionconverter.h"
#include "terminationwatcher.h"
#include "windowlauncher.h"

#include <QApplication>
#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <memory>

namespace {

void print(std::FILE *stream, const QString &text) {
    QByteArray bytes = text.toUtf8();
    if (!bytes.endsWith('\n'))
        bytes += '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

bool displayAvailable() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral(MWI_ORGANIZATION_NAME));
    QCoreApplication::setOrganizationDomain(QStringLiteral(MWI_ORGANIZATION_DOMAIN));
    QCoreApplication::setApplicationName(QStringLiteral(MWI_APPLICATION_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(MWI_VERSION));
}

int runHeadless(const CommandLineOptions &options) {
    HeadlessRunner runner(options);
    TerminationWatcher watcher;
    QObject::connect(&watcher, &TerminationWatcher::terminationRequested, &runner,
                     &HeadlessRunner::stop);
    QObject::connect(&runner, &HeadlessRunner::finished, QCoreApplication::instance(),
                     &QCoreApplication::exit);
    runner.start();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[]) {
    // Before anything that takes time (the application object, reading --response-body
    // @FILE): a SIGINT or SIGTERM from then on waits for the run to stop it cleanly.
    TerminationWatcher::catchSignals();
    // Past a file-size limit (`ulimit -f`, systemd's LimitFSIZE=) a write then fails with
    // EFBIG, which every writer reports as it does a full disk, instead of the signal
    // killing the process silently in the middle of a commit.
    std::signal(SIGXFSZ, SIG_IGN);

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    // QCommandLineParser's help text needs an application object, and the window needs
    // a QApplication: decide which one before parsing, from the arguments alone.
    const bool wantsWindow = displayAvailable() &&
                             !arguments.contains(QStringLiteral("--headless")) &&
                             !arguments.contains(QStringLiteral("--help")) &&
                             !arguments.contains(QStringLiteral("-h")) &&
                             !arguments.contains(QStringLiteral("--version"));
    std::unique_ptr<QCoreApplication> app;
    if (wantsWindow)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    setIdentity();

    const CommandLineResult parsed = parseCommandLine(arguments);
    switch (parsed.action) {
    case CommandLineResult::Action::ExitOk:
        print(stdout, parsed.output);
        return 0;
    case CommandLineResult::Action::ExitError:
        print(stderr, parsed.output);
        return 2;
    case CommandLineResult::Action::Run:
        break;
    }

    CommandLineOptions options = parsed.options;
    switch (options.mode) {
    case CommandLineOptions::Mode::Convert:
        return runSessionConversion(options);
    case CommandLineOptions::Mode::Headless:
        return runHeadless(options);
    case CommandLineOptions::Mode::Gui:
        break;
    }
    if (!wantsWindow && !options.openFile.isEmpty()) {
        // Without a window to show it in, do what --headless --open does: print it.
        print(stderr, QStringLiteral(MWI_EXECUTABLE ": no display: printing the session instead, "
                                                    "as --headless --open does"));
        options.mode = CommandLineOptions::Mode::Convert;
        return runSessionConversion(options);
    }
    if (!wantsWindow && !options.positional.isEmpty()) {
        print(stderr,
              QStringLiteral(MWI_EXECUTABLE ": no display to open %1 in; print a session with "
                                            "--headless --open FILE, or capture into one with "
                                            "--headless --session FILE")
                  .arg(options.positional.join(QStringLiteral(", "))));
        return 2;
    }
    if (!wantsWindow) {
        print(stderr,
              QStringLiteral(MWI_EXECUTABLE
                             ": no display (DISPLAY and WAYLAND_DISPLAY are unset): capturing "
                             "headless instead; pass --headless to say so explicitly"));
        options.mode = CommandLineOptions::Mode::Headless;
        return runHeadless(options);
    }
    return runWindow(options);
}
