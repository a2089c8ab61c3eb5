#include "../models/modeltestdata.h"

#include "live/capturefeed.h"
#include "session/capturebacklog.h"
#include "session/capturestore.h"

#include <QSignalSpy>
#include <QTest>

using namespace ModelTestData;

namespace {

/// The captures and bytes a feed reported consumed so far.
std::pair<qsizetype, qint64> consumedSoFar(const QSignalSpy &consumed) {
    qsizetype captures = 0;
    qint64 bytes = 0;
    for (const QList<QVariant> &signal : consumed) {
        captures += signal.at(0).value<qsizetype>();
        bytes += signal.at(1).toLongLong();
    }
    return {captures, bytes};
}

qint64 weightOf(const QList<AnalysedCapture> &captures) {
    qint64 bytes = 0;
    for (const AnalysedCapture &capture : captures)
        bytes += CaptureBacklog::weightOf(capture.capture);
    return bytes;
}

QList<AnalysedCapture> batchOf(qint64 firstId, int count) {
    QList<Capture> captures;
    for (int i = 0; i < count; ++i)
        captures.append(
            webhook("{\"Action\":\"IntegrationEnabled\",\"Data\":{}}", int(firstId) + i));
    return analysed(captures, firstId);
}

} // namespace

class TestCaptureFeed : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void coalescesBatchesIntoOneAppend_data();
    void coalescesBatchesIntoOneAppend();
    void flushesOnItsOwnWithinAnInterval();
    void pauseKeepsAndResumeUpdatesKnownRows();
    void updatesLessOftenUnderHeavyTraffic();
    void discardDropsWhatIsQueued();
    void takePendingHandsOverWhatIsQueued();
    void capturesOfAClearedSessionAreDropped();
    void anotherSessionShowsItsCapturesAfterAClear();
    void everyCaptureIsReportedConsumedOnce();
    void batchesReachTheStoreWithoutCopies();
};

void TestCaptureFeed::coalescesBatchesIntoOneAppend_data() {
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("perBatch");
    QTest::newRow("one batch of one") << 1 << 1;
    QTest::newRow("hundreds of small batches") << 300 << 3;
    QTest::newRow("a few big ones") << 4 << 500;
}

void TestCaptureFeed::coalescesBatchesIntoOneAppend() {
    QFETCH(int, batches);
    QFETCH(int, perBatch);
    const qsizetype total = qsizetype(batches) * perBatch;
    CaptureStore store;
    CaptureFeed feed(&store);
    QSignalSpy appended(&store, &CaptureStore::rowsAppended);
    QSignalSpy received(&feed, &CaptureFeed::received);
    for (int i = 0; i < batches; ++i)
        feed.add(batchOf(1 + qint64(i) * perBatch, perBatch));
    QCOMPARE(received.size(), batches);
    QCOMPARE(feed.pendingCount(), total);
    QCOMPARE(store.size(), 0); // nothing before the flush
    // One flush is one append of at most a slice, whatever the number of batches.
    const qsizetype slice = feed.sliceSize();
    feed.flush();
    QCOMPARE(appended.size(), 1);
    QCOMPARE(appended.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(store.size(), qMin(total, slice));
    // The rest follows on its own, in slices, without new captures arriving.
    QTRY_COMPARE_WITH_TIMEOUT(store.size(), total, 10000);
    QCOMPARE(feed.pendingCount(), 0);
    QVERIFY(appended.size() <= int((total + CaptureFeed::MinSlice - 1) / CaptureFeed::MinSlice));
    for (qsizetype i = 0; i < store.size(); ++i)
        QCOMPARE(store.row(i).id, i + 1);
    QCOMPARE(feed.receivedCount(), qint64(total));
}

void TestCaptureFeed::flushesOnItsOwnWithinAnInterval() {
    CaptureStore store;
    CaptureFeed feed(&store);
    QSignalSpy flushed(&feed, &CaptureFeed::flushed);
    feed.add(batchOf(1, 2));
    feed.add(batchOf(3, 2));
    QVERIFY(flushed.wait(5000));
    QCOMPARE(flushed.size(), 1);
    QCOMPARE(flushed.at(0).at(0).value<qsizetype>(), 4);
    QCOMPARE(store.size(), 4);
    QVERIFY(!flushed.wait(3 * CaptureFeed::FlushIntervalMs)); // idle: no empty flushes
}

void TestCaptureFeed::pauseKeepsAndResumeUpdatesKnownRows() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    // The file holds captures 1..3 without analyses (a load while the analysis was on its way).
    QList<Capture> captures;
    for (int i = 1; i <= 3; ++i)
        captures.append(webhook("{\"Action\":\"IntegrationEnabled\",\"Data\":{}}", i));
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY(journal.commit(captures, &error));
        QVERIFY(journal.close(&error));
    }
    CaptureStore store;
    CaptureFeed feed(&store);
    feed.pause();
    QVERIFY(feed.isPaused());
    // Live analyses of 2..3 and a new capture 4 arrive while the store loads.
    QList<AnalysedCapture> live = analysed(captures.mid(1), 2);
    live += batchOf(4, 1);
    feed.add(live);
    feed.flush();
    QCOMPARE(store.size(), 0); // paused: nothing flushed
    QVERIFY(open(store, path));
    QCOMPARE(store.size(), 3);
    QVERIFY(!store.row(1).has(CaptureIndexRow::Analysed));
    QSignalSpy changed(&store, &CaptureStore::rowsChanged);
    QSignalSpy flushed(&feed, &CaptureFeed::flushed);
    feed.resume();
    QCOMPARE(flushed.size(), 1);
    QCOMPARE(flushed.at(0).at(0).value<qsizetype>(), 1); // capture 4
    QCOMPARE(flushed.at(0).at(1).value<qsizetype>(), 2); // captures 2 and 3
    QCOMPARE(store.size(), 4);
    QVERIFY(!store.row(0).has(CaptureIndexRow::Analysed));
    QVERIFY(store.row(1).has(CaptureIndexRow::Analysed));
    QVERIFY(store.row(2).has(CaptureIndexRow::Analysed));
    QCOMPARE(store.row(3).id, 4);
    QCOMPARE(changed.size(), 1);
}

