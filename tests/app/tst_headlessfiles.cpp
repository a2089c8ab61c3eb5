// The headless mode of the real executable with session and HAR files: converting, exporting
// and importing, each run as a child process.
#include "../http/httptestclient.h"
#include "../session/sessiontestdata.h"
#include "appprocess.h"
#include "headlesstestdata.h"
#include "testsupport.h"

#include "session/sessionfile.h"
#include "session/sqlitedatabase.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>

#include <csignal>

#include <fcntl.h>
#include <sys/stat.h>

using namespace HeadlessTestData;

class TestHeadlessFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void convertExportImport();
    void signalsStopAnImportOrExportCleanly();
    void ctrlCStopsAnExportIntoAFifoThatNobodyReads();
    void anImportKilledPartwayIsClearedAway();
};

void TestHeadlessFiles::convertExportImport() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    {
        AppProcess app(home.path());
        const quint16 port = app.listen({QStringLiteral("--session"), session});
        QVERIFY(port != 0);
        HttpTestClient client;
        QVERIFY(client.connectTo(port));
        const QByteArray message =
            TestSupport::readData(QStringLiteral("samples/general-MessageAdded.json"));
        client.send(post("/a", message));
        client.send(post("/b", TestSupport::readData(
                                   QStringLiteral("samples/integration-IntegrationEnabled.json"))));
        client.send(post("/a", message)); // the first message sent again
        QVERIFY(client.waitForResponses(3));
        QVERIFY(app.waitForLines(3));
        QVERIFY(app.stop(SIGTERM));
    }
    const QString har = home.filePath(QStringLiteral("out.har"));
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    QVERIFY(convert.run({QStringLiteral("--open"), session, QStringLiteral("--export-har"), har,
                         QStringLiteral("--export-jsonl"), jsonl}));
    QCOMPARE(convert.process.exitCode(), 0);

    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(harFile.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 3);
    const QJsonObject repeated =
        entries.at(2).toObject().value(QStringLiteral("_capture")).toObject();
    QCOMPARE(repeated.value(QStringLiteral("delivery")).toInt(), 2);
    QCOMPARE(repeated.value(QStringLiteral("previousDeliveryId")).toInt(), 1);
    QVERIFY(entries.at(0)
                .toObject()
                .value(QStringLiteral("request"))
                .toObject()
                .value(QStringLiteral("url"))
                .toString()
                .endsWith(QStringLiteral("/a")));
    QFile jsonlFile(jsonl);
    QVERIFY(jsonlFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> exported = jsonlFile.readAll().trimmed().split('\n');
    QCOMPARE(exported.size(), 3);
    // A whole session exported: its repeats are numbered.
    const QJsonObject repeat = QJsonDocument::fromJson(exported.at(2)).object();
    QCOMPARE(repeat.value(QStringLiteral("delivery")).toInt(), 2);
    QCOMPARE(repeat.value(QStringLiteral("previousDeliveryId")).toInt(), 1);
    QCOMPARE(
        QJsonDocument::fromJson(exported.at(1)).object().value(QStringLiteral("delivery")).toInt(),
        1);

    AppProcess print(home.path());
    QVERIFY(print.run({QStringLiteral("--headless"), QStringLiteral("--open"), session}));
    QCOMPARE(print.process.exitCode(), 0);
    QCOMPARE(print.lines().size(), 3);
    QVERIFY(print.lines().at(1).contains("IntegrationEnabled"));
    QVERIFY2(print.lines().at(2).endsWith("[delivery 2, after #1]"),
             print.lines().at(2).constData());

    // Without a display, --open alone prints too (no listener starts), and a file to open
    // in the window is refused with a hint.
    AppProcess noDisplay(home.path());
    QVERIFY(noDisplay.run({QStringLiteral("--open"), session}));
    QCOMPARE(noDisplay.process.exitCode(), 0);
    QCOMPARE(noDisplay.lines().size(), 3);
    QVERIFY2(!noDisplay.err.contains("listening"), noDisplay.err.constData());
    AppProcess positional(home.path());
    QVERIFY(positional.run({session}));
    QCOMPARE(positional.process.exitCode(), 2);
    QVERIFY2(positional.err.contains("--headless --open") &&
                 positional.err.contains("--headless --session"),
             positional.err.constData());

    // A printout that cannot be written (a full disk behind a redirection) fails loudly.
    if (QFileInfo::exists(QStringLiteral("/dev/full"))) {
        AppProcess full(home.path());
        full.process.setStandardOutputFile(QStringLiteral("/dev/full"));
        QVERIFY(full.run({QStringLiteral("--headless"), QStringLiteral("--open"), session,
                          QStringLiteral("--format"), QStringLiteral("jsonl")}));
        QCOMPARE(full.process.exitCode(), 1);
        QVERIFY2(full.err.contains("cannot write to standard output"), full.err.constData());
    }

    const QString imported = home.filePath(QStringLiteral("imported.mwsession"));
    AppProcess import(home.path());
    QVERIFY(
        import.run({QStringLiteral("--import-har"), har, QStringLiteral("--session"), imported}));
    QCOMPARE(import.process.exitCode(), 0);
    QCOMPARE(countCaptures(imported), 3);

    // A file that is not HAR: a clear error, and no session file is made.
    const QString notHar = home.filePath(QStringLiteral("truncated.har"));
    QFile truncated(notHar);
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(QByteArray(R"({"log":{"entries":[{"request":)"));
    truncated.close();
    const QString untouched = home.filePath(QStringLiteral("untouched.mwsession"));
    AppProcess refused(home.path());
    QVERIFY(refused.run(
        {QStringLiteral("--import-har"), notHar, QStringLiteral("--session"), untouched}));
    QCOMPARE(refused.process.exitCode(), 1);
    QVERIFY2(refused.err.contains("Not a HAR file") && refused.err.contains("truncated.har"),
             refused.err.constData());
    QVERIFY(!QFileInfo::exists(untouched));

    // A HAR file given to --open is not a session: the error says how to read it.
    for (const QStringList &reading :
         {QStringList{QStringLiteral("--headless"), QStringLiteral("--open"), har},
          QStringList{QStringLiteral("--open"), har, QStringLiteral("--export-jsonl"),
                      QStringLiteral("-")}}) {
        AppProcess opened(home.path());
        QVERIFY(opened.run(reading));
        QCOMPARE(opened.process.exitCode(), 1);
        QVERIFY2(opened.err.contains("not a session; import it first: --import-har"),
                 opened.err.constData());
        QVERIFY(opened.out.isEmpty());
    }

    AppProcess missing(home.path());
    QVERIFY(missing.run({QStringLiteral("--open"), home.filePath(QStringLiteral("nope.mwsession")),
                         QStringLiteral("--export-jsonl"), jsonl}));
    QCOMPARE(missing.process.exitCode(), 1);
    QVERIFY(missing.err.contains("nope.mwsession"));
}

