#include "sessiontestdata.h"

#include "capture/bodydigest.h"
#include "session/capturestore.h"
#include "session/sessionloader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

class TestCaptureStoreHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void entityHistoryInOrder();
    void entityHistoryIgnoresGuidCase();
    void sameBodyFindsTheDeliveriesOfOneMessage();
};

void TestCaptureStoreHistory::entityHistoryInOrder() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const char *reservation = "8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68";
    const QByteArray legacy =
        general({{"ServiceOrderUpdated", reservation}})
            .replace("]}",
                     QByteArray(QByteArrayLiteral(R"(],"Entities":{"ServiceOrders":[{"Id":")") +
                                reservation + R"(","State":"Confirmed"}]}})"));
    QList<Capture> captures{
        webhook(general({{"ServiceOrderUpdated", reservation}}), 1),
        webhook(general({{"ResourceUpdated", "4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"}}), 2),
        webhook(general({{"CustomerAdded", "0e2a4c6e-8b0d-4f13-95b7-d9f1b3d5f7a0"},
                         {"ServiceOrderUpdated", reservation}}),
                3),
        // The older form: trailing comma and no snapshot; then one with a snapshot.
        webhook(TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt")), 4),
        webhook(legacy, 5),
    };
    const QList<AnalysedCapture> written = writeSession(path, captures);
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    const QList<EntityVersion> history =
        store.entityHistory(QString::fromLatin1(reservation), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Three id-only events, then one with an embedded snapshot (the older form).
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(0).captureId, written.at(0).capture.id);
    QCOMPARE(history.at(0).discriminator, QStringLiteral("ServiceOrderUpdated"));
    QCOMPARE(history.at(0).receivedUtcMs, written.at(0).capture.firstByteUtcMs);
    QVERIFY(!history.at(0).embedded());
    QCOMPARE(history.at(1).captureId, written.at(2).capture.id);
    QCOMPARE(history.at(2).captureId, written.at(3).capture.id);
    QVERIFY(!history.at(2).embedded());
    QCOMPARE(history.at(3).captureId, written.at(4).capture.id);
    QCOMPARE(history.at(3).path, QStringLiteral("Entities.ServiceOrders[0]"));
    QCOMPARE(history.at(3).collection, QStringLiteral("ServiceOrders"));

    // Every embedded entity of the legacy capture has its own history with its path.
    const MewsAnalysis &withSnapshot = written.at(4).analysis;
    QVERIFY(!withSnapshot.entities.isEmpty());
    for (const WebhookEntity &entity : withSnapshot.entities) {
        if (entity.id.isEmpty())
            continue;
        const QList<EntityVersion> versions = store.entityHistory(entity.id, &error);
        bool found = false;
        for (const EntityVersion &v : versions)
            found = found || (v.captureId == written.at(4).capture.id && v.path == entity.path);
        QVERIFY2(found, qPrintable(entity.path));
    }
    QVERIFY(store.entityHistory(QStringLiteral("nope"), &error).isEmpty());
}

// The decoder links a GUID in any letter case to the same entity; its history does too.
// Other Ids are texts and match exactly.
void TestCaptureStoreHistory::entityHistoryIgnoresGuidCase() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<QByteArray> spellings{"8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68",
                                      "8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68",
                                      "8d4E2a17-6c3b-4f90-B5e1-7a2c9d0f3e68"};
    QList<Capture> captures;
    for (const QByteArray &id : spellings)
        captures.append(webhook(general({{"ServiceOrderUpdated", id.constData()}}), 1));
    captures.append(
        webhook(general({{"ServiceOrderUpdated", "9d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68"}}), 1));
    captures.append(webhook(general({{"CustomThing", "room-12"}}), 1));
    captures.append(webhook(general({{"CustomThing", "ROOM-12"}}), 1));
    const QList<AnalysedCapture> written = writeSession(path, captures);
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    for (const QByteArray &id : spellings) {
        const QList<EntityVersion> history = store.entityHistory(QString::fromLatin1(id), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(history.size(), 3);
        for (qsizetype i = 0; i < 3; ++i)
            QCOMPARE(history.at(i).captureId, written.at(i).capture.id);
    }
    const QList<EntityVersion> room = store.entityHistory(QStringLiteral("room-12"), &error);
    QCOMPARE(room.size(), 1);
    QCOMPARE(room.at(0).captureId, written.at(4).capture.id);
    QVERIFY(store.entityHistory(QStringLiteral("Room-12"), &error).isEmpty());
}

