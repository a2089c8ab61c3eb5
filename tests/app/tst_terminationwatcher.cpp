// TerminationWatcher in the real executable: a SIGINT or SIGTERM that comes while the app
// is still starting up, or while the window asks a question, stops it as cleanly as one
// that comes later.
#include "../session/sessiontestdata.h"
#include "appprocess.h"

#include "session/sqlitedatabase.h"

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
    void aSignalWhileTheRecoveryQuestionIsOpenEndsTheWindow();
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

void TestTerminationWatcher::aSignalWhileTheRecoveryQuestionIsOpenEndsTheWindow() {
    // An unsaved session a crashed run left: the window asks whether to recover it before
    // it listens, in a modal question.
    QTemporaryDir home;
    AppProcess app(home.path());
    const QString liveDir = app.dataDir() + QStringLiteral("/live");
    QVERIFY(QDir().mkpath(liveDir));
    const QString leftover = liveDir + QStringLiteral("/untitled-crashed.mwsession");
    SessionTestData::writeSession(leftover, {SessionTestData::webhook("{\"a\":1}", 1)});
    {
        SqliteDatabase db;
        QString error;
        QVERIFY2(db.open(leftover, SqliteDatabase::Mode::ReadWrite, &error), qPrintable(error));
        QVERIFY2(db.exec("UPDATE meta SET value = '0' WHERE key = 'clean_shutdown'", &error),
                 qPrintable(error));
    }
    app.useOffscreenWindow();
    app.start({QStringLiteral("--port"), QStringLiteral("0")});
    // The question holds the start-up: nothing listens while it is open.
    QVERIFY(app.process.waitForStarted(10000));
    QVERIFY(!app.waitForStderr("listening on", 1500));
    QCOMPARE(app.process.state(), QProcess::Running);

    ::kill(app.process.processId(), SIGTERM);
    QVERIFY2(app.finish(15000), "the window kept running after SIGTERM");
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    QVERIFY2(!app.err.contains("listening on"), app.err.constData());
    // Not answered, so kept for the next start, as "Later" keeps it; no new session left.
    QVERIFY(QFileInfo::exists(leftover));
    QVERIFY(QDir(app.dataDir() + QStringLiteral("/sessions")).entryList(QDir::Files).isEmpty());
    const QStringList live = QDir(liveDir).entryList(QDir::Files);
    QCOMPARE(live, QStringList{QFileInfo(leftover).fileName()});
}

QTEST_GUILESS_MAIN(TestTerminationWatcher)
#include "tst_terminationwatcher.moc"
