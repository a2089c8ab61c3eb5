#include "session/recentcaptures.h"

#include <QTest>

namespace {

AnalysedCapture captureWithId(qint64 id) {
    AnalysedCapture analysed;
    analysed.capture.id = id;
    analysed.capture.body = "body " + QByteArray::number(id);
    return analysed;
}

QList<AnalysedCapture> batchOf(std::initializer_list<qint64> ids) {
    QList<AnalysedCapture> batch;
    for (const qint64 id : ids)
        batch.append(captureWithId(id));
    return batch;
}

QList<qint64> idsOf(const QList<AnalysedCapture> &captures) {
    QList<qint64> ids;
    for (const AnalysedCapture &analysed : captures)
        ids.append(analysed.capture.id);
    return ids;
}

} // namespace

class TestRecentCaptures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheNewestAndRetiresTheOldestBatches();
    void aBatchLargerThanTheCapacityKeepsItsNewest();
    void findsOnlyTheIdsItKeeps();
    void setAnalysisChangesOnlyItsOwnCopy();
    void clearForgetsWithoutRetiring();
    void oneAddOfSeveralBatchesRetiresOnce();
};

void TestRecentCaptures::keepsTheNewestAndRetiresTheOldestBatches() {
    RecentCaptures recent(4);
    QList<QList<qint64>> retired;
    recent.setRetire([&retired](QList<QList<AnalysedCapture>> &&batches) {
        for (const QList<AnalysedCapture> &batch : batches)
            retired.append(idsOf(batch));
    });
    recent.add(batchOf({1, 2}));
    recent.add(batchOf({3, 4}));
    QVERIFY(retired.isEmpty());
    QCOMPARE(recent.size(), 4);
    recent.add(batchOf({5, 6, 7}));
    // At least four stay: dropping {3, 4} as well would leave three.
    QCOMPARE(retired, (QList<QList<qint64>>{{1, 2}}));
    QCOMPARE(recent.size(), 5);
    QVERIFY(!recent.find(2));
    for (qint64 id = 3; id <= 7; ++id) {
        const AnalysedCapture *found = recent.find(id);
        QVERIFY2(found, qPrintable(QString::number(id)));
        QCOMPARE(found->capture.body, "body " + QByteArray::number(id));
    }
    recent.add(batchOf({8}));
    QCOMPARE(retired, (QList<QList<qint64>>{{1, 2}, {3, 4}}));
    QCOMPARE(recent.size(), 4);
}

void TestRecentCaptures::aBatchLargerThanTheCapacityKeepsItsNewest() {
    RecentCaptures recent(3);
    QList<QList<qint64>> retired;
    recent.setRetire([&retired](QList<QList<AnalysedCapture>> &&batches) {
        for (const QList<AnalysedCapture> &batch : batches)
            retired.append(idsOf(batch));
    });
    recent.add(batchOf({1}));
    recent.add(batchOf({2, 3, 4, 5, 6, 7}));
    QCOMPARE(recent.size(), 3);
    QCOMPARE(retired, (QList<QList<qint64>>{{2, 3, 4, 5, 6, 7}, {1}}));
    QVERIFY(!recent.find(4));
    QVERIFY(recent.find(5));
    QCOMPARE(recent.find(7)->capture.id, 7);
}

void TestRecentCaptures::findsOnlyTheIdsItKeeps() {
    RecentCaptures recent(10);
    recent.add(batchOf({2, 4}));
    recent.add(batchOf({6, 8}));
    for (const qint64 id : {0, 1, 3, 5, 7, 9})
        QVERIFY2(!recent.find(id), qPrintable(QString::number(id)));
    for (const qint64 id : {2, 4, 6, 8})
        QCOMPARE(recent.find(id)->capture.id, id);
    QVERIFY(!RecentCaptures(1).find(1));
}

void TestRecentCaptures::setAnalysisChangesOnlyItsOwnCopy() {
    RecentCaptures recent(10);
    const QList<AnalysedCapture> batch = batchOf({1, 2, 3});
    recent.add(batch); // shared with the caller's list
    MewsAnalysis analysis;
    analysis.kind = WebhookKind::General;
    QVERIFY(recent.setAnalysis(2, analysis));
    QVERIFY(!recent.setAnalysis(4, analysis));
    QCOMPARE(recent.find(2)->analysis.kind, WebhookKind::General);
    QCOMPARE(recent.find(1)->analysis.kind, batch.at(0).analysis.kind);
    QVERIFY(batch.at(1).analysis.kind != WebhookKind::General);
}

void TestRecentCaptures::clearForgetsWithoutRetiring() {
    RecentCaptures recent(2);
    int retired = 0;
    recent.setRetire([&retired](QList<QList<AnalysedCapture>> &&) { ++retired; });
    recent.add(batchOf({1, 2}));
    recent.clear();
    QCOMPARE(recent.size(), 0);
    QVERIFY(!recent.find(1));
    recent.add(batchOf({3}));
    QCOMPARE(retired, 0);
    QCOMPARE(recent.find(3)->capture.id, 3);
}

void TestRecentCaptures::oneAddOfSeveralBatchesRetiresOnce() {
    // The window's retire posts an event to another thread: one per add, not per batch.
    RecentCaptures recent(4);
    QList<QList<QList<qint64>>> calls;
    recent.setRetire([&calls](QList<QList<AnalysedCapture>> &&batches) {
        QList<QList<qint64>> ids;
        for (const QList<AnalysedCapture> &batch : batches)
            ids.append(idsOf(batch));
        calls.append(ids);
    });
    recent.add(QList<QList<AnalysedCapture>>{batchOf({1, 2}), batchOf({3, 4})});
    QVERIFY(calls.isEmpty());
    recent.add(QList<QList<AnalysedCapture>>{batchOf({5, 6}), batchOf({7, 8}), batchOf({9, 10})});
    QCOMPARE(calls, (QList<QList<QList<qint64>>>{{{1, 2}, {3, 4}, {5, 6}}}));
    QCOMPARE(recent.size(), 4);
    QVERIFY(!recent.find(6));
    QCOMPARE(recent.find(7)->capture.id, 7);
    QCOMPARE(recent.find(10)->capture.id, 10);
}

QTEST_GUILESS_MAIN(TestRecentCaptures)
#include "tst_recentcaptures.moc"
