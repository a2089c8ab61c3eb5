#include "session/sqlitedatabase.h"
#include "session/walcheckpointer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

namespace {

constexpr int PageSize = 4096;
constexpr qint64 FrameBytes = PageSize + 24;

/// A writer in WAL mode with one table of blobs, as a session's journal connection.
bool openWriter(SqliteDatabase &db, const QString &path) {
    QString error;
    return db.open(path, SqliteDatabase::Mode::ReadWriteCreate, &error) &&
           db.exec("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; "
                   "PRAGMA synchronous = NORMAL;",
                   &error) &&
           db.exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)", &error);
}

/// Commits `count` transactions of one row each, a quarter of a page, so each commit adds
/// about one frame to the log; the number that failed. With pauses, the writer rests
/// 200 µs after every 8 commits, as the listener does between group commits.
enum class Pace { Pauses, NoPause };
int commitRows(SqliteDatabase &db, int count, Pace pace = Pace::Pauses) {
    QString error;
    SqliteStatement insert = db.prepare("INSERT INTO blobs (data) VALUES (?1)", &error);
    const QByteArray data(PageSize / 4, 'x');
    int failed = 0;
    for (int i = 0; i < count; ++i) {
        insert.reset();
        insert.bindBlobView(1, data);
        if (!insert.run())
            ++failed;
        if (pace == Pace::Pauses && i % 8 == 7)
            QThread::usleep(200);
    }
    return failed;
}

qint64 rowCount(const QString &path) {
    SqliteDatabase reader;
    QString error;
    if (!reader.open(path, SqliteDatabase::Mode::ReadOnly, &error))
        return -1;
    return reader.queryInt("SELECT count(*) FROM blobs", -1);
}

} // namespace

class TestWalCheckpointer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheLogShort_data();
    void keepsTheLogShort();
    void quietWhileTheLogIsShort();
    void detachGivesCheckpointsBackToTheWriter();
    void refusesAFileItCannotOpen();
    void threadIsNamed();
};

void TestWalCheckpointer::keepsTheLogShort_data() {
    QTest::addColumn<int>("pace");
    QTest::addColumn<int>("commits");
    QTest::addColumn<int>("maxFrames");
    // Checkpoints restart the log past RestartFrames; what the writer adds meanwhile
    // comes on top.
    QTest::newRow("group commits") << int(Pace::Pauses) << 3 * WalCheckpointer::RestartFrames
                                   << 2 * WalCheckpointer::RestartFrames;
    // A writer that never pauses leaves the restart only microseconds between commits;
    // the log must still start over (without a restart it would hold every frame).
    QTest::newRow("no pause") << int(Pace::NoPause) << 4 * WalCheckpointer::RestartFrames
                              << 3 * WalCheckpointer::RestartFrames;
}

void TestWalCheckpointer::keepsTheLogShort() {
    QFETCH(int, pace);
    QFETCH(int, commits);
    QFETCH(int, maxFrames);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("busy.db"));
    SqliteDatabase db;
    QVERIFY(openWriter(db, path));
    WalCheckpointer checkpointer;
    QString error;
    QVERIFY2(checkpointer.attach(db.handle(), path, &error), qPrintable(error));

    QCOMPARE(commitRows(db, commits, Pace(pace)), 0);
    QVERIFY(checkpointer.checkpointCount() > 0);
    // The log file keeps its longest size: that is the longest the log was.
    const qint64 peakFrames = QFileInfo(path + QStringLiteral("-wal")).size() / FrameBytes;
    QVERIFY2(peakFrames < maxFrames,
             qPrintable(QStringLiteral("the log grew to %1 frames").arg(peakFrames)));
    checkpointer.detach();
    QCOMPARE(rowCount(path), qint64(commits));
}

void TestWalCheckpointer::quietWhileTheLogIsShort() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("quiet.db"));
    SqliteDatabase db;
    QVERIFY(openWriter(db, path));
    WalCheckpointer checkpointer;
    QString error;
    QVERIFY2(checkpointer.attach(db.handle(), path, &error), qPrintable(error));
    QCOMPARE(commitRows(db, WalCheckpointer::PassiveFrames / 4), 0);
    QTest::qWait(50);
    QCOMPARE(checkpointer.checkpointCount(), 0);
}

void TestWalCheckpointer::detachGivesCheckpointsBackToTheWriter() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("detached.db"));
    SqliteDatabase db;
    QVERIFY(openWriter(db, path));
    WalCheckpointer checkpointer;
    QString error;
    QVERIFY2(checkpointer.attach(db.handle(), path, &error), qPrintable(error));
    QVERIFY(checkpointer.isAttached());
    checkpointer.detach();
    QVERIFY(!checkpointer.isAttached());
    // The writer checkpoints by itself again (SQLite's automatic checkpoint after 1000
    // frames restarts the log), so the log stays short without the thread.
    const int commits = 3 * WalCheckpointer::RestartFrames;
    QCOMPARE(commitRows(db, commits), 0);
    const qint64 walBytes = QFileInfo(path + QStringLiteral("-wal")).size();
    QVERIFY2(walBytes < qint64(commits) * FrameBytes / 2,
             qPrintable(QStringLiteral("the log grew to %1 bytes").arg(walBytes)));
    QCOMPARE(rowCount(path), qint64(commits));
}

void TestWalCheckpointer::refusesAFileItCannotOpen() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("writer.db"));
    SqliteDatabase db;
    QVERIFY(openWriter(db, path));
    WalCheckpointer checkpointer;
    QString error;
    const QString missing = dir.filePath(QStringLiteral("no/such/dir/file.db"));
    QVERIFY(!checkpointer.attach(db.handle(), missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(!checkpointer.isAttached());
}

void TestWalCheckpointer::threadIsNamed() {
#ifndef __linux__
    QSKIP("thread names are read from /proc");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("named.db"));
    SqliteDatabase db;
    QVERIFY(openWriter(db, path));
    WalCheckpointer checkpointer;
    QString error;
    QVERIFY2(checkpointer.attach(db.handle(), path, &error), qPrintable(error));
    const auto named = [] {
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "mwi-checkpoint")
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(named(), 5000);
    checkpointer.detach();
    QVERIFY(!named());
#endif
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
