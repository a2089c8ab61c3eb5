#include "sessionfiletestdata.h"

#include "session/capturejournal.h"
#include "session/capturereader.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace SessionTestData;
using namespace SessionFileTestData;

class TestSessionFileErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openRefusesBadFiles_data();
    void openRefusesBadFiles();
    void damagedPagesAreReportedWhenRead();
    void readOnlyDirectory();
};

void TestSessionFileErrors::openRefusesBadFiles_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text file") << "text"
                               << "not a session file (not an SQLite database)";
    QTest::newRow("empty file") << "empty"
                                << "not a session file (an empty SQLite database)";
    QTest::newRow("other SQLite database") << "foreign"
                                           << "another application";
    QTest::newRow("newer format") << "newer"
                                  << "newer version";
    QTest::newRow("development format 1") << "format1"
                                          << "session format 1";
    QTest::newRow("truncated to half") << "half"
                                       << "truncated";
    QTest::newRow("truncated header") << "header"
                                      << "truncated";
    QTest::newRow("table missing") << "missing-table"
                                   << "damaged (table analyses is missing)";
    QTest::newRow("column missing") << "missing-column"
                                    << "damaged (table captures has no column rejection)";
    QTest::newRow("view for a table") << "view-table"
                                      << "damaged (table payloads is missing)";
    QTest::newRow("garbage header") << "garbage"
                                    << "not a session file";
}

