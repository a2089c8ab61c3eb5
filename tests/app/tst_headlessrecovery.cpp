// The headless mode of the real executable with damaged and unsaved sessions: salvage,
// recovery of a live session, and captures it could not write. Each runs as a child process.
#include "../http/httptestclient.h"
#include "../session/sessiontestdata.h"
#include "appprocess.h"
#include "headlesstestdata.h"
#include "testsupport.h"

#include "session/sqlitedatabase.h"

#include <QFileInfo>

#include <csignal>

#include <sys/resource.h>

using namespace HeadlessTestData;

class TestHeadlessRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void salvagesAndExportsADamagedSession();
    void saysWhenABodyNoLongerMatchesWhatWasReceived();
    void signalsStopASalvageCleanly();
    void recoversUnsavedLiveSession();
    void capturesLeftUnwrittenFailTheRun();
};

void TestHeadlessRecovery::salvagesAndExportsADamagedSession() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("damaged.mwsession"));
    SessionTestData::writeSession(session, {SessionTestData::webhook("{\"a\":1}", 1),
                                            SessionTestData::webhook("{\"b\":2}", 2),
                                            SessionTestData::webhook("{\"c\":3}", 3)});
    { // capture 2's payload was lost, as a salvage leaves it when that page was damaged
        SqliteDatabase db;
        QVERIFY(db.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("DELETE FROM payloads WHERE capture_id = 2", nullptr));
    }
    const QString salvaged = home.filePath(QStringLiteral("salvaged.mwsession"));
    AppProcess salvage(home.path());
    QVERIFY(
        salvage.run({QStringLiteral("--open"), session, QStringLiteral("--salvage"), salvaged}));
    QCOMPARE(salvage.process.exitCode(), 0);
    QVERIFY2(salvage.err.contains("Salvaged 3 captures from") &&
                 salvage.err.contains("The request and body of 1 capture (id 2) could not be read"),
             salvage.err.constData());
    QCOMPARE(countCaptures(salvaged), 3);

    // Printing and exporting leave the damaged capture out, say so, and write the rest.
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    QVERIFY(
        convert.run({QStringLiteral("--open"), salvaged, QStringLiteral("--export-jsonl"), jsonl}));
    QCOMPARE(convert.process.exitCode(), 0);
    QVERIFY2(convert.err.contains("capture 2 is damaged (its payload row is missing); left out"),
             convert.err.constData());
    QFile out(jsonl);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().trimmed().split('\n').size(), 2);

    { // capture 3 as a salvage rebuilds it when its list row was lost
        SqliteDatabase db;
        QVERIFY(db.open(salvaged, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE captures SET remote_address = '', remote_port = 0, "
                        "response_status = 0 WHERE id = 3",
                        nullptr));
    }
    AppProcess print(home.path());
    QVERIFY(print.run({QStringLiteral("--headless"), QStringLiteral("--open"), salvaged}));
    QCOMPARE(print.process.exitCode(), 0);
    const QList<QByteArray> lines = print.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(" 127.0.0.1:") && lines.at(0).contains(" -> 200 "),
             lines.at(0).constData());
    // What the rebuilt capture does not know is printed as unknown, not as :0 or 0.
    QVERIFY2(lines.at(1).startsWith("#3 ") && lines.at(1).contains("Z ? POST /webhook") &&
                 lines.at(1).contains(" -> ? "),
             lines.at(1).constData());
    QVERIFY2(print.err.contains("capture 2 is damaged"), print.err.constData());
}

// Bit rot inside a stored body: the export and the printout still hold it as stored, but
// say on stderr which capture's body is no longer what was received.
void TestHeadlessRecovery::saysWhenABodyNoLongerMatchesWhatWasReceived() {
    QTemporaryDir home;
    // named with %1, which the warning must not take for the place of the capture's number
    const QString session = home.filePath(QStringLiteral("rotten %1.mwsession"));
    SessionTestData::writeSession(session, {SessionTestData::webhook("{\"a\":1}", 1),
                                            SessionTestData::webhook("{\"b\":2}", 2)});
    {
        SqliteDatabase db;
        QVERIFY(db.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE payloads SET body = CAST('{\"b\":3}' AS BLOB) "
                        "WHERE capture_id = 2",
                        nullptr));
    }
    const QByteArray warning =
        session.toUtf8() + ": capture 2: its body no longer matches what was received";
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    QVERIFY(
        convert.run({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl}));
    QCOMPARE(convert.process.exitCode(), 0);
    QVERIFY2(convert.err.contains(warning) && convert.err.contains("; exported as stored"),
             convert.err.constData());
    QVERIFY2(!convert.err.contains("capture 1"), convert.err.constData());
    QFile out(jsonl);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().trimmed().split('\n').size(), 2);

    AppProcess print(home.path());
    QVERIFY(print.run({QStringLiteral("--headless"), QStringLiteral("--open"), session}));
    QCOMPARE(print.process.exitCode(), 0);
    QCOMPARE(print.out.trimmed().split('\n').size(), 2);
    QVERIFY2(print.err.contains(warning) && print.err.contains("; printed as stored"),
             print.err.constData());
}

