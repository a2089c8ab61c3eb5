#include "pagecacheprobe.h"
#include "session/sqlitedatabase.h"
#include "session/walcheckpointer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

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

/// Commits `count` transactions of one row each, by default a quarter of a page, so each
/// commit adds about one frame to the log; the number that failed. With pauses, the writer rests
/// 200 µs after every 8 commits, as the listener does between group commits.
enum class Pace { Pauses, NoPause };
int commitRows(SqliteDatabase &db, int count, Pace pace = Pace::Pauses,
               int rowBytes = PageSize / 4) {
    QString error;
    SqliteStatement insert = db.prepare("INSERT INTO blobs (data) VALUES (?1)", &error);
    const QByteArray data(rowBytes, 'x');
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

/// The longest the log was: its file keeps its longest size.
qint64 logPeakFrames(const QString &path) {
    return QFileInfo(path + QStringLiteral("-wal")).size() / FrameBytes;
}

} // namespace

/// Each test gets a writer on a new file in a scratch directory, and a checkpointer that
/// is not attached yet.
class TestWalCheckpointer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void keepsTheLogShort_data();
    void keepsTheLogShort();
    void quietWhileTheLogIsShort();
    void spacesCheckpointsOut();
    void copiedPagesLeaveThePageCache();
    void detachGivesCheckpointsBackToTheWriter();
    void refusesAFileItCannotOpen();
    void threadIsNamed();

private:
    bool attach(qint64 cachedTailBytes = WalCheckpointer::DefaultCachedTailBytes);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
};

void TestWalCheckpointer::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("session.db"));
    m_db = std::make_unique<SqliteDatabase>();
    QVERIFY(openWriter(*m_db, m_path));
    m_checkpointer = std::make_unique<WalCheckpointer>();
}

void TestWalCheckpointer::cleanup() {
    m_checkpointer.reset(); // detaches before the writer closes
    m_db.reset();
    m_dir.reset();
}

bool TestWalCheckpointer::attach(qint64 cachedTailBytes) {
    QString error;
    if (m_checkpointer->attach(m_db->handle(), m_path, &error, cachedTailBytes))
        return true;
    qWarning("attach: %s", qPrintable(error));
    return false;
}

void TestWalCheckpointer::keepsTheLogShort_data() {
    QTest::addColumn<int>("pace");
    QTest::addColumn<int>("commits");
    QTest::addColumn<int>("maxFrames");
    // Checkpoints restart the log past RestartFrames; what the writer adds meanwhile
    // comes on top, and more of it when other processes slow the checkpoint's fsyncs
    // down (as ctest -j does). Without restarts the log would hold a frame per commit.
    QTest::newRow("group commits") << int(Pace::Pauses) << 6 * WalCheckpointer::RestartFrames
                                   << 3 * WalCheckpointer::RestartFrames;
    // A writer that never pauses leaves the restart only microseconds between commits;
    // the log must still start over. How long it grows first depends on how much CPU the
    // checkpoint thread gets: on a loaded machine (a load average of 6 on two cores) the
    // log reached 76,000-81,000 frames in 2 runs of 6, after the restarts that did come
    // in. So this row asks for restarts, not for a length.
    QTest::newRow("no pause") << int(Pace::NoPause) << 6 * WalCheckpointer::RestartFrames << 0;
}

void TestWalCheckpointer::keepsTheLogShort() {
    QFETCH(int, pace);
    QFETCH(int, commits);
    QFETCH(int, maxFrames);
    QVERIFY(attach());
    QCOMPARE(commitRows(*m_db, commits, Pace(pace)), 0);
    QVERIFY(m_checkpointer->checkpointCount() > 0);
    // Each RESTART lets the next commit write the log from its start again.
    QVERIFY(m_checkpointer->restartCount() > 0);
    const qint64 peak = logPeakFrames(m_path);
    if (maxFrames > 0)
        QVERIFY2(peak < maxFrames,
                 qPrintable(QStringLiteral("the log grew to %1 frames").arg(peak)));
    m_checkpointer->detach();
    QCOMPARE(rowCount(m_path), qint64(commits));
}

