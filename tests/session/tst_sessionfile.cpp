#include "sessiontestdata.h"

#include "capture/bodydigest.h"
#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/capturereader.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"
#include "session/sessionschema.h"
#include "session/sqlitedatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace SessionTestData;
using namespace Qt::StringLiterals;

namespace {

QByteArray fileHash(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

QList<AnalysedCapture> readAll(const QString &path, QString *error) {
    CaptureReader reader;
    QList<AnalysedCapture> all;
    if (!reader.open(path, error) || !reader.forEach(
                                         {},
                                         [&](const AnalysedCapture &c) {
                                             all.append(c);
                                             return true;
                                         },
                                         error))
        return {};
    return all;
}

/// A closed session with the mixed captures, analysed; returns what was written.
QList<AnalysedCapture> writeSession(const QString &path, int copies = 1) {
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error))
        qFatal("%s", qPrintable(error));
    QList<AnalysedCapture> written;
    for (int i = 0; i < copies; ++i) {
        QList<Capture> batch = mixedCaptures();
        if (!journal.commit(batch, &error))
            qFatal("%s", qPrintable(error));
        const QList<AnalysedCapture> analysed = analyse(batch);
        journal.addAnalyses(analysed);
        written.append(analysed);
    }
    if (!journal.close(&error))
        qFatal("%s", qPrintable(error));
    return written;
}

/// The permission bits of a file (0600 for a session), or all bits set if it is missing.
mode_t fileMode(const QString &path) {
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 0777 : 07777;
}

bool runSql(const QString &path, const char *sql) {
    SqliteDatabase db;
    QString error;
    return db.open(path, SqliteDatabase::Mode::ReadWriteCreate, &error) && db.exec(sql, &error);
}

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createMakesAPrivateEmptySession();
    void createRefusesAnExistingFile();
    void createTakesAnEmptyFile();
    void aSymbolicLinkSharesTheLock();
    void roundTripThroughSaveAs();
    void saveAsWhileTheJournalWrites();
    void failedSaveAsLeavesTargetAlone();
    void openRefusesBadFiles_data();
    void openRefusesBadFiles();
    void damagedPagesAreReportedWhenRead();
    void readOnlyDirectory();
    void appendRenumbersInArrivalOrder();
    void appendRefusesItselfAndForeignFiles();
    void moveKeepsEverything();
    void missingAnalysesAreFoundOnOpen();
    void filesWithoutDigestsReadAndGainThem();
    void olderViewsAreReplacedWhenWritten();
    void sqliteCliCanQueryTheViews();
};

void TestSessionFile::createMakesAPrivateEmptySession() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.mwsession"));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QCOMPARE(fileMode(path), mode_t(0600));
    const std::optional<SessionInfo> session = SessionFile::inspect(path, &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->formatVersion, SessionSchema::FormatVersion);
    QCOMPARE(session->captureCount, 0);
    QVERIFY(session->cleanShutdown);
    QVERIFY(session->createdUtc.endsWith(QLatin1Char('Z')));
}

void TestSessionFile::createRefusesAnExistingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("exists.mwsession"));
    QVERIFY(TestSupport::writeFile(path, "keep me"));
    QString error;
    QVERIFY(!SessionFile::create(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArrayLiteral("keep me"));

    // A missing folder is named, not reported as "No such file or directory".
    const QString missing = dir.filePath(QStringLiteral("not/there/new.mwsession"));
    QVERIFY(!SessionFile::create(missing, &error));
    QCOMPARE(error, QStringLiteral("Cannot create %1: the folder %2 does not exist")
                        .arg(missing, dir.filePath(QStringLiteral("not/there"))));
}

void TestSessionFile::createTakesAnEmptyFile() {
    // `--session "$(mktemp)"`: the empty file a script made is the session it names.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("made-by-mktemp.mwsession"));
    QVERIFY(TestSupport::writeFile(path, {}));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(SessionFile::needsCreating(path));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QCOMPARE(fileMode(path), mode_t(0600));
    const std::optional<SessionInfo> session = SessionFile::inspect(path, &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->captureCount, 0);
    QVERIFY(!SessionFile::needsCreating(path));

    // An empty main file beside a write-ahead log with content is not blank.
    const QString logged = dir.filePath(QStringLiteral("logged.mwsession"));
    QVERIFY(TestSupport::writeFile(logged, {}));
    QVERIFY(TestSupport::writeFile(logged + QStringLiteral("-wal"), QByteArray(32, 'x')));
    QVERIFY(!SessionFile::needsCreating(logged));
    QVERIFY(!SessionFile::needsCreating(dir.path()));
}

