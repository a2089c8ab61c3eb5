#include "modeltestdata.h"

#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/textsearch.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;

namespace {

constexpr int WaitMs = 10000;

/// The oracle: ids whose head or body contain text, ignoring case (Unicode).
QList<qint64> containing(const QList<AnalysedCapture> &captures, const QString &text) {
    QList<qint64> ids;
    for (const AnalysedCapture &c : captures) {
        if (QString::fromUtf8(c.capture.rawHead).contains(text, Qt::CaseInsensitive) ||
            QString::fromUtf8(c.capture.body).contains(text, Qt::CaseInsensitive))
            ids.append(c.capture.id);
    }
    return ids;
}

bool waitFinished(QSignalSpy &finished, int count = 1) {
    for (int round = 0; finished.size() < count && round < 20; ++round)
        finished.wait(WaitMs / 20);
    return finished.size() >= count;
}

} // namespace

class TestTextSearch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void findsHeadsAndBodies_data();
    void findsHeadsAndBodies();
    void followsCapturesThatArrive();
    void newTextDropsTheOldRun();
    void cancelStops();
    void openingAnotherSessionStartsOver();
    void reportsWhatItCannotSearch();
    void drivesTheProxy();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<AnalysedCapture> m_written;
};

void TestTextSearch::init() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(
        QStringLiteral("search-%1.mwsession").arg(QDateTime::currentMSecsSinceEpoch()));
    m_written = writeSession(m_path, mixedCaptures());
}

void TestTextSearch::findsHeadsAndBodies_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("discriminator, other case") << QStringLiteral("serviceorderUPDATED");
    QTest::newRow("header value") << QStringLiteral("PROBE/1.0");
    QTest::newRow("request line") << QStringLiteral("get /webhook");
    QTest::newRow("enterprise name") << QStringLiteral("hotel aurora");
    QTest::newRow("entity id") << QStringLiteral("8D4E2A17-6C3B");
    QTest::newRow("non-ASCII, other case") << QStringLiteral("CAFÉ");
    QTest::newRow("nowhere") << QStringLiteral("no such text anywhere");
}

void TestTextSearch::findsHeadsAndBodies() {
    QFETCH(QString, text);
    CaptureStore store;
    QVERIFY(open(store, m_path));
    TextSearch search(&store);
    QSignalSpy found(&search, &TextSearch::matchesFound);
    QSignalSpy finished(&search, &TextSearch::finished);
    QSignalSpy progress(&search, &TextSearch::progress);
    search.setText(text);
    QVERIFY(search.isRunning());
    QVERIFY(waitFinished(finished));
    QVERIFY(!search.isRunning());
    const QList<qint64> expected = containing(m_written, text);
    QCOMPARE(search.matches(), expected);
    QList<qint64> delivered;
    for (const QList<QVariant> &signal : std::as_const(found))
        delivered.append(signal.at(0).value<QList<qint64>>());
    QCOMPARE(delivered, expected);
    QCOMPARE(finished.last().at(0).toLongLong(), qint64(expected.size()));
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(m_written.size()));
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(m_written.size()));
    QCOMPARE(search.searchedUpTo(), m_written.last().capture.id);
}

