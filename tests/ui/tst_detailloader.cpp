#include "../models/modeltestdata.h"

#include "gzipdata.h"
#include "panes/detail/detailloader.h"
#include "session/capturestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;

namespace {

constexpr int Wait = 20000;

/// A General webhook whose body is at least `minimum` bytes (a long Message text).
QByteArray bodyOf(qsizetype minimum) {
    QByteArray body = general({{"MessageAdded", "m1"}});
    body.chop(1); // the closing brace
    return body + R"(,"Padding":")" + QByteArray(minimum, 'x') + "\"}";
}

} // namespace

class TestDetailLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void smallCapturesAreBuiltAtOnce();
    void largeCapturesAreReadOnAWorker();
    void aNewerLoadSupersedesAnOlderOne();
    void missingCapturesSaySo();
    void rawIsFormattedAgain();
    void cancelDropsTheResult();
    void compressedCapturesAreDecodedOnAWorker();

private:
    QTemporaryDir m_dir;
    CaptureStore m_store;
    qint64 m_small = 0;
    qint64 m_large = 0;
    qint64 m_large2 = 0;
    qint64 m_compressed = 0;
};

void TestDetailLoader::initTestCase() {
    // The fourth is small, but compressed: it may decompress to many times its size.
    Capture compressed = webhook(GzipData::compressed(bodyOf(DetailLoader::SyncLoadLimit)), 4);
    compressed.headers.append(HeaderField{"Content-Encoding", "gzip"});
    QVERIFY(compressed.body.size() < 64 * 1024);
    const QList<Capture> captures = {
        webhook(bodyOf(100), 1), webhook(bodyOf(DetailLoader::SyncLoadLimit + 1000), 2),
        webhook(bodyOf(DetailLoader::SyncLoadLimit + 2000), 3), compressed};
    const QString path = m_dir.filePath(QStringLiteral("loader.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, captures);
    QVERIFY(open(m_store, path));
    QCOMPARE(m_store.size(), 4);
    m_small = written.at(0).capture.id;
    m_large = written.at(1).capture.id;
    m_large2 = written.at(2).capture.id;
    m_compressed = written.at(3).capture.id;
}

void TestDetailLoader::smallCapturesAreBuiltAtOnce() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QCOMPARE(loader.load(m_small, false, true), DetailLoader::Start::Done);
    QCOMPARE(loaded.size(), 1); // before load() returned
    const auto content = loaded.first().first().value<DetailContent>();
    QCOMPARE(content.capture.capture.id, m_small);
    QVERIFY(content.json.isReadable());
}

void TestDetailLoader::largeCapturesAreReadOnAWorker() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QCOMPARE(loader.load(m_large, false, false), DetailLoader::Start::Reading);
    QVERIFY(loaded.isEmpty());
    QVERIFY(loaded.wait(Wait));
    const auto content = loaded.first().first().value<DetailContent>();
    QCOMPARE(content.capture.capture.id, m_large);
    QVERIFY(content.capture.capture.body.size() > DetailLoader::SyncLoadLimit);
    QVERIFY(content.capture.analysed);
}

void TestDetailLoader::aNewerLoadSupersedesAnOlderOne() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QCOMPARE(loader.load(m_large, false, false), DetailLoader::Start::Reading);
    QCOMPARE(loader.load(m_large2, false, false), DetailLoader::Start::Reading);
    QVERIFY(loaded.wait(Wait));
    QTest::qWait(200); // a superseded result would arrive meanwhile
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().first().value<DetailContent>().capture.capture.id, m_large2);
}

void TestDetailLoader::missingCapturesSaySo() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QSignalSpy failed(&loader, &DetailLoader::failed);
    QCOMPARE(loader.load(999, false, false), DetailLoader::Start::Missing);
    QVERIFY(loaded.isEmpty());
    QVERIFY(failed.isEmpty());
}

void TestDetailLoader::rawIsFormattedAgain() {
    DetailLoader loader(&m_store);
    QSignalSpy raw(&loader, &DetailLoader::rawReady);
    const std::optional<AnalysedCapture> small = m_store.capture(m_small, nullptr);
    QVERIFY(small);
    QVERIFY(loader.formatRaw(*small, false, true));
    QCOMPARE(raw.size(), 1);
    const std::optional<AnalysedCapture> large = m_store.capture(m_large, nullptr);
    QVERIFY(large);
    QVERIFY(!loader.formatRaw(*large, false, true));
    QCOMPARE(raw.size(), 1);
    QVERIFY(raw.wait(Wait));
    QVERIFY(raw.last().first().value<RawText>().text.contains(QLatin1String("Padding")));
}

void TestDetailLoader::cancelDropsTheResult() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QCOMPARE(loader.load(m_large, false, false), DetailLoader::Start::Reading);
    loader.cancel();
    QVERIFY(!loaded.wait(1500));
}

void TestDetailLoader::compressedCapturesAreDecodedOnAWorker() {
    DetailLoader loader(&m_store);
    QSignalSpy loaded(&loader, &DetailLoader::loaded);
    QCOMPARE(loader.load(m_compressed, false, false), DetailLoader::Start::Reading);
    QVERIFY(loaded.isEmpty());
    QVERIFY(loaded.wait(Wait));
    const auto content = loaded.first().first().value<DetailContent>();
    QCOMPARE(content.capture.capture.id, m_compressed);
    QVERIFY(content.json.isReadable()); // the JSON inside, not the gzip bytes
    QVERIFY(content.raw.text.contains(QLatin1String("Padding")));

    QSignalSpy raw(&loader, &DetailLoader::rawReady);
    QVERIFY(!loader.formatRaw(content.capture, false, true));
    QVERIFY(raw.wait(Wait));
    QVERIFY(raw.last().first().value<RawText>().text.contains(QLatin1String("Padding")));
}

QTEST_MAIN(TestDetailLoader)
#include "tst_detailloader.moc"
