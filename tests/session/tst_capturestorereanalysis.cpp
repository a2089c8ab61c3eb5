#include "sessiontestdata.h"

#include "capture/bodydigest.h"
#include "session/capturejournal.h"
#include "session/capturestore.h"
#include "session/sessionloader.h"

#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <random>
#include <set>

using namespace SessionTestData;

namespace {

/// Everything the index answers, in one text that does not depend on the order its tags
/// and groups were made in: what a batch of reanalyses must leave exactly as a fresh
/// index of the same analyses would.
QString describe(const CaptureIndex &index) {
    QStringList lines;
    QStringList tags;
    for (int tag = 0; tag < index.tagCount(); ++tag) {
        QStringList positions;
        for (const quint32 position : index.positionsWithTag(tag))
            positions.append(QString::number(position));
        if (!positions.isEmpty()) // tags stay when their captures leave, as filter lists do
            tags.append(index.tagName(tag) + QStringLiteral(": ") + positions.join(u' '));
    }
    tags.sort();
    lines += tags;
    for (int kind = 0; kind < 5; ++kind)
        lines.append(QStringLiteral("kind %1: %2").arg(kind).arg(index.countOf(WebhookKind(kind))));
    for (int state = 0; state < 6; ++state) {
        lines.append(
            QStringLiteral("state %1: %2").arg(state).arg(index.countOf(ContractState(state))));
    }
    lines.append(QStringLiteral("unanalysed: %1").arg(index.unanalysedCount()));
    const auto groups = [&](const QString &label, const QList<quint32> &keys, auto positionsOf,
                            auto nameOf) {
        QStringList out;
        for (const quint32 key : keys) {
            const QList<quint32> positions = positionsOf(index.text(key));
            if (positions.isEmpty())
                continue;
            QStringList numbers;
            for (const quint32 position : positions)
                numbers.append(QString::number(position));
            out.append(label + index.text(key) + u'/' + nameOf(key) + QStringLiteral(": ") +
                       numbers.join(u' '));
        }
        out.sort();
        lines += out;
    };
    groups(
        QStringLiteral("enterprise "), index.enterprises(),
        [&](const QString &id) { return index.positionsForEnterprise(id); },
        [&](quint32 key) { return index.enterpriseName(key); });
    groups(
        QStringLiteral("integration "), index.integrations(),
        [&](const QString &id) { return index.positionsForIntegration(id); },
        [&](quint32 key) { return index.integrationName(key); });
    QSet<QString> entities;
    for (qsizetype position = 0; position < index.size(); ++position) {
        const CaptureIndexRow &row = index.row(position);
        QStringList rowTags;
        for (int tag = 0; tag < index.tagCount(); ++tag) {
            if (index.hasTag(position, tag))
                rowTags.append(index.tagName(tag));
        }
        rowTags.sort(); // tags are numbered in the order they were first seen
        QStringList events;
        for (qsizetype ordinal = 0; ordinal < index.events().countOf(position); ++ordinal) {
            const EventIndexRow &event = index.events().at(position, ordinal);
            const QString entity = index.entityId(event);
            events.append(index.text(event.name) + u'=' + entity);
            if (!entity.isEmpty())
                entities.insert(entity);
        }
        lines.append(QStringLiteral("row %1: kind %2 state %3 events %4 '%5' [%6] {%7}")
                         .arg(position)
                         .arg(int(row.kind))
                         .arg(int(row.state))
                         .arg(row.eventCount)
                         .arg(index.text(row.summary), rowTags.join(u','), events.join(u',')));
    }
    QStringList ids(entities.cbegin(), entities.cend());
    ids.sort();
    for (const QString &id : std::as_const(ids)) {
        for (const EntityVersion &version : index.entityHistory(id)) {
            lines.append(QStringLiteral("history %1: #%2 %3 %4 %5")
                             .arg(id)
                             .arg(version.captureId)
                             .arg(version.discriminator, version.collection, version.path));
        }
    }
    return lines.join(u'\n');
}

} // namespace

class TestCaptureStoreReanalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void updateAnalysesReindexes();
    void needingAnalysisShrinksPieceByPiece();
    void deliveriesDuringReanalysisEndInArrivalOrder();
    void deliveriesSettleWhenAReanalysisStopsShort();
    void batchOfReanalysesEqualsAFreshIndex_data();
    void batchOfReanalysesEqualsAFreshIndex();
    void reanalysisPastTheMaskedTags();
};

