#include "session/indexrowchunk.h"

#include <QTest>

class TestIndexRowChunk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textsAndScalarsRoundTrip();
    void nullStaysNullAndEmptyStaysEmpty();
    void viewsSurviveGrowth();
};

void TestIndexRowChunk::textsAndScalarsRoundTrip() {
    IndexRowChunk chunk;
    CaptureIndex::Entry entry;
    entry.id = 42;
    entry.receivedUtcMs = 1714557600123;
    entry.remotePort = 50123;
    entry.status = 202;
    entry.bodySize = 1656;
    entry.analysed = true;
    entry.kind = WebhookKind::General;
    entry.state = ContractState::Warnings;
    entry.eventCount = 9;
    entry.method = "IGNORED"; // views given with the scalars are not kept
    QCOMPARE(chunk.append(entry, true), 0);
    chunk.setText(IndexRowChunk::Method, "POST");
    chunk.setText(IndexRowChunk::Path, "/webhook");
    chunk.setText(IndexRowChunk::Summary, "ServiceOrderUpdated ×2");
    chunk.setText(IndexRowChunk::Events, R"([["ServiceOrderUpdated"]])");
    QCOMPARE(chunk.append(CaptureIndex::Entry{}, false), 1);
    chunk.setText(IndexRowChunk::Method, "GET");

    QCOMPARE(chunk.size(), 2);
    const CaptureIndex::Entry first = chunk.entry(0);
    QCOMPARE(first.id, 42);
    QCOMPARE(first.receivedUtcMs, 1714557600123);
    QCOMPARE(first.remotePort, 50123);
    QCOMPARE(first.status, 202);
    QCOMPARE(first.bodySize, 1656);
    QCOMPARE(first.kind, WebhookKind::General);
    QCOMPARE(first.state, ContractState::Warnings);
    QCOMPARE(first.eventCount, 9);
    QCOMPARE(first.method, "POST");
    QCOMPARE(first.path, "/webhook");
    QCOMPARE(first.summary, "ServiceOrderUpdated ×2");
    QCOMPARE(chunk.text(0, IndexRowChunk::Events), R"([["ServiceOrderUpdated"]])");
    QVERIFY(chunk.needsAnalysis(0));
    QVERIFY(!chunk.needsAnalysis(1));
    QCOMPARE(chunk.entry(1).method, "GET");
    QVERIFY(chunk.entry(1).path.isNull());
}

void TestIndexRowChunk::nullStaysNullAndEmptyStaysEmpty() {
    IndexRowChunk chunk;
    chunk.append({}, false);
    chunk.setText(IndexRowChunk::Rejection, QByteArrayView());
    chunk.setText(IndexRowChunk::Action, QByteArrayView("", 0));
    QVERIFY(chunk.text(0, IndexRowChunk::Rejection).isNull());
    QVERIFY(!chunk.text(0, IndexRowChunk::Action).isNull());
    QVERIFY(chunk.text(0, IndexRowChunk::Action).isEmpty());
    QVERIFY(chunk.text(0, IndexRowChunk::Entities).isNull()); // never set
}

void TestIndexRowChunk::viewsSurviveGrowth() {
    // Texts are stored as offsets, so the buffer may move while rows are added.
    IndexRowChunk chunk(1, 1);
    for (int i = 0; i < 5000; ++i) {
        chunk.append({}, false);
        chunk.setText(IndexRowChunk::Path, QByteArray("/hook/" + QByteArray::number(i)));
    }
    for (int i = 0; i < 5000; i += 499)
        QCOMPARE(chunk.entry(i).path, QByteArray("/hook/" + QByteArray::number(i)));
    QVERIFY(chunk.textBytes() > 5000 * 6);
}

QTEST_GUILESS_MAIN(TestIndexRowChunk)
#include "tst_indexrowchunk.moc"
