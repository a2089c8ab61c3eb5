#include "sessiontestdata.h"

#include "session/captureindex.h"
#include "session/sessionloader.h"
#include "session/sqlitedatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace SessionTestData;

namespace {

/// More rows than the loader puts in one chunk, so reading and building overlap.
constexpr int ManyCaptures = 4500;

QByteArray generalBody(int n) {
    return QByteArrayLiteral(
               R"({"EnterpriseId":"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15",)"
               R"("IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[)"
               R"({"Discriminator":"ServiceOrderUpdated","Value":{"Id":"5e3b8c1d-0000-4000-8000-)") +
           QByteArray::number(100000000000LL + n) +
           R"("}},{"Discriminator":"MessageAdded","Value":{"Id":"9a1c2e3f-0000-4000-8000-)" +
           QByteArray::number(200000000000LL + n) + R"("}}]})";
}

/// Writes ManyCaptures General webhooks; every skipEvery-th one gets no analysis row.
QList<AnalysedCapture> writeMany(const QString &path, int skipEvery) {
    QList<Capture> captures;
    for (int n = 1; n <= ManyCaptures; ++n)
        captures.append(webhook(generalBody(n), n));
    return writeSession(path, captures, [skipEvery](const AnalysedCapture &capture) {
        return skipEvery == 0 || capture.capture.id % skipEvery != 0;
    });
}

void execute(const QString &path, const char *sql) {
    SqliteDatabase db;
    QString error;
    if (!db.open(path, SqliteDatabase::Mode::ReadWrite, &error) || !db.exec(sql, &error))
        qFatal("%s", qPrintable(error));
}

} // namespace

class TestSessionLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void manyRowsLoadInOrder();
    void missingAndOutdatedAnalysesAreReported();
    void currentOptionsAskForThisDecoder();
    void loadFromIdSkipsEarlierRows();
    void unreadableAnalysisIsLoadedForAnalysingAgain_data();
    void unreadableAnalysisIsLoadedForAnalysingAgain();
    void cancelledLoadFails();
};

void TestSessionLoader::manyRowsLoadInOrder() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("many.mwsession"));
    const QList<AnalysedCapture> written = writeMany(path, 0);
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(loaded->needingAnalysis.isEmpty());
    CaptureIndex live;
    for (const AnalysedCapture &capture : written)
        QVERIFY(live.append(capture));
    const CaptureIndex &index = loaded->index;
    QCOMPARE(index.size(), qsizetype(ManyCaptures));
    QCOMPARE(index.events().eventCount(), live.events().eventCount());
    for (qsizetype i = 0; i < index.size(); ++i) {
        const CaptureIndexRow &a = index.row(i);
        const CaptureIndexRow &b = live.row(i);
        QCOMPARE(a.id, written.at(i).capture.id);
        QCOMPARE(a.receivedUtcMs, b.receivedUtcMs);
        QCOMPARE(a.remotePort, b.remotePort);
        QCOMPARE(index.text(a.path), live.text(b.path));
        QCOMPARE(index.text(a.summary), live.text(b.summary));
        QCOMPARE(index.text(a.enterpriseId), live.text(b.enterpriseId));
        QCOMPARE(a.eventCount, b.eventCount);
        QCOMPARE(a.flags, b.flags);
    }
    // The entity of the last capture's first event has its one version, found by id.
    const QString lastReservation =
        QStringLiteral("5e3b8c1d-0000-4000-8000-%1").arg(100000000000LL + ManyCaptures);
    QCOMPARE(index.entityHistory(lastReservation).size(),
             live.entityHistory(lastReservation).size());
    QCOMPARE(index.entityHistory(lastReservation).size(), 1);
}

