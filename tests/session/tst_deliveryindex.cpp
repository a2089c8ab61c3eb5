#include "session/captureindex.h"
#include "session/deliveryindex.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

/// Rows as the index appends them, each with its message's method and path.
struct Rows {
    QList<CaptureIndexRow> rows;
    DeliveryIndex deliveries;

    void append(quint64 digest, quint32 path = 1, quint32 method = 1) {
        CaptureIndexRow row;
        row.id = rows.size() + 1;
        row.path = path;
        row.method = method;
        rows.append(row);
        deliveries.append(rows, digest);
    }
    QList<int> numbers() const {
        QList<int> numbers;
        for (const CaptureIndexRow &row : rows)
            numbers.append(row.delivery);
        return numbers;
    }
    QList<qsizetype> counts() const {
        return {deliveries.countOf(DeliveryKind::First), deliveries.countOf(DeliveryKind::Repeat)};
    }
};

constexpr quint64 A = 0xa1;
constexpr quint64 B = 0xb2;

} // namespace

class TestDeliveryIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void numbersDeliveriesInArrivalOrder();
    void methodAndPathTellMessagesApart();
    void lateDigestsNumberLaterDeliveriesAgain();
    void lateDigestsInAnyOrderEqualAFreshIndex();
    void aChangedDigestLeavesItsMessage();
    void numbersSaturate();
    void sameBodyListsTheDeliveries();
    void numberedFindsTheDeliveryBefore();
    void roomReservedForMessagesIsGivenBackWhenBodiesRepeat();
};

void TestDeliveryIndex::numbersDeliveriesInArrivalOrder() {
    Rows r;
    for (quint64 digest : {A, B, A, quint64(0), A, B})
        r.append(digest);
    QCOMPARE(r.numbers(), (QList<int>{1, 1, 2, 0, 3, 2}));
    // The empty body (0) was not sent again: it counts as a first delivery.
    QCOMPARE(r.counts(), (QList<qsizetype>{3, 3}));
    QCOMPARE(r.deliveries.digest(2), A);
    QCOMPARE(r.deliveries.digest(3), 0u);
}

void TestDeliveryIndex::methodAndPathTellMessagesApart() {
    Rows r;
    r.append(A, 1, 1);
    r.append(A, 2, 1); // another path
    r.append(A, 1, 2); // another method
    r.append(A, 1, 1);
    QCOMPARE(r.numbers(), (QList<int>{1, 1, 1, 2}));
    QCOMPARE(r.counts(), (QList<qsizetype>{3, 1}));
}

void TestDeliveryIndex::lateDigestsNumberLaterDeliveriesAgain() {
    // Two rows of an old file without digests, then live deliveries of one message.
    Rows r;
    r.append(0);
    r.append(0);
    r.append(A);
    r.append(A);
    QCOMPARE(r.numbers(), (QList<int>{0, 0, 1, 2}));

    QVERIFY(!r.deliveries.hasProvisional());

    // The first delivery learns its digest after two later ones were numbered: its
    // number is provisional until settle() numbers the message again.
    r.deliveries.update(r.rows, {{0, A}});
    QVERIFY(r.deliveries.hasProvisional());
    QCOMPARE(r.numbers(), (QList<int>{3, 0, 1, 2}));
    // A digest no later row shares is numbered at once.
    r.deliveries.update(r.rows, {{1, B}});
    QCOMPARE(r.numbers().at(1), 1);

    const DeliveryIndex::Changed changed = r.deliveries.settle(r.rows);
    QVERIFY(!r.deliveries.hasProvisional());
    QCOMPARE(changed.first, 0);
    QCOMPARE(changed.last, 3);
    QCOMPARE(r.numbers(), (QList<int>{1, 1, 2, 3}));
    QCOMPARE(r.counts(), (QList<qsizetype>{2, 2}));
    // The next delivery follows on; nothing is left to settle.
    r.append(A);
    QCOMPARE(r.numbers().constLast(), 4);
    QCOMPARE(r.deliveries.settle(r.rows).first, -1);
}

void TestDeliveryIndex::lateDigestsInAnyOrderEqualAFreshIndex() {
    QRandomGenerator random(20261205);
    for (int round = 0; round < 50; ++round) {
        const int size = 1 + int(random.bounded(40));
        QList<quint64> digests;
        QList<quint32> paths;
        for (int i = 0; i < size; ++i) {
            digests.append(random.bounded(5)); // 0 is an empty body
            paths.append(1 + random.bounded(2));
        }
        Rows fresh;
        for (int i = 0; i < size; ++i)
            fresh.append(digests.at(i), paths.at(i));

        // The same rows, some without their digests at first, given them in shuffled batches.
        Rows late;
        QList<DeliveryIndex::Digest> pending;
        for (int i = 0; i < size; ++i) {
            const bool known = random.bounded(2) == 0;
            late.append(known ? digests.at(i) : 0, paths.at(i));
            if (!known)
                pending.append({quint32(i), digests.at(i)});
        }
        std::shuffle(pending.begin(), pending.end(), random);
        while (!pending.isEmpty()) {
            const qsizetype batch = 1 + random.bounded(int(pending.size()));
            late.deliveries.update(late.rows, pending.first(batch));
            pending.remove(0, batch);
        }
        late.deliveries.settle(late.rows);
        QCOMPARE(late.numbers(), fresh.numbers());
        QCOMPARE(late.counts(), fresh.counts());
        QCOMPARE(late.counts().at(0) + late.counts().at(1), qsizetype(size));

        // And the next delivery of each is numbered on from there.
        for (quint64 digest : {A, quint64(1), quint64(2)}) {
            fresh.append(digest);
            late.append(digest);
        }
        QCOMPARE(late.numbers(), fresh.numbers());
    }
}