// SIGINT and SIGTERM stop a long import or export at once and cleanly: an import imports
// nothing (so running it again does not duplicate captures), an export writes no file,
// the session is closed cleanly, and the status is 128 + the signal.
void TestHeadlessFiles::signalsStopAnImportOrExportCleanly() {
    QTemporaryDir home;
    constexpr int Entries = 2000;
    const QString har = home.filePath(QStringLiteral("big.har"));
    {
        QFile file(har);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"log":{"version":"1.2","entries":[)");
        for (int i = 0; i < Entries; ++i) {
            file.write((i > 0 ? ",\n" : "") +
                       QByteArray(R"({"startedDateTime":"2026-12-01T10:00:00.000Z",)") +
                       R"("request":{"method":"POST","url":"http://h/n/)" + QByteArray::number(i) +
                       R"(","headers":[],"postData":{"mimeType":"application/json",)" +
                       R"("text":"{}"}}})");
        }
        file.write("]}}");
    }
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    AppProcess whole(home.path());
    QVERIFY(whole.run({QStringLiteral("--import-har"), har, QStringLiteral("--session"), session},
                      120000));
    QCOMPARE(whole.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), Entries);
    const QStringList files = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);

    // The job must still be running when the signal arrives: this test holds the session
    // file's lock meanwhile, and SQLite makes the job wait for it (up to 5 s).
    const auto interrupt = [&](AppProcess &app, const QByteArray &started, int signalNumber) {
        SqliteDatabase holder;
        QVERIFY(holder.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(holder.exec("BEGIN EXCLUSIVE", nullptr));
        QVERIFY2(app.waitForStderr(started), app.err.constData());
        ::kill(app.process.processId(), signalNumber);
        QVERIFY(holder.exec("ROLLBACK", nullptr));
        holder.close();
        QVERIFY(app.finish(120000));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 128 + signalNumber);
    };

    // Imported again: nothing of it goes in (running it once more would not duplicate
    // anything), and the file is closed cleanly, with no lock or temporary copy left.
    for (const int signalNumber : {SIGINT, SIGTERM}) {
        AppProcess again(home.path());
        again.start({QStringLiteral("--import-har"), har, QStringLiteral("--session"), session});
        interrupt(again, "importing ", signalNumber);
        if (QTest::currentTestFailed())
            return;
        const QByteArray said = QByteArray("interrupted by ") +
                                (signalNumber == SIGINT ? "SIGINT" : "SIGTERM") +
                                "; nothing was imported; ";
        QVERIFY2(again.err.contains(said), again.err.constData());
        QCOMPARE(countCaptures(session), Entries);
        QString error;
        const std::optional<SessionInfo> info = SessionFile::inspect(session, &error);
        QVERIFY2(info, qPrintable(error));
        QVERIFY(info->cleanShutdown);
        QVERIFY(!SessionFile::isInUse(session));
        QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);
    }

    // An export writes no file, and says so.
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess exporting(home.path());
    exporting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl});
    interrupt(exporting, "exporting ", SIGTERM);
    if (QTest::currentTestFailed())
        return;
    const QByteArray said = "interrupted by SIGTERM; " + jsonl.toUtf8() + " was not written";
    QVERIFY2(exporting.err.contains(said), exporting.err.constData());
    QVERIFY(!QFileInfo::exists(jsonl));
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);

    // A file that was there before stays as it was, and the message says so.
    QFile earlier(jsonl);
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    QVERIFY(earlier.write("an earlier export\n") > 0);
    earlier.close();
    AppProcess overwriting(home.path());
    overwriting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl});
    interrupt(overwriting, "exporting ", SIGINT);
    if (QTest::currentTestFailed())
        return;
    const QByteArray kept = "interrupted by SIGINT; " + jsonl.toUtf8() + " is as it was";
    QVERIFY2(overwriting.err.contains(kept), overwriting.err.constData());
    QVERIFY(earlier.open(QIODevice::ReadOnly));
    QCOMPARE(earlier.readAll(), QByteArray("an earlier export\n"));
    earlier.close();
    QVERIFY(earlier.remove());

    // An export into a FIFO is written in place, so part of it may have gone through.
    const QString fifo = home.filePath(QStringLiteral("out.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const int reading = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reading >= 0);
    const auto closeReading = qScopeGuard([reading] { ::close(reading); });
    AppProcess piping(home.path());
    piping.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    interrupt(piping, "exporting ", SIGTERM);
    if (QTest::currentTestFailed())
        return;
    const QByteArray incomplete =
        "interrupted by SIGTERM; the export into " + fifo.toUtf8() + " is incomplete";
    QVERIFY2(piping.err.contains(incomplete), piping.err.constData());
}

void TestHeadlessFiles::ctrlCStopsAnExportIntoAFifoThatNobodyReads() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    // More than a pipe holds (64 KiB), so a reader that stops reading stalls the export.
    QList<Capture> captures;
    for (int n = 1; n <= 200; ++n)
        captures.append(
            SessionTestData::webhook("{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Pad\":\"" +
                                         QByteArray(1000, 'x') + "\"}}",
                                     n));
    SessionTestData::writeSession(session, captures);
    const QString fifo = home.filePath(QStringLiteral("out.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);

    // Started, waited for long enough to be in open() or write(), then one Ctrl+C.
    const auto interrupt = [&](AppProcess &app) {
        QVERIFY2(app.waitForStderr("exporting "), app.err.constData());
        QTest::qWait(300);
        QCOMPARE(app.process.state(), QProcess::Running);
        QVERIFY2(app.stop(SIGINT, 10000), "a first Ctrl+C did not stop the export");
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 130);
    };

    // No process ever opens the FIFO for reading: the export waits in open().
    AppProcess unread(home.path());
    unread.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    interrupt(unread);
    if (QTest::currentTestFailed())
        return;
    const QByteArray nothing = "interrupted by SIGINT; no process opened " + fifo.toUtf8() +
                               " for reading; nothing was exported\n";
    QVERIFY2(unread.err.endsWith(nothing), unread.err.constData());
    QCOMPARE(unread.err.count('\n'), 2); // "exporting ..." and the line that says why

    // A reader opens it but reads nothing: the export waits in write().
    int reading = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reading >= 0);
    const auto closeReading = qScopeGuard([&reading] {
        if (reading >= 0)
            ::close(reading);
    });
    AppProcess stalled(home.path());
    stalled.start({QStringLiteral("--open"), session, QStringLiteral("--export-har"), fifo});
    interrupt(stalled);
    if (QTest::currentTestFailed())
        return;
    const QByteArray incomplete =
        "interrupted by SIGINT; the export into " + fifo.toUtf8() + " is incomplete\n";
    QVERIFY2(stalled.err.endsWith(incomplete), stalled.err.constData());

    // A reader that comes late gets the whole export.
    char drain[65536];
    while (::read(reading, drain, sizeof drain) > 0) {
    }
    ::close(reading);
    reading = -1;
    AppProcess waiting(home.path());
    waiting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    QVERIFY(QTest::qWaitFor(
        [&] {
            waiting.readStreams();
            return waiting.err.contains("exporting ");
        },
        30000));
    QTest::qWait(300);
    const int late = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(late >= 0);
    const auto closeLate = qScopeGuard([late] { ::close(late); });
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            ssize_t n = 0;
            while ((n = ::read(late, drain, sizeof drain)) > 0)
                received.append(drain, n);
            return waiting.process.state() == QProcess::NotRunning && n == 0;
        },
        30000));
    waiting.readStreams();
    QCOMPARE(waiting.process.exitCode(), 0);
    QCOMPARE(received.count('\n'), 200);
}

