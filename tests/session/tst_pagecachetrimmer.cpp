#include "pagecacheprobe.h"
#include "session/pagecachetrimmer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

namespace {

constexpr qint64 MiB = 1024 * 1024;

/// Appends `bytes` of a pattern that depends on the offset, and syncs.
bool appendSynced(const QString &path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const qint64 start = file.size();
    QByteArray chunk(int(MiB), Qt::Uninitialized);
    for (qint64 done = 0; done < bytes; done += chunk.size()) {
        const qint64 offset = start + done;
        for (int i = 0; i < chunk.size(); ++i)
            chunk[i] = char((offset + i) * 31 / 7);
        if (file.write(chunk) != chunk.size())
            return false;
    }
    return file.flush() && ::fdatasync(file.handle()) == 0;
}

bool holdsThePattern(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray data = file.readAll();
    for (qint64 i = 0; i < data.size(); ++i) {
        if (data[i] != char(i * 31 / 7))
            return false;
    }
    return true;
}

/// Whether [from, to) is still in the page cache. The kernel may evict a page or two of
/// its own accord under memory pressure (seen under ASan), so "kept" means at least three
/// quarters; a range the trimmer released reads as zero.
bool kept(const QString &path, qint64 from, qint64 to) {
    const qint64 cached = PageCacheProbe::cachedBytes(path, from, to);
    if (cached * 4 >= (to - from) * 3)
        return true;
    qWarning("only %lld of %lld bytes at %lld are cached", cached, to - from, from);
    return false;
}

} // namespace

/// Real files on the build directory's file system (tmpfs, which keeps every page, is
/// skipped), observed with mincore().
class TestPageCacheTrimmer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void releasesAllButTheTail();
    void releasesOnlyWhatAgedSinceTheLastCall();
    void startsAgainWhenTheFileShrank();
    void refusesAMissingFile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestPageCacheTrimmer::init() {
    m_dir = std::make_unique<QTemporaryDir>(
        QDir::current().filePath(QStringLiteral("tst_pagecachetrimmer-XXXXXX")));
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("session.db"));
    if (!PageCacheProbe::canDropPages(m_dir->path()))
        QSKIP("the file system keeps every page (tmpfs)");
}

void TestPageCacheTrimmer::cleanup() {
    m_dir.reset();
}

void TestPageCacheTrimmer::releasesAllButTheTail() {
    QVERIFY(appendSynced(m_path, 8 * MiB));
    QVERIFY(kept(m_path, 0, 8 * MiB)); // just written
    PageCacheTrimmer trimmer;
    QVERIFY(trimmer.open(m_path));
    QCOMPARE(trimmer.trim(2 * MiB), 6 * MiB);
    QCOMPARE(trimmer.trimmedTo(), 6 * MiB);
    QCOMPARE(PageCacheProbe::cachedBytes(m_path, 0, 6 * MiB), 0);
    QVERIFY(kept(m_path, 6 * MiB, 8 * MiB));
    QVERIFY(holdsThePattern(m_path));
    QCOMPARE(trimmer.trim(2 * MiB), 0); // nothing aged since
}

void TestPageCacheTrimmer::releasesOnlyWhatAgedSinceTheLastCall() {
    QVERIFY(appendSynced(m_path, 8 * MiB));
    PageCacheTrimmer trimmer;
    QVERIFY(trimmer.open(m_path));
    QCOMPARE(trimmer.trim(2 * MiB), 6 * MiB);
    {
        QFile file(m_path); // a reader brings the first MiB back
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(MiB).size(), MiB);
    }
    QVERIFY(appendSynced(m_path, 4 * MiB));
    QCOMPARE(trimmer.trim(2 * MiB), 4 * MiB);
    QVERIFY(kept(m_path, 0, MiB)); // read since the last call: not released again
    QCOMPARE(PageCacheProbe::cachedBytes(m_path, 6 * MiB, 10 * MiB), 0);
    QVERIFY(kept(m_path, 10 * MiB, 12 * MiB));
}

void TestPageCacheTrimmer::startsAgainWhenTheFileShrank() {
    QVERIFY(appendSynced(m_path, 4 * MiB));
    PageCacheTrimmer trimmer;
    QVERIFY(trimmer.open(m_path));
    QCOMPARE(trimmer.trim(0), 4 * MiB);
    QVERIFY(QFile::resize(m_path, MiB));
    QVERIFY(appendSynced(m_path, 2 * MiB)); // back to 3 MiB, all of it cached
    QCOMPARE(trimmer.trim(0), 3 * MiB);
    QCOMPARE(PageCacheProbe::cachedBytes(m_path, 0, 3 * MiB), 0);
}

void TestPageCacheTrimmer::refusesAMissingFile() {
    PageCacheTrimmer trimmer;
    QString error;
    const QString missing = m_dir->filePath(QStringLiteral("missing.db"));
    QVERIFY(!trimmer.open(missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(!trimmer.isOpen());
    QCOMPARE(trimmer.trim(0), -1);
}

QTEST_GUILESS_MAIN(TestPageCacheTrimmer)
#include "tst_pagecachetrimmer.moc"