void TestSessionFileErrors::openRefusesBadFiles() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.mwsession"));
    if (kind == QLatin1String("text") || kind == QLatin1String("empty")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("text"))
            file.write(QByteArray("captured webhooks, one per line\n").repeated(200));
    } else if (kind == QLatin1String("foreign")) {
        QVERIFY(runSql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                             "INSERT INTO notes (text) VALUES ('hello');"));
    } else {
        writeSession(path, kind == QLatin1String("half") ? 20 : 1);
        if (kind == QLatin1String("newer")) {
            QVERIFY(runSql(path, "PRAGMA user_version = 99"));
        } else if (kind == QLatin1String("format1")) {
            QVERIFY(runSql(path, "PRAGMA user_version = 1"));
        } else if (kind == QLatin1String("missing-table")) {
            QVERIFY(runSql(path, "PRAGMA foreign_keys = OFF; DROP VIEW overview; "
                                 "DROP VIEW webhook_events; DROP VIEW findings; "
                                 "DROP VIEW missing_analyses; DROP TABLE analyses;"));
        } else if (kind == QLatin1String("missing-column")) {
            QVERIFY(runSql(path, "DROP VIEW overview; DROP VIEW requests; "
                                 "ALTER TABLE captures DROP COLUMN rejection;"));
        } else if (kind == QLatin1String("view-table")) {
            QVERIFY(runSql(path, "DROP VIEW requests; DROP TABLE payloads; "
                                 "CREATE VIEW payloads AS SELECT id AS capture_id FROM captures;"));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            if (kind == QLatin1String("half"))
                QVERIFY(file.resize(file.size() / 2));
            else if (kind == QLatin1String("header"))
                QVERIFY(file.resize(60));
            else if (kind == QLatin1String("garbage"))
                file.write(QByteArray(100, '\x5a'));
        }
    }
    QFile::remove(path + QStringLiteral("-shm"));
    const QByteArray before = fileHash(path);

    QString error;
    QVERIFY(!SessionFile::inspect(path, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    // The window's check before it opens a file (no table rows read) says the same.
    QString checkError;
    QVERIFY(!SessionFile::check(path, &checkError));
    QCOMPARE(checkError, error);

    error.clear();
    // Recording into an empty file makes it a new session (createTakesAnEmptyFile).
    if (kind != QLatin1String("empty")) {
        CaptureJournal journal;
        QVERIFY(!journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
    error.clear();
    QVERIFY(!SessionLoader::load(path, {}, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    CaptureReader reader;
    QVERIFY(!reader.open(path, &error));

    QCOMPARE(fileHash(path), before); // nothing changed
    QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestSessionFileErrors::damagedPagesAreReportedWhenRead() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.mwsession"));
    writeSession(path, 20);
    {
        // Scribble over everything after the schema page: the index b-trees break.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        for (qint64 at = 8192; at + 512 < size; at += 8192) {
            file.seek(at);
            file.write(QByteArray(512, '\xa5'));
        }
    }
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY(!loaded);
    QVERIFY2(error.contains(QLatin1String("damaged")) || error.contains(QLatin1String("malformed")),
             qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestSessionFileErrors::readOnlyDirectory() {
    QTemporaryDir dir;
    const QString roDir = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(roDir));
    const QString existing = roDir + QStringLiteral("/existing.mwsession");
    const QList<AnalysedCapture> written = writeSession(existing);
    const QString source = dir.filePath(QStringLiteral("source.mwsession"));
    writeSession(source);
    // A session that was not closed (as after a crash): its -wal log holds captures, and
    // there is no -shm, which SQLite must create to read that log.
    const QString crashed = roDir + QStringLiteral("/crashed.mwsession");
    {
        const QString live = dir.filePath(QStringLiteral("live.mwsession"));
        CaptureJournal journal;
        QString error;
        QVERIFY2(journal.open(live, SessionFile::Durability::Normal, &error), qPrintable(error));
        QList<Capture> batch = mixedCaptures();
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
        QVERIFY(QFileInfo(live + QStringLiteral("-wal")).size() > 0);
        QVERIFY(QFile::copy(live, crashed));
        QVERIFY(QFile::copy(live + QStringLiteral("-wal"), crashed + QStringLiteral("-wal")));
        QVERIFY(journal.close(&error));
    }
    for (const QString &file : QStringList{crashed, crashed + QStringLiteral("-wal")})
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0444) == 0);
    QVERIFY(::chmod(QFile::encodeName(roDir).constData(), 0555) == 0);
    QVERIFY(::chmod(QFile::encodeName(existing).constData(), 0444) == 0);
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(source).constData(), 0444) == 0);

    // root ignores permissions; run the checks as an unprivileged user in a child.
    const bool asRoot = geteuid() == 0;
    uid_t nobody = 65534;
    if (const passwd *entry = getpwnam("nobody"))
        nobody = entry->pw_uid;
    auto checks = [&]() -> QStringList {
        QStringList problems;
        QString error;
        if (SessionFile::create(roDir + QStringLiteral("/new.mwsession"), &error))
            problems << QStringLiteral("created a session in a read-only folder");
        else if (!error.contains(QLatin1String("Permission denied")))
            problems << QStringLiteral("unclear create error: ") + error;
        // in a folder that does not exist and cannot be made: which, and why
        const QString deeper = roDir + QStringLiteral("/sub/new.mwsession");
        if (SessionFile::create(deeper, &error))
            problems << QStringLiteral("created a session below a read-only folder");
        else if (!error.contains(QStringLiteral("the folder %1/sub does not exist and cannot be "
                                                "made in %1: Permission denied")
                                     .arg(roDir)))
            problems << QStringLiteral("unclear error for a missing folder: ") + error;
        CaptureJournal journal;
        if (journal.open(existing, SessionFile::Durability::Normal, &error))
            problems << QStringLiteral("opened a read-only session for writing");
        else if (!error.contains(existing))
            problems << QStringLiteral("unclear open error: ") + error;
        if (SessionFile::saveCopy(source, roDir + QStringLiteral("/copy.mwsession"), &error))
            problems << QStringLiteral("saved into a read-only folder");
        else if (!error.contains(QLatin1String("Permission denied")))
            problems << QStringLiteral("unclear save error: ") + error;
        // Reading works: a closed session is self-contained (no -wal/-shm needed).
        CaptureReader reader;
        if (!reader.open(existing, &error))
            problems << QStringLiteral("cannot read a read-only session: ") + error;
        else if (reader.count() != written.size())
            problems << QStringLiteral("read the wrong number of captures");
        // That needs the folder to be writable: say so and what to do, not "No such file".
        CaptureReader crashedReader;
        if (crashedReader.open(crashed, &error)) {
            if (crashedReader.count() != mixedCaptures().size())
                problems << QStringLiteral("read the wrong number of captures after a crash");
        } else if (!error.contains(QLatin1String("not closed cleanly")) ||
                   !error.contains(QLatin1String("crashed.mwsession-wal")) ||
                   !error.contains(QLatin1String("folder you can write to"))) {
            problems << QStringLiteral("unclear error for a crashed session: ") + error;
        }
        return problems;
    };
    QStringList problems;
    if (!asRoot) {
        problems = checks();
    } else {
        int fds[2];
        QCOMPARE(pipe(fds), 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            if (setgid(nobody) != 0 || setuid(nobody) != 0)
                _exit(3);
            const QByteArray report = checks().join(QLatin1Char('\n')).toUtf8();
            const bool ok =
                write(fds[1], report.constData(), size_t(report.size())) == report.size();
            _exit(ok ? 0 : 4);
        }
        ::close(fds[1]);
        QByteArray report;
        char buffer[4096];
        ssize_t got;
        while ((got = read(fds[0], buffer, sizeof buffer)) > 0)
            report.append(buffer, got);
        ::close(fds[0]);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        if (!report.isEmpty())
            problems = QString::fromUtf8(report).split(QLatin1Char('\n'));
    }
    ::chmod(QFile::encodeName(roDir).constData(), 0755);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    QVERIFY(!QFile::exists(roDir + QStringLiteral("/new.mwsession")));
    QVERIFY(!QFile::exists(roDir + QStringLiteral("/copy.mwsession")));
}

QTEST_GUILESS_MAIN(TestSessionFileErrors)
#include "tst_sessionfileerrors.moc"