void TestSessionLoader::missingAndOutdatedAnalysesAreReported() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gaps.mwsession"));
    writeMany(path, 7);
    QString error;
    // What the app loads with: the analyses this build wrote are current.
    std::optional<LoadedSession> loaded =
        SessionLoader::load(path, SessionLoader::Options::current(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QList<qint64> expected;
    for (qint64 id = 7; id <= ManyCaptures; id += 7)
        expected.append(id);
    QCOMPARE(loaded->needingAnalysis, expected);
    QCOMPARE(loaded->index.size(), qsizetype(ManyCaptures));
    QVERIFY(!(loaded->index.row(6).flags & CaptureIndexRow::Analysed));
    QVERIFY(loaded->index.row(5).flags & CaptureIndexRow::Analysed);

    // A newer decoder than the one that wrote the analyses: every capture needs work.
    SessionLoader::Options newer;
    newer.minDecoderVersion = 1 << 20;
    loaded = SessionLoader::load(path, newer, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->needingAnalysis.size(), qsizetype(ManyCaptures));
}

void TestSessionLoader::currentOptionsAskForThisDecoder() {
    const SessionLoader::Options options = SessionLoader::Options::current(42);
    QCOMPARE(options.minDecoderVersion, CaptureAnalyser::decoderVersion());
    QCOMPARE(options.fromId, 42);
    QVERIFY(!options.cancel);
    QCOMPARE(SessionLoader::Options::current().fromId, 0);
}

void TestSessionLoader::loadFromIdSkipsEarlierRows() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tail.mwsession"));
    writeMany(path, 0);
    SessionLoader::Options tail;
    tail.fromId = 3001;
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, tail, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->index.size(), qsizetype(ManyCaptures - 3000));
    QCOMPARE(loaded->index.row(0).id, 3001);
    QCOMPARE(loaded->index.row(loaded->index.size() - 1).id, ManyCaptures);
}

void TestSessionLoader::unreadableAnalysisIsLoadedForAnalysingAgain_data() {
    QTest::addColumn<int>("id");
    QTest::addColumn<QByteArray>("assignment");
    // The events column cut inside its second event: the first must not stay behind.
    const QByteArray cut("substr(events, 1, length(events) - 30)");
    QTest::newRow("events, early") << 5 << "events = " + cut;
    QTest::newRow("events, late") << ManyCaptures - 2 << "events = " + cut;
    QTest::newRow("entities") << 17 << "entities = " + cut;
    QTest::newRow("kind") << 23 << QByteArray("kind = 'bogus-kind'");
    QTest::newRow("contract state") << 29 << QByteArray("contract_state = 'fine'");
}

void TestSessionLoader::unreadableAnalysisIsLoadedForAnalysingAgain() {
    QFETCH(int, id);
    QFETCH(QByteArray, assignment);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.mwsession"));
    writeMany(path, 0);
    // A value SQLite reads back fine but that is not what the writer wrote: the file's
    // pages are intact, one analysis is not. The captures and payloads are untouched.
    const QByteArray sql =
        "UPDATE analyses SET " + assignment + " WHERE capture_id = " + QByteArray::number(id);
    execute(path, sql.constData());
    QString error;
    const std::optional<LoadedSession> loaded =
        SessionLoader::load(path, SessionLoader::Options::current(), &error);
    QVERIFY2(loaded, qPrintable(error));
    const CaptureIndex &index = loaded->index;
    QCOMPARE(index.size(), qsizetype(ManyCaptures));
    QCOMPARE(loaded->unreadableAnalyses, 1);
    QCOMPARE(loaded->needingAnalysis, QList<qint64>{id});

    // The damaged capture is there as captured, unanalysed and without any of its events,
    // tags or entities; its neighbours keep theirs.
    const qsizetype position = index.positionOf(id);
    QVERIFY(!(index.row(position).flags & CaptureIndexRow::Analysed));
    QVERIFY(index.row(position - 1).flags & CaptureIndexRow::Analysed);
    QCOMPARE(index.unanalysedCount(), 1);
    QCOMPARE(index.events().countOf(position), 0);
    QCOMPARE(index.events().countOf(position + 1), 2);
    const int updated = index.tagOf(QStringLiteral("ServiceOrderUpdated"));
    QVERIFY(updated >= 0);
    QCOMPARE(index.countWithTag(updated), qsizetype(ManyCaptures - 1));
    QVERIFY(!index.hasTag(position, updated));
    QCOMPARE(index.countWithTag(index.tagOf(QStringLiteral("MessageAdded"))),
             qsizetype(ManyCaptures - 1));
    const QString entity = QStringLiteral("5e3b8c1d-0000-4000-8000-%1").arg(100000000000LL + id);
    QVERIFY(index.entityHistory(entity).isEmpty());
    const QString next = QStringLiteral("5e3b8c1d-0000-4000-8000-%1").arg(100000000000LL + id + 1);
    QCOMPARE(index.entityHistory(next).size(), 1);
}

void TestSessionLoader::cancelledLoadFails() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancel.mwsession"));
    writeMany(path, 0);
    const std::atomic_bool cancel = true;
    SessionLoader::Options options;
    options.cancel = &cancel;
    QString error;
    QVERIFY(!SessionLoader::load(path, options, &error));
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSessionLoader)
#include "tst_sessionloader.moc"