void TestSessionFile::aSymbolicLinkSharesTheLock() {
    // `--session latest.mwsession`, a link to the file another instance records into:
    // refused as in use, not a second writer whose every commit fails on the ids.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("real.mwsession"));
    const QString link = dir.filePath(QStringLiteral("latest.mwsession"));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QVERIFY(QFile::link(path, link));
    SessionFile first;
    QVERIFY2(first.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QVERIFY(SessionFile::isInUse(link));
    SessionFile second;
    QVERIFY(!second.open(link, SessionFile::Durability::Normal, &error));
    QVERIFY2(error.contains(QStringLiteral("is already open")), qPrintable(error));
    first.close();
    QVERIFY2(second.open(link, SessionFile::Durability::Normal, &error), qPrintable(error));
    QVERIFY(SessionFile::isInUse(path));
    second.close();
    QVERIFY(SessionFile::remove(link, &error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("real.mwsession")});
}

void TestSessionFile::roundTripThroughSaveAs() {
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.mwsession"));
    const QString saved = dir.filePath(QStringLiteral("saved.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(live, SessionFile::Durability::Normal, &error));
    QList<Capture> batch = mixedCaptures();
    QVERIFY(journal.commit(batch, &error));
    const QList<AnalysedCapture> analysed = analyse(batch);
    journal.addAnalyses(analysed);
    QVERIFY(journal.flush());

    // Save As while the journal still has the file open.
    QVERIFY2(SessionFile::saveCopy(live, saved, &error), qPrintable(error));
    QCOMPARE(fileMode(saved), mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden),
             QStringList());

    const QList<AnalysedCapture> reread = readAll(saved, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(reread.size(), analysed.size());
    for (qsizetype i = 0; i < analysed.size(); ++i) {
        QCOMPARE(reread.at(i).capture, analysed.at(i).capture);
        QCOMPARE(reread.at(i).analysis, analysed.at(i).analysis);
    }
    // Saving again over an existing file replaces it.
    QList<Capture> more{webhook("{}", 99)};
    QVERIFY(journal.commit(more, &error));
    QVERIFY2(SessionFile::saveCopy(live, saved, &error), qPrintable(error));
    QCOMPARE(SessionFile::inspect(saved, &error)->captureCount, analysed.size() + 1);
    QVERIFY(!SessionFile::saveCopy(live, live, &error));
}

void TestSessionFile::saveAsWhileTheJournalWrites() {
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.mwsession"));
    const QString saved = dir.filePath(QStringLiteral("copy.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(live, SessionFile::Durability::Normal, &error));
    int n = 0;
    for (int i = 0; i < 50; ++i) {
        QList<Capture> batch{webhook(QByteArray(2048, 'p'), ++n)};
        QVERIFY(journal.commit(batch, &error));
    }
    QString copyError;
    bool copied = false;
    QThread *copier =
        QThread::create([&] { copied = SessionFile::saveCopy(live, saved, &copyError); });
    copier->start();
    while (!copier->isFinished()) {
        QList<Capture> batch{webhook(QByteArray(2048, 'q'), ++n), webhook("{}", ++n)};
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
    }
    copier->wait();
    delete copier;
    QVERIFY2(copied, qPrintable(copyError));
    const std::optional<SessionInfo> info = SessionFile::inspect(saved, &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->captureCount >= 50);
    QVERIFY(info->captureCount <= n);
    // A consistent snapshot: ids 1..count without gaps.
    const QList<AnalysedCapture> all = readAll(saved, &error);
    QCOMPARE(all.size(), info->captureCount);
    QCOMPARE(all.constLast().capture.id, info->captureCount);
}

void TestSessionFile::failedSaveAsLeavesTargetAlone() {
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("good.mwsession"));
    writeSession(target);
    const QByteArray before = fileHash(target);
    const QString notASession = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(notASession);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    QString error;
    QVERIFY(!SessionFile::saveCopy(notASession, target, &error));
    QVERIFY2(error.contains(QLatin1String("not a session file")), qPrintable(error));
    QCOMPARE(fileHash(target), before);
    QVERIFY(
        !SessionFile::saveCopy(dir.filePath(QStringLiteral("missing.mwsession")), target, &error));
    QCOMPARE(fileHash(target), before);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden),
             QStringList());
}

void TestSessionFile::openRefusesBadFiles_data() {
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

void TestSessionFile::openRefusesBadFiles() {
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

void TestSessionFile::damagedPagesAreReportedWhenRead() {
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

void TestSessionFile::readOnlyDirectory() {
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

void TestSessionFile::appendRenumbersInArrivalOrder() {
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    const QString theirs = dir.filePath(QStringLiteral("theirs.mwsession"));
    const QList<AnalysedCapture> other = writeSession(theirs);
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
    QList<Capture> first{webhook("{}", 1), webhook("{}", 2), webhook("{}", 3)};
    QVERIFY(journal.commit(first, &error));
    const std::optional<AppendResult> result = journal.append(theirs, &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(result->firstId, 4);
    QCOMPARE(result->count(), other.size());
    QList<Capture> after{webhook("{}", 4)};
    QVERIFY(journal.commit(after, &error));
    QCOMPARE(after.constFirst().id, result->lastId + 1);
    QVERIFY(journal.close(&error));

    const QList<AnalysedCapture> all = readAll(mine, &error);
    QCOMPARE(all.size(), 3 + other.size() + 1);
    for (qsizetype i = 0; i < other.size(); ++i) {
        AnalysedCapture expected = other.at(i);
        expected.capture.id = 4 + i;
        QCOMPARE(all.at(3 + i), expected);
    }
}

void TestSessionFile::appendRefusesItselfAndForeignFiles() {
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    const QString text = dir.filePath(QStringLiteral("text.mwsession"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not sqlite");
    file.close();
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
    QList<Capture> first{webhook("{}", 1)};
    QVERIFY(journal.commit(first, &error));
    QVERIFY(!journal.append(mine, &error));
    QVERIFY2(error.contains(QLatin1String("itself")), qPrintable(error));
    QVERIFY(!journal.append(text, &error));
    QVERIFY2(error.contains(QLatin1String("not a session file")), qPrintable(error));
    QList<Capture> next{webhook("{}", 2)};
    QVERIFY(journal.commit(next, &error));
    QCOMPARE(next.constFirst().id, 2);
}

void TestSessionFile::moveKeepsEverything() {
    QTemporaryDir dir;
    const QString from = dir.filePath(QStringLiteral("from.mwsession"));
    const QString to = dir.filePath(QStringLiteral("to.mwsession"));
    const QList<AnalysedCapture> written = writeSession(from);
    QString error;
    QVERIFY2(SessionFile::move(from, to, &error), qPrintable(error));
    QVERIFY(!QFile::exists(from));
    QCOMPARE(readAll(to, &error), written);
    QVERIFY(!SessionFile::move(from, to, &error));
}

void TestSessionFile::missingAnalysesAreFoundOnOpen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> batch = mixedCaptures();
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY(journal.commit(batch, &error));
        // Only the first half got analysed before "the crash".
        journal.addAnalyses(analyse(batch.mid(0, batch.size() / 2)));
    }
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    QList<qint64> expected;
    for (qsizetype i = batch.size() / 2; i < batch.size(); ++i)
        expected.append(batch.at(i).id);
    QCOMPARE(loaded->needingAnalysis, expected);
    QCOMPARE(loaded->index.unanalysedCount(), expected.size());
    CaptureReader reader;
    QVERIFY(reader.open(path, &error));
    // The journal stored this build's decoder version; a newer decoder needs all again.
    const int version = CaptureAnalyser::decoderVersion();
    QCOMPARE(reader.capturesNeedingAnalysis(version, &error), expected);
    QCOMPARE(reader.capturesNeedingAnalysis(version + 1, &error).size(), batch.size());
    const std::optional<LoadedSession> newer =
        SessionLoader::load(path, {version + 1, 0, nullptr}, &error);
    QCOMPARE(newer->needingAnalysis.size(), batch.size());
}

void TestSessionFile::filesWithoutDigestsReadAndGainThem() {
    QTemporaryDir dir;
    const QString old = dir.filePath(QStringLiteral("old.mwsession"));
    const QByteArray message = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated","Data":{}})");
    QList<Capture> batch{webhook(message, 1), webhook("{}", 2), webhook(message, 3)};
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].id = i + 1; // as the journal numbers them
    SessionTestData::writeSession(old, batch);
    const auto digestsIn = [](const QString &path) {
        QString error;
        const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
        QList<quint64> digests;
        for (qsizetype i = 0; loaded && i < loaded->index.size(); ++i)
            digests.append(loaded->index.bodyDigest(i));
        return digests;
    };
    const quint64 digest = BodyDigest::of(message);
    QCOMPARE(digestsIn(old), (QList<quint64>{digest, BodyDigest::of("{}"), digest}));

    // As a build from before the column wrote it.
    QVERIFY(runSql(old, "ALTER TABLE analyses DROP COLUMN body_digest"));
    QString error;
    QVERIFY2(SessionFile::inspect(old, &error), qPrintable(error));
    QCOMPARE(digestsIn(old), (QList<quint64>{0, 0, 0}));

    // Appended into a session of this build: its rows come without digests.
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    {
        CaptureJournal journal;
        QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
        QVERIFY2(journal.append(old, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(digestsIn(mine), (QList<quint64>{0, 0, 0}));

    // Opened for writing, the old file gains the column; analysing again fills it.
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(old, SessionFile::Durability::Normal, &error), qPrintable(error));
        journal.addAnalyses(analyse(batch));
        QVERIFY(journal.close(&error));
    }
    SqliteDatabase db;
    QVERIFY(db.open(old, SqliteDatabase::Mode::ReadOnly, &error));
    QVERIFY(SessionSchema::hasColumn(db, "main", "analyses", "body_digest"));
    db.close();
    QCOMPARE(digestsIn(old), (QList<quint64>{digest, BodyDigest::of("{}"), digest}));
}

void TestSessionFile::olderViewsAreReplacedWhenWritten() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("views.mwsession"));
    QList<Capture> batch{webhook("{}", 1), webhook("{}", 2), webhook("{}", 3)};
    batch[1].remoteAddress = QStringLiteral("::1");
    batch[2].remoteAddress.clear(); // rebuilt by a salvage: neither remote nor status known
    batch[2].remotePort = 0;
    batch[2].response.status = 0;
    SessionTestData::writeSession(path, batch);
    // As an older build defined overview, plus a view of the user's own.
    QVERIFY(runSql(path, "DROP VIEW overview; CREATE VIEW overview AS SELECT c.id, "
                         "c.remote_address || ':' || c.remote_port AS remote, c.response_status AS "
                         "status FROM captures c; CREATE VIEW mine AS SELECT id FROM captures"));
    const auto overview = [&path] {
        SqliteDatabase db;
        QString error;
        QStringList rows;
        if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
            return QStringList{error};
        SqliteStatement select =
            db.prepare("SELECT quote(remote), quote(status) FROM overview ORDER BY id", &error);
        while (select.isValid() && select.step() == SqliteStatement::Step::Row)
            rows << select.columnText(0) + u' ' + select.columnText(1);
        return rows;
    };
    const QString port1 = QString::number(batch.at(0).remotePort);
    const QString port2 = QString::number(batch.at(1).remotePort);
    QCOMPARE(overview(), (QStringList{u"'127.0.0.1:"_s + port1 + u"' 200"_s,
                                      u"'::1:"_s + port2 + u"' 200"_s, u"':0' 0"_s}));

    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(overview(), (QStringList{u"'127.0.0.1:"_s + port1 + u"' 200"_s,
                                      u"'[::1]:"_s + port2 + u"' 200"_s, u"NULL NULL"_s}));
    QVERIFY(runSql(path, "SELECT id FROM mine"));
    // The schema of a file that is already current is left as it is.
    const auto schemaVersion = [&path] {
        SqliteDatabase db;
        QString error;
        return db.open(path, SqliteDatabase::Mode::ReadOnly, &error)
                   ? db.queryInt("PRAGMA schema_version", -1)
                   : -1;
    };
    const qint64 before = schemaVersion();
    QVERIFY(before > 0);
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(schemaVersion(), before);
}

void TestSessionFile::sqliteCliCanQueryTheViews() {
    const QString cli = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (cli.isEmpty())
        QSKIP("the sqlite3 command-line tool is not installed");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path);
    qsizetype general = 0;
    qsizetype events = 0;
    qsizetype entities = 0;
    for (const AnalysedCapture &c : written) {
        general += c.analysis.kind == WebhookKind::General ? 1 : 0;
        events += c.analysis.events.size();
        entities += c.analysis.entities.size();
    }
    QVERIFY(entities > 0);
    QProcess sqlite;
    sqlite.start(cli,
                 {QStringLiteral("-readonly"), path,
                  QStringLiteral("SELECT count(*) FROM overview WHERE kind = 'general';"
                                 "SELECT count(*) FROM webhook_events;"
                                 "SELECT count(*) FROM entity_versions;"
                                 "SELECT count(*) FROM missing_analyses;"
                                 "SELECT json_array_length(headers) > 0 FROM requests LIMIT 1;")});
    QVERIFY(sqlite.waitForFinished(10000));
    QCOMPARE(sqlite.exitCode(), 0);
    const QList<QByteArray> lines = sqlite.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0).toLongLong(), general);
    QCOMPARE(lines.at(1).toLongLong(), events);
    QCOMPARE(lines.at(2).toLongLong(), entities);
    QCOMPARE(lines.at(3).toLongLong(), 0);
    QCOMPARE(lines.at(4), QByteArrayLiteral("1"));
}

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
