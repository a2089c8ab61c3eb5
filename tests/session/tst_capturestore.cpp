#include "sessiontestdata.h"

#include "session/capturestore.h"
#include "session/sessionloader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

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
    void moreThan63TagsStillFilterExactly();
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

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