void TestCaptureFeed::updatesLessOftenUnderHeavyTraffic() {
    CaptureStore store;
    CaptureFeed feed(&store);
    QCOMPARE(feed.flushInterval(), CaptureFeed::FlushIntervalMs);
    feed.add(batchOf(1, CaptureFeed::BusyBatch + 1));
    feed.flushAll();
    QCOMPARE(feed.flushInterval(), CaptureFeed::BusyFlushIntervalMs);
    feed.add(batchOf(CaptureFeed::BusyBatch + 2, 3)); // traffic calms down
    feed.flushAll();
    QCOMPARE(feed.flushInterval(), CaptureFeed::FlushIntervalMs);
    QCOMPARE(store.size(), qsizetype(CaptureFeed::BusyBatch + 4));
}

void TestCaptureFeed::discardDropsWhatIsQueued() {
    CaptureStore store;
    CaptureFeed feed(&store);
    QSignalSpy flushed(&feed, &CaptureFeed::flushed);
    feed.add(batchOf(1, 5));
    feed.discardPending();
    QCOMPARE(feed.pendingCount(), 0);
    QVERIFY(!flushed.wait(3 * CaptureFeed::FlushIntervalMs));
    QCOMPARE(store.size(), 0);
}

void TestCaptureFeed::takePendingHandsOverWhatIsQueued() {
    CaptureStore store;
    CaptureFeed feed(&store);
    feed.pause();
    QSignalSpy consumed(&feed, &CaptureFeed::consumed);
    const QList<AnalysedCapture> first = batchOf(1, 2);
    const QList<AnalysedCapture> second = batchOf(3, 3);
    feed.add(first);
    feed.add(second);
    const QList<QList<AnalysedCapture>> taken = feed.takePending();
    QCOMPARE(taken.size(), 2);
    QCOMPARE(taken.at(0).size(), 2);
    QCOMPARE(taken.at(1).constLast().capture.id, 5);
    QCOMPARE(feed.pendingCount(), 0);
    QCOMPARE(consumedSoFar(consumed),
             std::make_pair(qsizetype(5), weightOf(first) + weightOf(second)));
    feed.resume(); // nothing is left to show
    QCOMPARE(store.size(), 0);
    QVERIFY(feed.takePending().isEmpty());
    QCOMPARE(consumed.size(), 1); // taking nothing consumes nothing
}

void TestCaptureFeed::capturesOfAClearedSessionAreDropped() {
    CaptureStore store;
    CaptureFeed feed(&store);
    feed.add(batchOf(1, 3));
    feed.flush();
    QCOMPARE(store.size(), 3);
    feed.add(batchOf(4, 1)); // queued, then the session is cleared with it
    store.clear();
    feed.forgetUpTo(feed.lastReceivedId());
    QCOMPARE(feed.pendingCount(), 0);
    // A late analysis of capture 2 (cleared) and a new capture 5.
    feed.add(batchOf(2, 1) + batchOf(5, 1));
    feed.flush();
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.row(0).id, 5);
}

