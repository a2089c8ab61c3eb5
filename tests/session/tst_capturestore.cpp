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

/// A closed session holding the given captures, analysed; ids filled in.
QByteArray general(const QList<std::pair<const char *, const char *>> &events,
                   const char *enterprise = "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15") {
    QByteArray body = QByteArrayLiteral(R"({"EnterpriseId":")") + enterprise +
                      R"(","IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[)";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            body += ',';
        body += QByteArrayLiteral(R"({"Discriminator":")") + events.at(i).first +
                R"(","Value":{"Id":")" + events.at(i).second + R"("}})";
    }
    return body + "]}";
}

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

class TestCaptureStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void indexRowIsSmall();
    void stringPoolRoundTrips_data();
    void stringPoolRoundTrips();
    void stringPoolScales();
    void loadedIndexMatchesTheCaptures();
    void lookupByIdAndTags();
    void countsPerKindStateAndTag();
    void entityHistoryInOrder();
    void entityHistoryIgnoresGuidCase();
    void moreThan63TagsStillFilterExactly();
    void liveAppendsAreBatched();
    void capturesNoLongerKeptAreRetiredAndReadFromTheFile();
    void sameBodyFindsTheDeliveriesOfOneMessage();
    void updateAnalysesReindexes();
    void needingAnalysisShrinksPieceByPiece();
    void deliveriesDuringReanalysisEndInArrivalOrder();
    void deliveriesSettleWhenAReanalysisStopsShort();
    void batchOfReanalysesEqualsAFreshIndex_data();
    void batchOfReanalysesEqualsAFreshIndex();
    void reanalysisPastTheMaskedTags();
    void openAsyncAdoptsOrReportsFailure();
    void appendLoadedAfterAppendingASession();
    void clearEmptiesTheStore();
    void closeReleasesTheFile();
    void relocateKeepsTheRowsAndReadsTheNewFile();
};

void TestCaptureStore::indexRowIsSmall() {
    QCOMPARE(sizeof(CaptureIndexRow), size_t(64));
    StringPool pool;
    const quint32 a = pool.intern(QStringLiteral("/webhook"));
    QCOMPARE(pool.internUtf8("/webhook"), a);
    QCOMPARE(pool.intern(QString()), 0u);
    QCOMPARE(pool.find(QStringLiteral("/other")), -1);
    QCOMPARE(pool.at(a), QStringLiteral("/webhook"));
}

void TestCaptureStore::stringPoolRoundTrips_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("path") << QByteArray("/webhook");
    QTest::newRow("lower-case GUID (packed)") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68");
    QTest::newRow("upper-case GUID (kept as sent)")
        << QByteArray("8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68");
    QTest::newRow("GUID without hyphens") << QByteArray("8d4e2a176c3b4f90b5e17a2c9d0f3e68xxxx");
    QTest::newRow("almost a GUID") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e6g");
    QTest::newRow("non-ASCII") << QByteArray("Hôtel Dvořák ×2");
    QTest::newRow("long") << QByteArray(300000, 'a');
}

void TestCaptureStore::stringPoolRoundTrips() {
    QFETCH(QByteArray, text);
    StringPool pool;
    pool.intern(QStringLiteral("first"));
    const quint32 index = pool.internUtf8(text);
    QVERIFY(index > 0);
    QCOMPARE(pool.utf8(index), text);
    QCOMPARE(pool.at(index), QString::fromUtf8(text));
    QCOMPARE(pool.internUtf8(text), index);
    QCOMPARE(pool.intern(QString::fromUtf8(text)), index);
    QCOMPARE(pool.find(QString::fromUtf8(text)), qint64(index));
    QCOMPARE(pool.size(), 3);
    // A GUID and its upper-case spelling are different texts.
    QCOMPARE(pool.find(QString::fromUtf8(text).toUpper()) == index, text == text.toUpper());
}

