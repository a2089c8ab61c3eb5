#include "pagecacheprobe.h"
#include "sessiontestdata.h"

#include "session/scanprefetcher.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace SessionTestData;

namespace {

/// Enough captures for interior pages in both tables (a two-level b-tree each).
constexpr int Captures = 4000;

QList<Capture> generalCaptures() {
    QList<Capture> captures;
    for (int n = 1; n <= Captures; ++n) {
        const QByteArray id = QByteArray::number(100000000000LL + n);
        captures.append(webhook(general({{"ServiceOrderUpdated", "5e3b8c1d-0000-4000-8000-" + id},
                                         {"MessageAdded", "9a1c2e3f-0000-4000-8000-" + id}}),
                                n));
    }
    return captures;
}

QList<qint64> rootPages(const QString &path) {
    SqliteDatabase db;
    QString error;
    QList<qint64> roots;
    if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
        return roots;
    SqliteStatement query = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' "
                                       "AND name IN ('captures', 'analyses') ORDER BY name",
                                       &error);
    while (query.step() == SqliteStatement::Step::Row)
        roots.append(query.columnInt(0));
    return roots;
}

/// The plan page by page: (page, the first key it may hold when it starts its run, else 0:
/// a run's key is its first page's).
QList<std::pair<qint64, qint64>> pagesOf(const QList<ScanPrefetcher::Run> &runs) {
    QList<std::pair<qint64, qint64>> pages;
    for (const ScanPrefetcher::Run &run : runs) {
        for (qint64 i = 0; i < run.pages; ++i)
            pages.append({run.page + i, i == 0 ? run.firstKey : 0});
    }
    return pages;
}

QSet<qint64> pageSet(const QList<Leaf> &leaves) {
    QSet<qint64> pages;
    for (const Leaf &leaf : leaves)
        pages.insert(leaf.page);
    return pages;
}

/// Writes the file's dirty pages and drops it from the page cache.
bool dropFromPageCache(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool dropped =
        ::fdatasync(fd) == 0 && ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return dropped;
}

qint64 cachedPages(const QString &path, const QList<Leaf> &leaves) {
    qint64 cached = 0;
    for (const Leaf &leaf : leaves) {
        const qint64 from = (leaf.page - 1) * SessionPageSize;
        cached +=
            PageCacheProbe::cachedBytes(path, from, from + SessionPageSize) == SessionPageSize;
    }
    return cached;
}

} // namespace

/// Plans from real session files, checked against SQLite's own page list (dbstat).
class TestScanPrefetcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void thePlanListsEveryLeafInScanOrder();
    void aLaterStartSkipsTheLeavesBeforeIt();
    void aFileThatIsNotSqliteGivesNoPlan();
    void damagedInteriorPagesNeverLeadOutsideTheFile();
    void prefetchingBringsInTheLeavesButNotTheBodies();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QList<qint64> m_roots;
};

void TestScanPrefetcher::initTestCase() {
    // On the build directory's file system: tmpfs keeps every page, so nothing is seen
    // coming in there.
    m_dir = std::make_unique<QTemporaryDir>(
        QDir::current().filePath(QStringLiteral("tst_scanprefetcher-XXXXXX")));
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("session.mwsession"));
    writeSession(m_path, generalCaptures());
    m_roots = rootPages(m_path);
    QCOMPARE(m_roots.size(), 2);
}

void TestScanPrefetcher::thePlanListsEveryLeafInScanOrder() {
    qint64 pageSize = 0;
    const QList<ScanPrefetcher::Run> runs = ScanPrefetcher::plan(m_path, m_roots, 0, &pageSize);
    QCOMPARE(pageSize, SessionPageSize);
    const QList<std::pair<qint64, qint64>> planned = pagesOf(runs);
    const QList<Leaf> analyses = leafPages(m_path, "analyses");
    const QList<Leaf> captures = leafPages(m_path, "captures");
    QVERIFY(analyses.size() > 1 && captures.size() > 1);
    QCOMPARE(planned.size(), analyses.size() + captures.size());
    // Each table's leaves come in its own key order, each with the keys it holds.
    for (const QList<Leaf> &table : {analyses, captures}) {
        const QSet<qint64> pages = pageSet(table);
        qsizetype next = 0;
        for (const auto &[page, firstKey] : planned) {
            if (!pages.contains(page))
                continue;
            QCOMPARE(page, table.at(next).page);
            if (next > 0 && firstKey != 0) // the first leaf may hold any key up to its last
                QCOMPARE(firstKey, table.at(next).firstKey);
            ++next;
        }
        QCOMPARE(next, table.size());
    }
    // The tables are interleaved as a scan in step reaches them, and adjacent pages are
    // asked for as one run.
    for (qsizetype i = 1; i < runs.size(); ++i) {
        QVERIFY(runs.at(i - 1).firstKey <= runs.at(i).firstKey);
        QVERIFY(runs.at(i - 1).page + runs.at(i - 1).pages != runs.at(i).page);
    }
}