void TestCaptureStoreHistory::sameBodyFindsTheDeliveriesOfOneMessage() {
    const QByteArray message = general({{"MessageAdded", "m1"}});
    const QByteArray other = general({{"MessageAdded", "m2"}});
    QList<Capture> captures{webhook(message, 1),     webhook(other, 2),
                            webhook(message, 3),     webhook(message, 4, "/elsewhere"),
                            webhook(message, 5),     webhook(QByteArray(), 6),
                            webhook(QByteArray(), 7)};
    captures[4].method = QByteArrayLiteral("PUT");
    for (qsizetype i = 0; i < captures.size(); ++i)
        captures[i].id = i + 1;
    CaptureIndex index;
    for (const AnalysedCapture &capture : analyse(captures))
        QVERIFY(index.append(capture));
    QCOMPARE(index.bodyDigest(0), BodyDigest::of(message));
    QVERIFY(index.bodyDigest(0) != index.bodyDigest(1));
    // Same bytes, method and path: one message delivered twice, found from either.
    const auto positions = [](const CaptureIndex &of, qsizetype at, qsizetype limit = 10) {
        return of.sameBody(at, limit).first;
    };
    QCOMPARE(positions(index, 0), (QList<quint32>{0, 2}));
    QCOMPARE(positions(index, 2), (QList<quint32>{0, 2}));
    QCOMPARE(positions(index, 1), QList<quint32>{1});
    // Another path or method is another endpoint, not a redelivery.
    QCOMPARE(positions(index, 3), QList<quint32>{3});
    QCOMPARE(positions(index, 4), QList<quint32>{4});
    // Empty bodies have no digest: probes are not deliveries of one message.
    QCOMPARE(index.bodyDigest(5), 0u);
    QCOMPARE(index.sameBody(5, 10).count, 0);
    QVERIFY(positions(index, 5).isEmpty());
    // Each row knows which delivery of its message it is (0: not known).
    const auto deliveries = [](const CaptureIndex &of) {
        QList<int> numbers;
        for (qsizetype i = 0; i < of.size(); ++i)
            numbers.append(of.row(i).delivery);
        return numbers;
    };
    QCOMPARE(deliveries(index), (QList<int>{1, 1, 2, 1, 1, 0, 0}));
    // An appended index keeps its digests and numbers them on after this one's.
    CaptureIndex both;
    both.append(index);
    QCOMPARE(positions(both, 2), (QList<quint32>{0, 2}));
    QCOMPARE(deliveries(both), deliveries(index));
    QList<Capture> again{webhook(message, 8), webhook(message, 9)};
    again[0].id = 8;
    again[1].id = 9;
    for (const AnalysedCapture &capture : analyse(again))
        QVERIFY(both.append(capture));
    QCOMPARE(both.row(7).delivery, 3);
    QCOMPARE(positions(both, 7), (QList<quint32>{0, 2, 7, 8}));
    // Only the first `limit` are listed; the count, place and neighbours are exact.
    const CaptureIndex::SameBody third = both.sameBody(7, 2);
    QCOMPARE(third.first, (QList<quint32>{0, 2}));
    QCOMPARE(third.count, 4);
    QCOMPARE(third.ordinal, 3);
    QCOMPARE(third.previous, 2);
    QCOMPARE(third.next, 8);
    QCOMPARE(both.sameBody(0, 2).previous, -1);
    QCOMPARE(both.sameBody(8, 2).next, -1);
}

QTEST_GUILESS_MAIN(TestCaptureStoreHistory)
#include "tst_capturestorehistory.moc"