void TestCaptureStore::stringPoolScales() {
    StringPool pool;
    QList<QByteArray> texts;
    for (int i = 0; i < 200000; ++i) {
        const QByteArray hex =
            QByteArray::number(quint64(i) * 2654435761ULL, 16).rightJustified(32, '0');
        texts.append(hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' +
                     hex.mid(16, 4) + '-' + hex.mid(20, 12));
        if (i % 3 == 0)
            texts.append("/path/" + QByteArray::number(i));
    }
    QList<quint32> indexes;
    for (const QByteArray &text : std::as_const(texts))
        indexes.append(pool.internUtf8(text));
    QCOMPARE(pool.size(), texts.size() + 1);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QCOMPARE(pool.internUtf8(texts.at(i)), indexes.at(i));
        QCOMPARE(pool.utf8(indexes.at(i)), texts.at(i));
    }
    // Packed GUIDs, no allocation per text: far below the ~200 bytes of a QString in a QHash.
    QVERIFY2(pool.approximateBytes() < texts.size() * 64,
             qPrintable(QString::number(pool.approximateBytes())));
}

void TestCaptureStore::loadedIndexMatchesTheCaptures() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    QString error;
    std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(loaded->needingAnalysis.isEmpty());
    // The index read from the file equals the one built from the live captures.
    CaptureIndex live;
    for (const AnalysedCapture &c : written)
        QVERIFY(live.append(c));
    const CaptureIndex &index = loaded->index;
    QCOMPARE(index.size(), written.size());
    for (qsizetype i = 0; i < written.size(); ++i) {
        const CaptureIndexRow &a = index.row(i);
        const CaptureIndexRow &b = live.row(i);
        const Capture &c = written.at(i).capture;
        QCOMPARE(a.id, c.id);
        QCOMPARE(a.receivedUtcMs, c.firstByteUtcMs);
        QCOMPARE(index.text(a.method), QString::fromUtf8(c.method));
        QCOMPARE(index.text(a.path), QString::fromUtf8(c.path()));
        QCOMPARE(index.text(a.remoteAddress), c.remoteAddress);
        QCOMPARE(a.remotePort, c.remotePort);
        QCOMPARE(a.status, c.response.status);
        QCOMPARE(a.bodySize, quint32(c.body.size()));
        QCOMPARE(a.kind, written.at(i).analysis.kind);
        QCOMPARE(a.state, b.state);
        QCOMPARE(index.text(a.summary), live.text(b.summary));
        QCOMPARE(index.text(a.enterpriseId), written.at(i).analysis.enterpriseId);
        QCOMPARE(a.flags, b.flags);
        QCOMPARE(a.eventCount, b.eventCount);
        for (int tag = 0; tag < live.tagCount(); ++tag)
            QCOMPARE(index.hasTag(i, index.tagOf(live.tagName(tag))), live.hasTag(i, tag));
    }
}

void TestCaptureStore::lookupByIdAndTags() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    QString error;
    CaptureStore store;
    QVERIFY(store.adopt(*SessionLoader::load(path, {}, &error), &error));
    for (const AnalysedCapture &c : written) {
        const qsizetype position = store.positionOf(c.capture.id);
        QVERIFY(position >= 0);
        QCOMPARE(store.row(position).id, c.capture.id);
        const std::optional<AnalysedCapture> full = store.capture(c.capture.id, &error);
        QVERIFY2(full, qPrintable(error));
        QCOMPARE(*full, c);
    }
    QCOMPARE(store.positionOf(0), -1);
    QCOMPARE(store.positionOf(written.size() + 1), -1);
    QVERIFY(!store.capture(written.size() + 1, &error));
    QVERIFY(error.contains(QLatin1String("no capture")));

    const CaptureIndex &index = store.index();
    const int updated = index.tagOf(QStringLiteral("ServiceOrderUpdated"));
    QVERIFY(updated >= 0);
    QList<quint32> expected;
    for (qsizetype i = 0; i < written.size(); ++i) {
        for (const WebhookEvent &event : written.at(i).analysis.events) {
            if (event.discriminator == QLatin1String("ServiceOrderUpdated")) {
                expected.append(quint32(i));
                break;
            }
        }
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(index.positionsWithTag(updated), expected);
    for (qsizetype i = 0; i < index.size(); ++i)
        QCOMPARE(index.hasTag(i, updated), expected.contains(quint32(i)));
    QCOMPARE(index.tagOf(QStringLiteral("NoSuchEvent")), -1);
    const int created = index.tagOf(QStringLiteral("IntegrationCreated"));
    QVERIFY(created >= 0);
    QCOMPARE(index.countWithTag(created), 1);
}

