#include "sessiontestdata.h"

#include "session/captureindex.h"
#include "session/eventindex.h"
#include "session/sessionloader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

/// What the index should say about a capture's events, from the decoder's analysis:
/// (name, entity id, collection, included); an Integration webhook is one row, its action.
using EventFacts = QList<std::tuple<QString, QString, QString, bool>>;

EventFacts factsOf(const AnalysedCapture &c) {
    EventFacts facts;
    if (!c.analysed)
        return facts;
    if (c.analysis.kind == WebhookKind::Integration) {
        facts.append({c.analysis.action, QString(), QString(), false});
        return facts;
    }
    for (const WebhookEvent &e : c.analysis.events)
        facts.append({e.discriminator, e.entityId, e.collection, e.entityIncluded()});
    return facts;
}

EventFacts indexed(const CaptureIndex &index, qsizetype position) {
    EventFacts facts;
    const EventIndex &events = index.events();
    for (qsizetype i = 0; i < events.countOf(position); ++i) {
        const EventIndexRow &row = events.at(position, i);
        if (row.capture != quint32(position))
            return {{QStringLiteral("wrong capture"), QString(), QString(), false}};
        facts.append({index.text(row.name), index.entityId(row), index.text(row.collection),
                      row.entityIncluded != 0});
    }
    return facts;
}

QList<AnalysedCapture> withIds(QList<AnalysedCapture> captures, qint64 first = 1) {
    for (AnalysedCapture &c : captures)
        c.capture.id = first++;
    return captures;
}

} // namespace

class TestEventIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rowIsSmall();
    void entityIdsComeBackAsSent_data();
    void entityIdsComeBackAsSent();
    void liveCapturesKeepTheirEvents();
    void loadedEventsEqualLiveOnes();
    void reanalysisReplacesAndCompacts();
    void appendingAnIndexCopiesEvents();
};

void TestEventIndex::rowIsSmall() {
    QCOMPARE(sizeof(EventIndexRow), size_t(28));
    EventIndex events;
    QCOMPARE(events.countOf(0), 0);
    QCOMPARE(events.countOf(-1), 0);
    events.addEvent({}); // no capture yet: ignored
    QCOMPARE(events.eventCount(), 0);
}

void TestEventIndex::entityIdsComeBackAsSent_data() {
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("packed");
    QTest::newRow("GUID") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e68") << true;
    QTest::newRow("upper-case GUID") << QByteArray("8D4E2A17-6C3B-4F90-B5E1-7A2C9D0F3E68") << true;
    QTest::newRow("digits only") << QByteArray("12345678-1234-1234-1234-123456789012") << true;
    QTest::newRow("mixed case") << QByteArray("8d4e2a17-6C3B-4f90-b5e1-7a2c9d0f3e68") << false;
    QTest::newRow("braces") << QByteArray("{8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3e6}") << false;
    QTest::newRow("dash misplaced") << QByteArray("8d4e2a176-c3b-4f90-b5e1-7a2c9d0f3e68") << false;
    QTest::newRow("not hex") << QByteArray("8d4e2a17-6c3b-4f90-b5e1-7a2c9d0f3eXY") << false;
    QTest::newRow("a number") << QByteArray("48213") << false;
    QTest::newRow("none") << QByteArray() << false;
}

void TestEventIndex::entityIdsComeBackAsSent() {
    QFETCH(QByteArray, id);
    QFETCH(bool, packed);
    CaptureIndex index;
    CaptureIndex::Entry entry;
    entry.id = 1;
    entry.analysed = true;
    entry.kind = WebhookKind::General;
    QVERIFY(
        index.append(entry, {"ResourceUpdated"}, {{"ResourceUpdated", id, "Resources", false}}));
    const EventIndexRow &row = index.events().at(0, 0);
    QCOMPARE(bool(row.entityIsGuid), packed);
    QCOMPARE(index.entityId(row), QString::fromUtf8(id));
    // Packed ids cost no string: only the name and the collection were interned.
    QCOMPARE(index.strings().find(QString::fromUtf8(id)) > 0, !packed && !id.isEmpty());
}