void TestScanPrefetcher::aLaterStartSkipsTheLeavesBeforeIt() {
    constexpr qint64 From = 3000;
    QSet<qint64> planned;
    for (const auto &[page, firstKey] : pagesOf(ScanPrefetcher::plan(m_path, m_roots, From)))
        planned.insert(page);
    QSet<qint64> wanted;
    for (const char *table : {"analyses", "captures"}) {
        for (const Leaf &leaf : leafPages(m_path, table)) {
            if (leaf.lastKey >= From)
                wanted.insert(leaf.page);
        }
    }
    QVERIFY(!wanted.isEmpty());
    QCOMPARE(planned, wanted);
}

void TestScanPrefetcher::aFileThatIsNotSqliteGivesNoPlan() {
    const QString text = m_dir->filePath(QStringLiteral("notes.txt"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(64 * 1024, 'x'));
    file.close();
    QVERIFY(ScanPrefetcher::plan(text, {2, 3}, 0).isEmpty());
    QVERIFY(ScanPrefetcher::plan(m_dir->filePath(QStringLiteral("missing")), {2}, 0).isEmpty());
    // And a prefetcher for it finishes without asking for anything.
    ScanPrefetcher prefetcher(text, {2, 3}, 0);
    QVERIFY(prefetcher.waitUntilDone(10000));
    QCOMPARE(prefetcher.requestedBytes(), 0);
}

void TestScanPrefetcher::damagedInteriorPagesNeverLeadOutsideTheFile() {
    const QString path = m_dir->filePath(QStringLiteral("damaged.mwsession"));
    const qint64 pageCount = QFileInfo(m_path).size() / SessionPageSize;
    QRandomGenerator random(20261207);
    for (int round = 0; round < 200; ++round) {
        QFile::remove(path);
        QVERIFY(QFile::copy(m_path, path));
        // An interior page of random bytes, but for its type, so the walk reads it as one.
        QByteArray page(SessionPageSize, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(page.data()), page.size() / 4);
        page[0] = char(0x05);
        if (round % 2)
            page[3] = page[4] = char(0); // few cells: the right-most pointer is used
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek((m_roots.at(round % 2) - 1) * SessionPageSize));
        QCOMPARE(file.write(page), SessionPageSize);
        file.close();
        for (const auto &[planned, firstKey] : pagesOf(ScanPrefetcher::plan(path, m_roots, 0))) {
            QVERIFY2(planned >= 1 && planned <= pageCount, qPrintable(QString::number(planned)));
        }
    }
    // A whole damaged root leaves the other table's plan as it was.
    QFile::remove(path);
    QVERIFY(QFile::copy(m_path, path));
    QVERIFY(damagePage(path, m_roots.at(0))); // analyses
    QSet<qint64> planned;
    for (const auto &[page, firstKey] : pagesOf(ScanPrefetcher::plan(path, m_roots, 0)))
        planned.insert(page);
    QCOMPARE(planned, pageSet(leafPages(m_path, "captures")));
}

void TestScanPrefetcher::prefetchingBringsInTheLeavesButNotTheBodies() {
    if (!PageCacheProbe::canDropPages(m_dir->path()))
        QSKIP("the file system keeps every page (tmpfs)");
    const QList<Leaf> leaves = leafPages(m_path, "analyses") + leafPages(m_path, "captures");
    const QList<Leaf> bodies = leafPages(m_path, "payloads");
    QVERIFY(dropFromPageCache(m_path));
    if (cachedPages(m_path, leaves) > leaves.size() / 10)
        QSKIP("the kernel did not drop the file's pages");
    // A window smaller than the plan: it waits for the scan before it asks for the rest.
    const qint64 window = 16 * SessionPageSize;
    ScanPrefetcher prefetcher(m_path, m_roots, 0, window);
    QVERIFY(!prefetcher.waitUntilDone(300));
    QVERIFY(prefetcher.requestedBytes() > 0);
    QVERIFY(prefetcher.requestedBytes() <= window + 64 * SessionPageSize);
    prefetcher.advance(Captures);
    QVERIFY(prefetcher.waitUntilDone(10000));
    QCOMPARE(prefetcher.requestedBytes(), leaves.size() * SessionPageSize);
    QTRY_COMPARE_WITH_TIMEOUT(cachedPages(m_path, leaves), leaves.size(), 10000);
    // The bodies' pages, which lie between the leaves, stay on disk.
    QVERIFY2(cachedPages(m_path, bodies) < bodies.size() / 4,
             qPrintable(QStringLiteral("%1 of %2 body pages cached")
                            .arg(cachedPages(m_path, bodies))
                            .arg(bodies.size())));
}

QTEST_GUILESS_MAIN(TestScanPrefetcher)
#include "tst_scanprefetcher.moc"