void TestDeliveryIndex::aChangedDigestLeavesItsMessage() {
    Rows r;
    r.append(A);
    r.append(A);
    r.append(A);
    r.deliveries.update(r.rows, {{0, B}});
    r.deliveries.settle(r.rows);
    QCOMPARE(r.numbers(), (QList<int>{1, 1, 2}));
    QCOMPARE(r.counts(), (QList<qsizetype>{2, 1}));
    r.deliveries.update(r.rows, {{2, 0}});
    r.deliveries.settle(r.rows);
    QCOMPARE(r.numbers(), (QList<int>{1, 1, 0}));
    QCOMPARE(r.counts(), (QList<qsizetype>{3, 0}));
    r.append(A);
    QCOMPARE(r.numbers().constLast(), 2);
}

void TestDeliveryIndex::numbersSaturate() {
    Rows r;
    const int many = CaptureIndexRow::MaxDelivery + 2;
    for (int i = 0; i < many; ++i)
        r.append(A);
    QCOMPARE(r.rows.at(CaptureIndexRow::MaxDelivery - 1).delivery, CaptureIndexRow::MaxDelivery);
    QCOMPARE(r.rows.constLast().delivery, CaptureIndexRow::MaxDelivery);
    QCOMPARE(r.counts(), (QList<qsizetype>{1, many - 1}));
}

void TestDeliveryIndex::sameBodyListsTheDeliveries() {
    Rows r;
    for (quint64 digest : {A, B, A, A, quint64(0), A})
        r.append(digest);
    r.append(A, 2); // the same body to another path
    const DeliveryIndex::SameBody third = r.deliveries.sameBody(r.rows, 3, 2);
    QCOMPARE(third.count, 4);
    QCOMPARE(third.ordinal, 3);
    QCOMPARE(third.first, (QList<quint32>{0, 2}));
    QCOMPARE(third.previous, 2);
    QCOMPARE(third.next, 5);
    QCOMPARE(r.deliveries.sameBody(r.rows, 0, 8).previous, -1);
    QCOMPARE(r.deliveries.sameBody(r.rows, 5, 8).next, -1);
    QCOMPARE(r.deliveries.sameBody(r.rows, 6, 8).count, 1);
    QCOMPARE(r.deliveries.sameBody(r.rows, 4, 8).count, 0);
}

void TestDeliveryIndex::numberedFindsTheDeliveryBefore() {
    Rows r;
    for (quint64 digest : {A, B, A, quint64(0), A})
        r.append(digest);
    r.append(A, 2); // the same body to another path
    const QList<DeliveryIndex::Numbered> numbered = r.deliveries.numbered(r.rows, {0, 3, 4, 5});
    QCOMPARE(numbered.size(), 4);
    QCOMPARE(numbered.at(0).number, 1u);
    QCOMPARE(numbered.at(0).previous, -1);
    QCOMPARE(numbered.at(1).number, 0u); // no body
    QCOMPARE(numbered.at(1).previous, -1);
    QCOMPARE(numbered.at(2).number, 3u);
    QCOMPARE(numbered.at(2).previous, 2);
    QCOMPARE(numbered.at(3).number, 1u);
    QCOMPARE(numbered.at(3).previous, -1);
    QVERIFY(r.deliveries.numbered(r.rows, {}).isEmpty());
}

void TestDeliveryIndex::roomReservedForMessagesIsGivenBackWhenBodiesRepeat() {
    // Opening a session reserves a message for each capture: most bodies are sent once.
    // A load test that sent one body a thousand times gives that room back.
    constexpr int Count = 1000;
    Rows repeated;
    repeated.deliveries.reserve(Count);
    for (int i = 0; i < Count; ++i)
        repeated.append(A);
    const qsizetype reserved = repeated.deliveries.approximateBytes();
    repeated.deliveries.squeeze();
    const qsizetype squeezed = repeated.deliveries.approximateBytes();
    QVERIFY2(squeezed < reserved - Count * 8,
             qPrintable(QStringLiteral("%1 -> %2 bytes").arg(reserved).arg(squeezed)));
    repeated.append(A);
    repeated.append(B);
    QCOMPARE(repeated.rows.at(Count).delivery, quint16(Count + 1));
    QCOMPARE(repeated.rows.at(Count + 1).delivery, quint16(1));

    // Each body once: the room is used, and kept.
    Rows distinct;
    distinct.deliveries.reserve(Count);
    for (int i = 0; i < Count; ++i)
        distinct.append(quint64(i + 1));
    const qsizetype used = distinct.deliveries.approximateBytes();
    distinct.deliveries.squeeze();
    QCOMPARE(distinct.deliveries.approximateBytes(), used);
    QCOMPARE(distinct.counts(), (QList<qsizetype>{Count, 0}));
}

QTEST_GUILESS_MAIN(TestDeliveryIndex)
#include "tst_deliveryindex.moc"