void TestTextSearch::followsCapturesThatArrive() {
    // A live session: the journal keeps writing while the store and the search read.
    const QString path = m_dir.filePath(QStringLiteral("live.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QList<Capture> first = mixedCaptures();
    QVERIFY2(journal.commit(first, &error), qPrintable(error));
    QVERIFY(journal.flush());
    CaptureStore store;
    QVERIFY(open(store, path));
    QList<AnalysedCapture> all;
    for (const Capture &c : std::as_const(first))
        all.append(analyse(c));

    TextSearch search(&store);
    QSignalSpy found(&search, &TextSearch::matchesFound);
    QSignalSpy finished(&search, &TextSearch::finished);
    search.setText(QStringLiteral("messageadded"));
    QVERIFY(waitFinished(finished));
    QCOMPARE(search.matches(), containing(all, QStringLiteral("messageadded")));
    const qint64 searched = search.searchedUpTo();
    found.clear();

    // More captures: written, analysed, appended to the store (the live pipeline's order).
    QList<Capture> more;
    for (int i = 0; i < 6; ++i) {
        more.append(webhook(
            general({{i % 2 ? "MessageAdded" : "ResourceUpdated", "m" + QByteArray::number(i)}}),
            100 + i));
    }
    QVERIFY2(journal.commit(more, &error), qPrintable(error));
    QList<AnalysedCapture> arrived;
    for (const Capture &c : std::as_const(more))
        arrived.append(analyse(c));
    store.append(arrived);
    all.append(arrived);
    QVERIFY(waitFinished(finished, 2));
    QList<qint64> delivered;
    for (const QList<QVariant> &signal : std::as_const(found))
        delivered.append(signal.at(0).value<QList<qint64>>());
    // Only the new captures were searched, and they were found.
    QCOMPARE(delivered, containing(arrived, QStringLiteral("messageadded")));
    QCOMPARE(delivered.size(), 3);
    for (qint64 id : std::as_const(delivered))
        QVERIFY(id > searched);
    QCOMPARE(search.matches(), containing(all, QStringLiteral("messageadded")));
    QCOMPARE(search.searchedUpTo(), more.last().id);
}

void TestTextSearch::newTextDropsTheOldRun() {
    CaptureStore store;
    QVERIFY(open(store, m_path));
    TextSearch search(&store);
    QSignalSpy reset(&search, &TextSearch::matchesReset);
    QSignalSpy finished(&search, &TextSearch::finished);
    search.setText(QStringLiteral("e"));
    search.setText(QStringLiteral("CustomerAdded"));
    QCOMPARE(reset.size(), 2);
    QCOMPARE(reset.last().at(0).toString(), QStringLiteral("CustomerAdded"));
    QVERIFY(waitFinished(finished));
    // The first run's results ("e" is nearly everywhere) never arrived.
    QCOMPARE(finished.size(), 1);
    QCOMPARE(search.matches(), containing(m_written, QStringLiteral("CustomerAdded")));
    search.setText(QString());
    QCOMPARE(reset.last().at(0).toString(), QString());
    QVERIFY(search.matches().isEmpty());
    QVERIFY(!search.isRunning());
}

void TestTextSearch::cancelStops() {
    CaptureStore store;
    QVERIFY(open(store, m_path));
    TextSearch search(&store);
    QSignalSpy found(&search, &TextSearch::matchesFound);
    QSignalSpy finished(&search, &TextSearch::finished);
    search.setText(QStringLiteral("Id"));
    search.cancel();
    QVERIFY(!search.isRunning());
    // Whatever the cancelled run still sends is dropped; a new append starts nothing.
    store.append(analysed(mixedCaptures().mid(0, 2), m_written.size() + 1));
    QTest::qWait(3 * TextSearch::FollowUpDelayMs);
    QCOMPARE(found.size(), 0);
    QCOMPARE(finished.size(), 0);
    QVERIFY(search.matches().isEmpty());
}

void TestTextSearch::openingAnotherSessionStartsOver() {
    const QString other = m_dir.filePath(QStringLiteral("other.mwsession"));
    const QList<AnalysedCapture> written =
        writeSession(other, {webhook(general({{"PaymentUpdated", "p1"}}), 1),
                             webhook(general({{"CustomerUpdated", "c1"}}), 2)});
    CaptureStore store;
    QVERIFY(open(store, m_path));
    TextSearch search(&store);
    QSignalSpy reset(&search, &TextSearch::matchesReset);
    QSignalSpy finished(&search, &TextSearch::finished);
    search.setText(QStringLiteral("PaymentUpdated"));
    QVERIFY(waitFinished(finished));
    QCOMPARE(search.matches(), containing(m_written, QStringLiteral("PaymentUpdated")));
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(other);
    QVERIFY(opened.wait(WaitMs));
    QCOMPARE(reset.size(), 2);
    QVERIFY(waitFinished(finished, 2));
    QCOMPARE(search.matches(), containing(written, QStringLiteral("PaymentUpdated")));
    QCOMPARE(search.matches().size(), 1);
    store.clear();
    QCOMPARE(reset.size(), 3);
}

void TestTextSearch::reportsWhatItCannotSearch() {
    CaptureStore memoryOnly;
    TextSearch nowhere(&memoryOnly);
    QSignalSpy failed(&nowhere, &TextSearch::failed);
    nowhere.setText(QStringLiteral("x"));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QLatin1String("no session file")));
    QVERIFY(!nowhere.isRunning());

    // The file went away under an open store.
    const QString path = m_dir.filePath(QStringLiteral("gone.mwsession"));
    writeSession(path, mixedCaptures().mid(0, 3));
    CaptureStore store;
    QVERIFY(open(store, path));
    QVERIFY(QFile::remove(path));
    TextSearch search(&store);
    QSignalSpy gone(&search, &TextSearch::failed);
    search.setText(QStringLiteral("x"));
    QVERIFY(gone.wait(WaitMs));
    QVERIFY(gone.first().at(0).toString().contains(QFileInfo(path).fileName()));
    QVERIFY(!search.isRunning());
}

void TestTextSearch::drivesTheProxy() {
    CaptureStore store;
    QVERIFY(open(store, m_path));
    CaptureTableModel model(&store);
    CaptureFilterProxy proxy(&model);
    TextSearch search(&store);
    proxy.setTextSearch(&search);
    QSignalSpy finished(&search, &TextSearch::finished);
    proxy.setSearchText(QStringLiteral("resourceupdated"));
    QCOMPARE(proxy.rowCount(), 0); // nothing is known to match until found
    QVERIFY(waitFinished(finished));
    const QList<qint64> expected = containing(m_written, QStringLiteral("resourceupdated"));
    QList<qint64> shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown.append(proxy.index(row, 0).data(CaptureTableModel::IdRole).toLongLong());
    QCOMPARE(shown, expected);
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), model.rowCount());
    QVERIFY(!proxy.filter().hasTextMatches());
}

QTEST_GUILESS_MAIN(TestTextSearch)
#include "tst_textsearch.moc"