void TestCaptureFeed::anotherSessionShowsItsCapturesAfterAClear() {
    CaptureStore store;
    CaptureFeed feed(&store);
    feed.add(batchOf(1, 10));
    feed.flush();
    store.clear();
    feed.forgetUpTo(feed.lastReceivedId()); // Clear captures: 1-10 are gone
    feed.add(batchOf(7, 1));                // late, of the session before the switch
    // Another session, numbered from 1 again: what was queued is not its, and its
    // captures 1-10 are not the ones the clear dropped.
    feed.pause();
    store.close();
    feed.sessionSwitched();
    QCOMPARE(feed.pendingCount(), 0);
    feed.add(batchOf(1, 3));
    feed.resume();
    QCOMPARE(store.size(), 3);
    QCOMPARE(store.row(0).id, 1);
    QCOMPARE(store.row(2).id, 3);
}

void TestCaptureFeed::everyCaptureIsReportedConsumedOnce() {
    // The pipeline's flow control counts on it: each capture handed to add() is reported
    // exactly once, whether it was shown, updated or dropped.
    CaptureStore store;
    CaptureFeed feed(&store);
    QSignalSpy consumed(&feed, &CaptureFeed::consumed);
    const QList<AnalysedCapture> first = batchOf(1, 300);
    feed.add(first);
    QCOMPARE(consumedSoFar(consumed).first, 0); // queued, not yet used
    feed.flushAll();
    QCOMPARE(consumedSoFar(consumed), std::make_pair(qsizetype(300), weightOf(first)));

    const QList<AnalysedCapture> updates = batchOf(5, 2); // rows the store has: updated
    const QList<AnalysedCapture> more = batchOf(301, 4);
    feed.add(updates + more);
    feed.flushAll();
    QCOMPARE(consumedSoFar(consumed).first, 306);

    const QList<AnalysedCapture> queued = batchOf(305, 3);
    feed.add(queued);
    feed.forgetUpTo(306); // two of them belonged to a cleared session
    QCOMPARE(consumedSoFar(consumed).first, 308);
    const QList<AnalysedCapture> late = batchOf(200, 1); // of the cleared session: dropped
    feed.add(late);
    QCOMPARE(consumedSoFar(consumed).first, 309);
    feed.discardPending(); // the last of `queued`
    QCOMPARE(feed.pendingCount(), 0);
    QCOMPARE(consumedSoFar(consumed),
             std::make_pair(qsizetype(310), weightOf(first) + weightOf(updates) + weightOf(more) +
                                                weightOf(queued) + weightOf(late)));
}

void TestCaptureFeed::batchesReachTheStoreWithoutCopies() {
    // Two batches queued before one flush reach the store's recent captures as the lists
    // they arrived in: the store retires exactly those lists, shared, not element copies.
    CaptureStore store;
    QList<QList<AnalysedCapture>> retired;
    store.setRetire(
        [&retired](QList<QList<AnalysedCapture>> &&batches) { retired.append(batches); });
    CaptureFeed feed(&store);
    const QList<AnalysedCapture> first = batchOf(1, CaptureFeed::MinSlice / 2);
    const QList<AnalysedCapture> second = batchOf(1 + first.size(), CaptureFeed::MinSlice / 2);
    feed.add(first);
    feed.add(second);
    QVERIFY(feed.sliceSize() >= first.size() + second.size());
    feed.flush();
    QCOMPARE(store.size(), first.size() + second.size());
    // More single batches until both of the first two are retired.
    qint64 next = store.size() + 1;
    while (retired.size() < 2 && next < 10 * CaptureStore::KeptRecentCaptures) {
        feed.add(batchOf(next, CaptureFeed::MinSlice / 2));
        next += CaptureFeed::MinSlice / 2;
        feed.flush();
    }
    QCOMPARE(feed.pendingCount(), 0);
    QCOMPARE(store.size(), next - 1);
    QVERIFY(retired.size() >= 2);
    QVERIFY(retired.at(0).isSharedWith(first));
    QVERIFY(retired.at(1).isSharedWith(second));
}

QTEST_GUILESS_MAIN(TestCaptureFeed)
#include "tst_capturefeed.moc"