void TestCaptureStoreReanalysis::needingAnalysisShrinksPieceByPiece() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> captures;
    for (int n = 1; n <= 40; ++n)
        captures.append(webhook(general({{"MessageAdded", "m1"}}), n));
    const QList<AnalysedCapture> analyses =
        writeSession(path, captures, [](const AnalysedCapture &) { return false; });
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    std::set<qint64> left;
    for (const AnalysedCapture &analysed : analyses)
        left.insert(analysed.capture.id);
    QCOMPARE(store.needingAnalysis().size(), qsizetype(left.size()));
    // In order from the front, as a reanalysis runs; then from the middle, the back, out
    // of order, with gaps, again, and one that never needed it.
    const QList<QList<int>> pieces{{0, 1, 2, 3}, {4, 5, 6},   {20, 22, 21}, {39},
                                   {30, 10, 35}, {11, 11, 2}, {7, 8, 9}};
    for (const QList<int> &piece : pieces) {
        QList<AnalysedCapture> batch;
        for (const int at : piece) {
            batch.append(analyses.at(at));
            left.erase(analyses.at(at).capture.id);
        }
        store.updateAnalyses(batch);
        QCOMPARE(store.needingAnalysis(), QList<qint64>(left.cbegin(), left.cend()));
    }
    QCOMPARE(store.index().unanalysedCount(), qsizetype(left.size()));
}

void TestCaptureStoreReanalysis::updateAnalysesReindexes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> captures{webhook(general({{"MessageAdded", "m1"}}), 1), webhook("{}", 2)};
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY(journal.commit(captures, &error));
    }
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    QCOMPARE(store.needingAnalysis(), (QList<qint64>{1, 2}));
    QCOMPARE(store.index().unanalysedCount(), 2);
    QCOMPARE(store.index().bodyDigest(0), 0u);
    QCOMPARE(store.index().row(0).delivery, 0);
    QCOMPARE(store.index().tagOf(QStringLiteral("MessageAdded")), -1);
    QSignalSpy changed(&store, &CaptureStore::rowsChanged);
    store.updateAnalyses(analyse(captures));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(1).value<qsizetype>(), 1);
    QVERIFY(store.needingAnalysis().isEmpty());
    QCOMPARE(store.index().unanalysedCount(), 0);
    // The body read again for the analysis gives the digest the file had no row for.
    QCOMPARE(store.index().bodyDigest(0), BodyDigest::of(captures.at(0).body));
    QCOMPARE(store.index().row(0).delivery, 1);
    QCOMPARE(store.index().countOf(WebhookKind::General), 1);
    const int tag = store.index().tagOf(QStringLiteral("MessageAdded"));
    QVERIFY(tag >= 0);
    QCOMPARE(store.index().positionsWithTag(tag), QList<quint32>{0});
}

void TestCaptureStoreReanalysis::deliveriesDuringReanalysisEndInArrivalOrder() {
    // Two deliveries of one message in a file without digests; a third arrives live
    // before the file's rows are analysed again.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QByteArray message = general({{"MessageAdded", "m1"}});
    const QList<AnalysedCapture> analyses =
        writeSession(path, {webhook(message, 1), webhook(message, 2)},
                     [](const AnalysedCapture &) { return false; });
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    Capture live = webhook(message, 3);
    live.id = analyses.constLast().capture.id + 1;
    store.append({analyse(live)});
    const CaptureIndex &index = store.index();
    QCOMPARE(index.size(), 3);
    QCOMPARE(index.row(2).delivery, 1);

    QSignalSpy changed(&store, &CaptureStore::rowsChanged);
    store.updateAnalyses({analyses.at(0)});
    QCOMPARE(store.needingAnalysis(), QList<qint64>{2});
    store.updateAnalyses({analyses.at(1)});
    QVERIFY(store.needingAnalysis().isEmpty());
    QCOMPARE(index.row(0).delivery, 1);
    QCOMPARE(index.row(1).delivery, 2);
    QCOMPARE(index.row(2).delivery, 3);
    QCOMPARE(index.countOf(DeliveryKind::First), 1);
    QCOMPARE(index.countOf(DeliveryKind::Repeat), 2);
    // The views hear of every row whose number changed.
    qsizetype lowest = index.size();
    qsizetype highest = -1;
    for (const QList<QVariant> &range : std::as_const(changed)) {
        lowest = qMin(lowest, range.at(0).value<qsizetype>());
        highest = qMax(highest, range.at(1).value<qsizetype>());
    }
    QCOMPARE(lowest, 0);
    QCOMPARE(highest, 2);
}