void TestEventIndex::liveCapturesKeepTheirEvents() {
    const QList<AnalysedCapture> captures = withIds(analyse(mixedCaptures()));
    CaptureIndex index;
    for (const AnalysedCapture &c : captures)
        QVERIFY(index.append(c));
    QCOMPARE(index.events().captureCount(), captures.size());
    qsizetype total = 0;
    for (qsizetype i = 0; i < captures.size(); ++i) {
        QCOMPARE(indexed(index, i), factsOf(captures.at(i)));
        total += factsOf(captures.at(i)).size();
    }
    QCOMPARE(index.events().eventCount(), total);
    QVERIFY(index.approximateBytes() >= total * qsizetype(sizeof(EventIndexRow)));
    // The integration name is kept for the filter lists.
    const int created =
        int(std::find_if(captures.cbegin(), captures.cend(),
                         [](const AnalysedCapture &c) {
                             return c.analysis.action == QLatin1String("IntegrationCreated");
                         }) -
            captures.cbegin());
    QCOMPARE(index.integrationName(index.row(created).integrationId),
             captures.at(created).analysis.integrationName);
}

void TestEventIndex::loadedEventsEqualLiveOnes() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures());
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    const CaptureIndex &index = loaded->index;
    QCOMPARE(index.size(), written.size());
    for (qsizetype i = 0; i < written.size(); ++i)
        QCOMPARE(indexed(index, i), factsOf(written.at(i)));
    const qsizetype created = std::find_if(written.cbegin(), written.cend(),
                                           [](const AnalysedCapture &c) {
                                               return !c.analysis.integrationName.isEmpty();
                                           }) -
                              written.cbegin();
    QCOMPARE(index.integrationName(index.row(created).integrationId),
             written.at(created).analysis.integrationName);

    // Loading from an id on reads only the later captures' events.
    SessionLoader::Options later;
    later.fromId = written.at(5).capture.id;
    const std::optional<LoadedSession> tail = SessionLoader::load(path, later, &error);
    QVERIFY2(tail, qPrintable(error));
    QCOMPARE(tail->index.size(), written.size() - 5);
    for (qsizetype i = 0; i < tail->index.size(); ++i)
        QCOMPARE(indexed(tail->index, i), factsOf(written.at(i + 5)));
}

void TestEventIndex::reanalysisReplacesAndCompacts() {
    // Many captures with events, then analysed again into more and fewer events.
    QList<Capture> captures;
    for (int i = 0; i < 600; ++i)
        captures.append(webhook(sampleBodies().at(i % 4), i));
    QList<AnalysedCapture> first = withIds(analyse(captures));
    CaptureIndex index;
    for (AnalysedCapture c : first) {
        c.analysed = false; // no analysis yet, no events
        QVERIFY(index.append(c));
    }
    QCOMPARE(index.events().eventCount(), 0);
    for (qsizetype i = 0; i < first.size(); ++i)
        index.updateAnalysis(i, first.at(i));
    for (qsizetype i = 0; i < first.size(); ++i)
        QCOMPARE(indexed(index, i), factsOf(first.at(i)));

    const QByteArray many = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const QByteArray none = QByteArrayLiteral("not json");
    for (int round = 0; round < 3; ++round) {
        QList<AnalysedCapture> now = first;
        for (qsizetype i = 0; i < now.size(); ++i) {
            const bool grow = (i + round) % 3 == 0;
            Capture c = webhook(grow ? many : none, int(i));
            c.id = now.at(i).capture.id;
            now[i] = analyse(c);
            index.updateAnalysis(i, now.at(i));
        }
        qsizetype total = 0;
        for (qsizetype i = 0; i < now.size(); ++i) {
            QCOMPARE(indexed(index, i), factsOf(now.at(i)));
            total += factsOf(now.at(i)).size();
        }
        QCOMPARE(index.events().eventCount(), total);
        // Space left behind by ranges that moved is reclaimed.
        QVERIFY(index.events().approximateBytes() <=
                4 * total * qsizetype(sizeof(EventIndexRow)) + 8 * now.size() + 4096);
    }
}

void TestEventIndex::appendingAnIndexCopiesEvents() {
    const QList<AnalysedCapture> captures = withIds(analyse(mixedCaptures()));
    CaptureIndex first;
    CaptureIndex second;
    const qsizetype half = captures.size() / 2;
    for (qsizetype i = 0; i < captures.size(); ++i)
        QVERIFY((i < half ? first : second).append(captures.at(i)));
    first.append(second);
    QCOMPARE(first.size(), captures.size());
    for (qsizetype i = 0; i < captures.size(); ++i)
        QCOMPARE(indexed(first, i), factsOf(captures.at(i)));
}

QTEST_GUILESS_MAIN(TestEventIndex)
#include "tst_eventindex.moc"
