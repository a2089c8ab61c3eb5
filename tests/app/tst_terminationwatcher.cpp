// TerminationWatcher in the real executable: a SIGINT or SIGTERM that comes while the app
// is still starting up stops it as cleanly as one that comes later.
#include "appprocess.h"

#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

class TestTerminationWatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aSignalDuringStartUpStopsCleanly_data();
    void aSignalDuringStartUpStopsCleanly();
};

namespace {

/// Opens the FIFO for writing once the app has opened it for reading; -1 if it did not
/// within the time.
int openOnceRead(const QByteArray &fifo, AppProcess &app) {
    int fd = -1;
    (void)QTest::qWaitFor(
        [&] {
            // Without a reader, a non-blocking open for writing fails (ENXIO).
            fd = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            return fd >= 0 || app.process.state() == QProcess::NotRunning;
        },
        20000);
    return fd;
}

} // namespace

void TestTerminationWatcher::aSignalDuringStartUpStopsCleanly_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("window");
    QTest::addColumn<bool>("sigintIgnored");
    QTest::newRow("SIGTERM, headless") << int(SIGTERM) << false << false;
    QTest::newRow("SIGINT, headless") << int(SIGINT) << false << false;
    // A background job of a non-interactive shell starts with SIGINT ignored; the app
    // catches it all the same, as it always did, and now from the start.
    QTest::newRow("SIGINT that came ignored, headless") << int(SIGINT) << false << true;
    QTest::newRow("SIGTERM, window") << int(SIGTERM) << true << false;
}

// The app reads --response-body @FIFO while it parses its command line, before it makes
// its window or its listener: it waits there, in start-up, until the test writes the body.
void TestTerminationWatcher::aSignalDuringStartUpStopsCleanly() {
    QFETCH(int, signalNumber);
    QFETCH(bool, window);
    QFETCH(bool, sigintIgnored);
    QTemporaryDir home;
    const QByteArray fifo = QFile::encodeName(home.filePath(QStringLiteral("body")));
    QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
    AppProcess app(home.path());
    QStringList arguments{QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--response-body"),
                          QLatin1Char('@') + QFile::decodeName(fifo)};
    if (window)
        app.useOffscreenWindow();
    else
        arguments.prepend(QStringLiteral("--headless"));
    if (sigintIgnored)
        app.process.setChildProcessModifier([] { ::signal(SIGINT, SIG_IGN); });
    app.start(arguments);

    const int fd = openOnceRead(fifo, app);
    QVERIFY2(fd >= 0, app.err.constData());
    ::kill(app.process.processId(), signalNumber);
    const bool written = ::write(fd, "{}", 2) == 2;
    ::close(fd); // the end of the body: the app goes on starting up
    QVERIFY(written);

    QVERIFY2(app.finish(30000), app.err.constData());
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    // It never listened on a port that was going away, and left no empty session behind.
    QVERIFY2(!app.err.contains("listening on"), app.err.constData());
    if (!window)
        QVERIFY2(app.err.contains("stopped; 0 captures this run"), app.err.constData());
    QVERIFY(QDir(app.dataDir() + QStringLiteral("/sessions")).entryList(QDir::Files).isEmpty());
}

QTEST_GUILESS_MAIN(TestTerminationWatcher)
#include "tst_terminationwatcher.moc"