void TestWalCheckpointer::quietWhileTheLogIsShort() {
    QVERIFY(attach());
    QCOMPARE(commitRows(*m_db, WalCheckpointer::PassiveFrames / 4), 0);
    QTest::qWait(50);
    QCOMPARE(m_checkpointer->checkpointCount(), 0);
}

void TestWalCheckpointer::spacesCheckpointsOut() {
    // Each checkpoint syncs the file twice, so it waits for PassiveFrames new frames
    // instead of following every commit once the log is that long. A commit here adds a
    // frame, or two when a b-tree page above the row changes too.
    QVERIFY(attach());
    const int commits = 6 * WalCheckpointer::RestartFrames;
    QCOMPARE(commitRows(*m_db, commits), 0);
    const int most = 2 * commits / WalCheckpointer::PassiveFrames;
    QVERIFY2(m_checkpointer->checkpointCount() <= most,
             qPrintable(QStringLiteral("%1 checkpoints for %2 commits; at most %3 expected")
                            .arg(m_checkpointer->checkpointCount())
                            .arg(commits)
                            .arg(most)));
    QVERIFY(m_checkpointer->checkpointCount() > 0);
}

void TestWalCheckpointer::copiedPagesLeaveThePageCache() {
    if (!PageCacheProbe::canDropPages(m_dir->path()))
        QSKIP("the file system keeps every page (tmpfs)");
    constexpr qint64 Tail = 16 * 1024 * 1024;
    QVERIFY(attach(Tail));
    // 48 MiB in rows of 64 KiB, so the file outgrows the tail that stays cached.
    constexpr int RowBytes = 64 * 1024;
    const int rows = int(3 * Tail / RowBytes);
    QCOMPARE(commitRows(*m_db, rows, Pace::NoPause, RowBytes), 0);
    // The checkpoints copy and release the file in passes; the last pass may still run.
    const auto aged = [this] {
        return QFileInfo(m_path).size() - Tail;
    };
    QTRY_VERIFY_WITH_TIMEOUT(aged() > Tail, 10000);
    const auto cachedShare = [&] {
        return double(PageCacheProbe::cachedBytes(m_path, 0, aged())) / double(aged());
    };
    // Pages SQLite read back (b-tree pages above the rows) may be cached again.
    QTRY_VERIFY2_WITH_TIMEOUT(
        cachedShare() < 0.1,
        qPrintable(
            QStringLiteral("%1% of the copied part is cached").arg(100 * cachedShare(), 0, 'f', 1)),
        10000);
    const qint64 tail = PageCacheProbe::cachedBytes(m_path, aged(), QFileInfo(m_path).size());
    QVERIFY2(tail > Tail / 2,
             qPrintable(QStringLiteral("only %1 bytes of the tail are cached").arg(tail)));
}

void TestWalCheckpointer::detachGivesCheckpointsBackToTheWriter() {
    QVERIFY(attach());
    QVERIFY(m_checkpointer->isAttached());
    m_checkpointer->detach();
    QVERIFY(!m_checkpointer->isAttached());
    // The writer checkpoints by itself again (SQLite's automatic checkpoint after 1000
    // frames restarts the log), so the log stays short without the thread.
    const int commits = 3 * WalCheckpointer::RestartFrames;
    QCOMPARE(commitRows(*m_db, commits), 0);
    const qint64 peak = logPeakFrames(m_path);
    QVERIFY2(peak < commits / 2, qPrintable(QStringLiteral("the log grew to %1 frames").arg(peak)));
    QCOMPARE(rowCount(m_path), qint64(commits));
}

void TestWalCheckpointer::refusesAFileItCannotOpen() {
    QString error;
    const QString missing = m_dir->filePath(QStringLiteral("no/such/dir/file.db"));
    QVERIFY(!m_checkpointer->attach(m_db->handle(), missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(!m_checkpointer->isAttached());
}

void TestWalCheckpointer::threadIsNamed() {
#ifndef __linux__
    QSKIP("thread names are read from /proc");
#else
    QVERIFY(attach());
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
    m_checkpointer->detach();
    QVERIFY(!named());
#endif
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