// A salvage stopped by a signal leaves no temporary copy and the target as it was.
void TestHeadlessRecovery::signalsStopASalvageCleanly() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("big.mwsession"));
    QList<Capture> captures;
    for (int i = 1; i <= 1200; ++i) // more than one step of the salvage's progress
        captures.append(SessionTestData::webhook("{\"n\":" + QByteArray::number(i) + '}', i));
    SessionTestData::writeSession(session, captures);
    const QString target = home.filePath(QStringLiteral("salvaged.mwsession"));
    QFile kept(target);
    QVERIFY(kept.open(QIODevice::WriteOnly));
    QVERIFY(kept.write("a file that was there before") > 0);
    kept.close();
    const QStringList files = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);

    // The salvage waits (up to 5 s) while this test holds the session file exclusively,
    // so the signal arrives while it runs.
    SqliteDatabase holder;
    QVERIFY(holder.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
    QVERIFY(holder.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE", nullptr));
    AppProcess salvage(home.path());
    salvage.start({QStringLiteral("--open"), session, QStringLiteral("--salvage"), target});
    QVERIFY2(salvage.waitForStderr("salvaging "), salvage.err.constData());
    ::kill(salvage.process.processId(), SIGINT);
    QVERIFY(holder.exec("COMMIT", nullptr));
    holder.close();
    QVERIFY(salvage.finish(120000));
    QCOMPARE(salvage.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(salvage.process.exitCode(), 128 + SIGINT);
    const QByteArray said = "interrupted by SIGINT; " + target.toUtf8() + " is as it was";
    QVERIFY2(salvage.err.contains(said), salvage.err.constData());
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("a file that was there before"));
}

void TestHeadlessRecovery::recoversUnsavedLiveSession() {
    QTemporaryDir home;
    AppProcess probe(home.path());
    const QString liveDir = probe.dataDir() + QStringLiteral("/live");
    QVERIFY(QDir().mkpath(liveDir));
    const QString live = liveDir + QStringLiteral("/live-crashed.mwsession");
    {
        AppProcess crashing(home.path());
        const quint16 port = crashing.listen({QStringLiteral("--session"), live});
        QVERIFY(port != 0);
        HttpTestClient client;
        QVERIFY(client.connectTo(port));
        client.send(post(
            "/x", TestSupport::readData(QStringLiteral("samples/general-PaymentUpdated.json"))));
        QVERIFY(client.waitForResponses(1));
        QCOMPARE(client.finalResponses().at(0).status, 200);
        crashing.process.kill(); // SIGKILL: no clean shutdown
        QVERIFY(crashing.finish());
    }
    AppProcess next(home.path());
    QVERIFY(next.listen({}) != 0);
    static const QRegularExpression recovered(
        QStringLiteral("recovered .*\\(1 capture\\) into (\\S+)"));
    const QRegularExpressionMatch match = recovered.match(QString::fromUtf8(next.err));
    QVERIFY2(match.hasMatch(), next.err.constData());
    QCOMPARE(countCaptures(match.captured(1)), 1);
    QVERIFY(!QFileInfo::exists(live));
    QVERIFY(next.stop(SIGTERM));
}

void TestHeadlessRecovery::capturesLeftUnwrittenFailTheRun() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("full.mwsession"));
    AppProcess app(home.path());
    // A disk that fills up: the file may not grow past 256 KiB. The app ignores the
    // SIGXFSZ of `ulimit -f` itself, so the write fails as on a real full disk.
    app.process.setChildProcessModifier([] {
        const rlimit limit{256 * 1024, 256 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    const quint16 port = app.listen({QStringLiteral("--session"), session});
    QVERIFY2(port != 0, app.err.constData());
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    int status = 200;
    for (int i = 0; i < 200 && status == 200; ++i) {
        client.send(post("/webhook", QByteArray(4096, 'x')));
        QVERIFY(client.waitForResponses(i + 1));
        status = client.responses.last().status;
    }
    QCOMPARE(status, 503); // not acknowledged: kept in memory, not in the file
    QVERIFY(app.stop(SIGINT));
    QVERIFY2(app.err.contains("could not be written"), app.err.constData());
    QCOMPARE(app.process.exitCode(), 1);
}

QTEST_GUILESS_MAIN(TestHeadlessRecovery)
#include "tst_headlessrecovery.moc"