void TestCaptureStore::countsPerKindStateAndTag() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY(loaded);
    const CaptureIndex &index = loaded->index;
    for (WebhookKind kind :
         {WebhookKind::Integration, WebhookKind::General, WebhookKind::OtherJson,
          WebhookKind::InvalidJson, WebhookKind::TooDeep, WebhookKind::NotJson}) {
        qsizetype expected = 0;
        for (const AnalysedCapture &c : written)
            expected += c.analysis.kind == kind ? 1 : 0;
        QCOMPARE(index.countOf(kind), expected);
    }
    for (int s = 0; s <= int(ContractState::Rejected); ++s) {
        const auto state = ContractState(s);
        qsizetype expected = 0;
        for (const AnalysedCapture &c : written) {
            const ContractState actual =
                c.capture.isRejected() ? ContractState::Rejected : c.analysis.contractState();
            expected += actual == state ? 1 : 0;
        }
        QCOMPARE(index.countOf(state), expected);
    }
    QCOMPARE(index.countOf(ContractState::Rejected), 1);
    const QString enterprise = QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15");
    qsizetype forEnterprise = 0;
    for (const AnalysedCapture &c : written)
        forEnterprise += c.analysis.enterpriseId == enterprise ? 1 : 0;
    QVERIFY(forEnterprise > 0);
    QCOMPARE(index.positionsForEnterprise(enterprise).size(), forEnterprise);
    QVERIFY(index.positionsForEnterprise(QStringLiteral("unknown")).isEmpty());
    QVERIFY(!index.enterprises().isEmpty());
    QVERIFY(!index.integrations().isEmpty());
}

void TestCaptureStore::entityHistoryInOrder() {
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
void TestCaptureStore::entityHistoryIgnoresGuidCase() {
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

void TestCaptureStore::moreThan63TagsStillFilterExactly() {
    CaptureIndex index;
    for (int i = 0; i < 80; ++i) {
        Capture c = webhook(general({{qPrintable(QStringLiteral("Custom%1").arg(i)), "x"},
                                     {"ServiceOrderUpdated", "y"}}),
                            i);
        c.id = i + 1;
        QVERIFY(index.append(analyse(c)));
    }
    QCOMPARE(index.tagCount(), 81);
    for (int tag = 0; tag < index.tagCount(); ++tag) {
        const QList<quint32> &positions = index.positionsWithTag(tag);
        for (qsizetype i = 0; i < index.size(); ++i)
            QCOMPARE(index.hasTag(i, tag), positions.contains(quint32(i)));
    }
    const int late = index.tagOf(QStringLiteral("Custom70"));
    QVERIFY(late >= CaptureIndex::MaskedTags);
    QCOMPARE(index.positionsWithTag(late), QList<quint32>{70});
    QVERIFY(!index.append(analyse(webhook("{}", 1)))); // id 0 is not newer
}

void TestCaptureStore::liveAppendsAreBatched() {
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
    store.append({});
    QCOMPARE(appended.size(), 2);
    // Older captures than the store already has are refused.
    store.append(analyse(batch.mid(0, 1)));
    QCOMPARE(store.size(), batch.size() + 1);
}

void TestCaptureStore::capturesNoLongerKeptAreRetiredAndReadFromTheFile() {
    LiveSession live;
    CaptureJournal &journal = live.journal;
    CaptureStore &store = live.store;
    QString error;
    QVERIFY2(live.open(&error), qPrintable(error));
    QList<qint64> retired;
    store.setRetire([&retired](QList<AnalysedCapture> &&captures) {
        for (const AnalysedCapture &analysed : captures)
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

void TestCaptureStore::sameBodyFindsTheDeliveriesOfOneMessage() {
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

void TestCaptureStore::needingAnalysisShrinksPieceByPiece() {
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

void TestCaptureStore::updateAnalysesReindexes() {
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

void TestCaptureStore::deliveriesDuringReanalysisEndInArrivalOrder() {
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

void TestCaptureStore::deliveriesSettleWhenAReanalysisStopsShort() {
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

void TestCaptureStore::reanalysisPastTheMaskedTags() {
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

void TestCaptureStore::batchOfReanalysesEqualsAFreshIndex_data() {
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 6; ++seed)
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestCaptureStore::batchOfReanalysesEqualsAFreshIndex() {
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

void TestCaptureStore::openAsyncAdoptsOrReportsFailure() {
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

void TestCaptureStore::appendLoadedAfterAppendingASession() {
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

void TestCaptureStore::clearEmptiesTheStore() {
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

void TestCaptureStore::closeReleasesTheFile() {
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

void TestCaptureStore::relocateKeepsTheRowsAndReadsTheNewFile() {
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

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
