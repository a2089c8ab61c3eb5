#include "sessiontestdata.h"

#include "session/capturejournal.h"
#include "session/capturestore.h"
#include "session/sessionloader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

/// A live session as the window has it: the journal writing a file, a store showing it.
struct LiveSession {
    QTemporaryDir dir;
    CaptureJournal journal;
    CaptureStore store;

    bool open(QString *error) {
        const QString path = dir.filePath(QStringLiteral("live.mwsession"));
        if (!journal.open(path, SessionFile::Durability::Normal, error))
            return false;
        const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, error);
        return loaded && store.adopt(*loaded, error);
    }
};

} // namespace

class TestCaptureStoreFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveAppendsAreBatched();
    void capturesNoLongerKeptAreRetiredAndReadFromTheFile();
    void openAsyncAdoptsOrReportsFailure();
    void appendLoadedAfterAppendingASession();
    void clearEmptiesTheStore();
    void closeReleasesTheFile();
    void relocateKeepsTheRowsAndReadsTheNewFile();
};

void TestCaptureStoreFile::liveAppendsAreBatched() {
    LiveSession live;
    CaptureJournal &journal = live.journal;
    CaptureStore &store = live.store;
    QString error;
    QVERIFY2(live.open(&error), qPrintable(error));
    QSignalSpy appended(&store, &CaptureStore::rowsAppended);
    QList<Capture> batch = mixedCaptures();
    QVERIFY(journal.commit(batch, &error));
    const QList<AnalysedCapture> analysed = analyse(batch);
    store.append(analysed);
    QCOMPARE(appended.size(), 1);
    QCOMPARE(appended.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), batch.size() - 1);
    // Recent captures come from memory, even before their analysis is on disk.
    QCOMPARE(*store.capture(batch.constLast().id, &error), analysed.constLast());
    QList<Capture> next{webhook("{}", 500)};
    QVERIFY(journal.commit(next, &error));
    store.append(analyse(next));
    QCOMPARE(appended.size(), 2);
    QCOMPARE(appended.at(1).at(0).value<qsizetype>(), batch.size());
    store.append(QList<AnalysedCapture>());
    QCOMPARE(appended.size(), 2);
    // Older captures than the store already has are refused.
    store.append(analyse(batch.mid(0, 1)));
    QCOMPARE(store.size(), batch.size() + 1);
}

void TestCaptureStoreFile::capturesNoLongerKeptAreRetiredAndReadFromTheFile() {
    LiveSession live;
    CaptureJournal &journal = live.journal;
    CaptureStore &store = live.store;
    QString error;
    QVERIFY2(live.open(&error), qPrintable(error));
    QList<qint64> retired;
    store.setRetire([&retired](QList<QList<AnalysedCapture>> &&batches) {
        for (const QList<AnalysedCapture> &batch : batches)
            for (const AnalysedCapture &analysed : batch)
                retired.append(analysed.capture.id);
    });
    constexpr int Batch = 100;
    constexpr int Batches = CaptureStore::KeptRecentCaptures / Batch + 2;
    QList<qint64> firstBatch;
    for (int b = 0; b < Batches; ++b) {
        QList<Capture> batch;
        for (int i = 0; i < Batch; ++i)
            batch.append(webhook(QByteArray::number(b * Batch + i), 200));
        QVERIFY(journal.commit(batch, &error));
        if (b == 0) {
            for (const Capture &capture : std::as_const(batch))
                firstBatch.append(capture.id);
        }
        store.append(analyse(batch));
    }
    // The oldest batch went; the store still answers for it, from the file.
    QCOMPARE(retired, firstBatch);
    const std::optional<AnalysedCapture> oldest = store.capture(firstBatch.constFirst(), &error);
    QVERIFY2(oldest, qPrintable(error));
    QCOMPARE(oldest->capture.body, QByteArray("0"));
}