void TestCaptureStoreReanalysis::deliveriesSettleWhenAReanalysisStopsShort() {
    // Three deliveries of one message and an unrelated capture in a file without digests;
    // a fourth delivery arrives live, and the reanalysis stops (fails, or is cancelled)
    // before it reaches the unrelated capture.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QByteArray message = general({{"MessageAdded", "m1"}});
    const QList<AnalysedCapture> analyses =
        writeSession(path,
                     {webhook(message, 1), webhook(message, 2), webhook(message, 3),
                      webhook(general({{"MessageAdded", "other"}}), 4)},
                     [](const AnalysedCapture &) { return false; });
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    Capture live = webhook(message, 5);
    live.id = analyses.constLast().capture.id + 1;
    store.append({analyse(live)});
    store.updateAnalyses({analyses.at(0), analyses.at(1)});
    store.updateAnalyses({analyses.at(2)});
    QCOMPARE(store.needingAnalysis().size(), 1);
    const CaptureIndex &index = store.index();
    QCOMPARE(index.row(4).delivery, 1); // numbered before the file's rows had digests

    QSignalSpy changed(&store, &CaptureStore::rowsChanged);
    store.reanalysisEnded();
    QCOMPARE(index.row(0).delivery, 1);
    QCOMPARE(index.row(1).delivery, 2);
    QCOMPARE(index.row(2).delivery, 3);
    QCOMPARE(index.row(3).delivery, 0); // not analysed again: no digest, no message yet
    QCOMPARE(index.row(4).delivery, 4);
    // Not known to be sent again, row 3 counts as a first delivery.
    QCOMPARE(index.countOf(DeliveryKind::First), 2);
    QCOMPARE(index.countOf(DeliveryKind::Repeat), 3);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.constLast().at(1).value<qsizetype>(), 4);

    // The capture it did not reach gets its digest later and is a message of its own.
    store.updateAnalyses({analyses.at(3)});
    QCOMPARE(index.row(3).delivery, 1);
    QCOMPARE(index.row(4).delivery, 4);
}

void TestCaptureStoreReanalysis::reanalysisPastTheMaskedTags() {
    // More tags than own a bit of the row's mask: those past share one bit, so the last
    // capture, trading its tag for the one before, keeps its mask and must still move.
    const int count = TagIndex::MaskedTags + 4;
    QList<AnalysedCapture> before;
    for (int n = 1; n <= count; ++n) {
        const QByteArray name = "Custom" + QByteArray::number(n);
        Capture capture = webhook(general({{name.constData(), "e1"}}), n);
        capture.id = n;
        before.append(analyse(capture));
    }
    Capture other = before.constLast().capture;
    other.body = before.at(count - 2).capture.body;
    AnalysedCapture reanalysed = analyse(other);
    reanalysed.capture = before.constLast().capture;
    QList<AnalysedCapture> after = before;
    after.last() = reanalysed;

    CaptureStore updated;
    updated.append(before);
    QCOMPARE(updated.index().tagCount(), count);
    updated.updateAnalyses({reanalysed});
    CaptureStore fresh;
    fresh.append(after);
    QCOMPARE(describe(updated.index()), describe(fresh.index()));
}

void TestCaptureStoreReanalysis::batchOfReanalysesEqualsAFreshIndex_data() {
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 6; ++seed)
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestCaptureStoreReanalysis::batchOfReanalysesEqualsAFreshIndex() {
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    // Bodies of every kind: the samples (both General forms, every action), other
    // enterprises, and ones that are not webhooks at all.
    QList<QByteArray> bodies = sampleBodies();
    bodies.append(general({{"MessageAdded", "m1"}, {"MessageAdded", "m2"}},
                          "11111111-2222-4333-8444-555555555555"));
    bodies.append(general({{"ResourceUpdated", "r1"}}, "99999999-2222-4333-8444-555555555555"));
    bodies.append("{}");
    bodies.append("not json");
    const int count = 80;
    QList<Capture> captures;
    QList<AnalysedCapture> before;
    QList<AnalysedCapture> after;
    for (int n = 1; n <= count; ++n) {
        Capture capture = webhook(bodies.at(random.bounded(int(bodies.size()))), n);
        capture.id = n;
        captures.append(capture);
        before.append(analyse(capture));
        after.append(before.constLast());
    }
    // Analyses of other bodies for some captures, as a newer decoder might report.
    QList<AnalysedCapture> batch;
    for (int i = 0; i < count; ++i) {
        if (random.bounded(3) != 0)
            continue;
        Capture other = captures.at(i);
        other.body = bodies.at(random.bounded(int(bodies.size())));
        AnalysedCapture reanalysed = analyse(other);
        reanalysed.capture = captures.at(i);
        batch.append(reanalysed);
        after[i] = reanalysed;
    }
    QVERIFY(batch.size() > 5);
    // In any order, and one capture twice: the later analysis wins.
    std::shuffle(batch.begin(), batch.end(), std::mt19937(quint32(seed)));
    AnalysedCapture stale = batch.constFirst();
    stale.analysis = before.at(stale.capture.id - 1).analysis;
    batch.prepend(stale);

    CaptureStore updated;
    updated.append(before);
    const QString old = describe(updated.index());
    updated.updateAnalyses(batch);
    CaptureStore fresh;
    fresh.append(after);
    QCOMPARE(describe(updated.index()), describe(fresh.index()));
    QVERIFY(describe(updated.index()) != old);

    // One at a time gives the same.
    CaptureStore oneByOne;
    oneByOne.append(before);
    for (const AnalysedCapture &analysed : std::as_const(batch))
        oneByOne.updateAnalyses({analysed});
    QCOMPARE(describe(oneByOne.index()), describe(fresh.index()));
}

QTEST_GUILESS_MAIN(TestCaptureStoreReanalysis)
#include "tst_capturestorereanalysis.moc"