// An import killed partway (SIGKILL) cannot remove its staging session; the next import
// into the same session does, and leaves one that a running process holds alone.
void TestHeadlessFiles::anImportKilledPartwayIsClearedAway() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    // A staging session as an import names it, recorded into by a headless run: once
    // killed, it is what a killed import leaves (the file, -wal, -shm and a stale lock).
    const auto recordInto = [&](AppProcess &app, const QString &name) {
        return app.listen({QStringLiteral("--session"), home.filePath(name)}) != 0;
    };
    AppProcess killed(home.path());
    QVERIFY(recordInto(killed, QStringLiteral(".s.mwsession.0123abcd.tmp")));
    QVERIFY(killed.stop(SIGKILL));
    const QStringList filesBefore = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);
    QVERIFY2(filesBefore.contains(QStringLiteral(".s.mwsession.0123abcd.tmp.lock")),
             qPrintable(filesBefore.join(u' ')));
    AppProcess running(home.path());
    QVERIFY(recordInto(running, QStringLiteral(".s.mwsession.89abcdef.tmp")));
    const QStringList held =
        QDir(home.path())
            .entryList({QStringLiteral(".s.mwsession.89*")}, QDir::Files | QDir::Hidden);
    QVERIFY(!held.isEmpty());

    AppProcess import(home.path());
    QVERIFY(import.run({QStringLiteral("--import-har"),
                        TestSupport::dataPath(QStringLiteral("har/charles.har")),
                        QStringLiteral("--session"), session},
                       60000));
    QCOMPARE(import.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), 2);
    QStringList expected = held;
    expected << QStringLiteral("s.mwsession");
    expected.sort();
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);
    QVERIFY(running.stop(SIGTERM));
}

QTEST_GUILESS_MAIN(TestHeadlessFiles)
#include "tst_headlessfiles.moc"