void TestCaptureStoreFile::openAsyncAdoptsOrReportsFailure() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    CaptureStore store;
    QSignalSpy opened(&store, &CaptureStore::opened);
    QSignalSpy failed(&store, &CaptureStore::openFailed);
    QSignalSpy reset(&store, &CaptureStore::reset);
    store.openAsync(path);
    QVERIFY(store.isOpening());
    QVERIFY(opened.wait(10000));
    QVERIFY(!store.isOpening());
    QCOMPARE(reset.size(), 1);
    QCOMPARE(store.size(), written.size());
    QCOMPARE(store.path(), path);

    const QString bad = dir.filePath(QStringLiteral("bad.mwsession"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("garbage that is not a session");
    file.close();
    store.openAsync(bad);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).toString(), bad);
    QVERIFY(failed.at(0).at(1).toString().contains(QLatin1String("not a session file")));
    QCOMPARE(store.size(), written.size()); // unchanged
    QCOMPARE(store.path(), path);

    // A second open cancels the first; only the last one reports.
    store.openAsync(bad);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(failed.size(), 1);
}

void TestCaptureStoreFile::appendLoadedAfterAppendingASession() {
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    const QString theirs = dir.filePath(QStringLiteral("theirs.mwsession"));
    writeSession(theirs, mixedCaptures());
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
    QList<Capture> first{webhook("{}", 1)};
    QVERIFY(journal.commit(first, &error));
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(mine, {}, &error), &error));
    const std::optional<AppendResult> appended = journal.append(theirs, &error);
    QVERIFY2(appended, qPrintable(error));
    QSignalSpy rows(&store, &CaptureStore::rowsAppended);
    const std::optional<LoadedSession> more =
        SessionLoader::load(mine, {0, appended->firstId, nullptr}, &error);
    QVERIFY2(more, qPrintable(error));
    store.appendLoaded(*more);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(store.size(), 1 + appended->count());
    QCOMPARE(store.row(store.size() - 1).id, appended->lastId);
    QVERIFY(store.capture(appended->lastId, &error));
    QCOMPARE(store.index().countOf(ContractState::Rejected), 1);
}

void TestCaptureStoreFile::clearEmptiesTheStore() {
    CaptureStore store;
    QSignalSpy cleared(&store, &CaptureStore::cleared);
    QList<Capture> captures = mixedCaptures();
    for (qsizetype i = 0; i < captures.size(); ++i)
        captures[i].id = i + 1;
    store.append(analyse(captures));
    QCOMPARE(store.size(), captures.size());
    store.clear();
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.index().countOf(WebhookKind::General), 0);
    QString error;
    QVERIFY(!store.capture(1, &error));
}

void TestCaptureStoreFile::closeReleasesTheFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QList<Capture> batch{webhook("{}", 1)};
    QVERIFY(journal.commit(batch, &error));
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    QSignalSpy cleared(&store, &CaptureStore::cleared);
    store.close();
    QCOMPARE(cleared.size(), 1);
    QVERIFY(store.path().isEmpty());
    QVERIFY(journal.close(&error));
    // The journal was the last connection: one self-contained file remains.
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

void TestCaptureStoreFile::relocateKeepsTheRowsAndReadsTheNewFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.mwsession"));
    const QString target = dir.filePath(QStringLiteral("saved.mwsession"));
    QString error;
    qint64 firstId = 0;
    {
        CaptureJournal journal;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QList<Capture> batch{webhook("{\"a\":1}", 1), webhook("{\"b\":2}", 2)};
        QVERIFY(journal.commit(batch, &error));
        firstId = batch.first().id;
        QVERIFY(journal.close(&error));
    }
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    QSignalSpy cleared(&store, &CaptureStore::cleared);
    QSignalSpy reset(&store, &CaptureStore::reset);
    store.releaseFile();
    QVERIFY(store.path().isEmpty());
    QCOMPARE(store.size(), 2);
    // Nothing holds the file now: it can be moved.
    QVERIFY2(SessionFile::move(path, target, &error), qPrintable(error));
    QVERIFY(!store.capture(firstId, &error)); // not recent, and no file to read it from
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.relocate(dir.filePath(QStringLiteral("missing.mwsession")), &error));
    QVERIFY(store.path().isEmpty());
    QVERIFY2(store.relocate(target, &error), qPrintable(error));
    QCOMPARE(store.path(), target);
    QCOMPARE(store.size(), 2);
    const std::optional<AnalysedCapture> read = store.capture(firstId, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->capture.body, QByteArray("{\"a\":1}"));
    QCOMPARE(cleared.size(), 0);
    QCOMPARE(reset.size(), 0);
}

QTEST_GUILESS_MAIN(TestCaptureStoreFile)
#include "tst_capturestorefile.moc"
