// CaptureJournal against a file that cannot take what it is given: captures too big for
// it, a full disk, a damaged file, no file.
#include "filesizelimit.h"
#include "journaltestdata.h"
#include "sessiontestdata.h"

#include "session/capturejournal.h"

#include "http/listenerconfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace JournalTestData;
using namespace SessionTestData;

class TestCaptureJournalFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theLargestRequestTheListenerAcceptsIsStored();
    void aCaptureTooBigForTheFileIsRefusedAlone_data();
    void aCaptureTooBigForTheFileIsRefusedAlone();
    void twoCapturesTooBigForTheFileAreBothRefused();
    void commitWithoutOpenFileFails();
    void fullDiskKeepsCapturesAndRetries();
    void aDamagedFileSaysSoAndNamesTheSalvage();
    void closeOnAFullDiskLeavesNoTimerRunning();
};

// The listener's bounds keep every request it accepts storable: the largest head, target,
// body and response body together fit in one SQLite row. Past SQLite's row limit the write
// failed, and the journal answered that request and every one after it with 503.
void TestCaptureJournalFailures::theLargestRequestTheListenerAcceptsIsStored() {
    const ListenerConfig limits;
    Capture largest = webhook(QByteArray(ListenerConfig::MaxBodyLimit, '7'), 1,
                              '/' + QByteArray(limits.maxTargetBytes - 1, 't'));
    largest.rawHead = QByteArray(limits.maxHeadBytes, 'h');
    largest.response.body = QByteArray(ListenerConfig::MaxResponseBodyBytes, 'r');
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("largest.mwsession"));
    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QList<Capture> batch{largest};
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
        QVERIFY2(journal.close(&error), qPrintable(error));
    }
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 1);
    const Capture &read = stored.first().capture;
    QCOMPARE(read.body.size(), largest.body.size());
    QVERIFY(read.body == largest.body); // QCOMPARE would print 900 MiB on failure
    QVERIFY(read.rawHead == largest.rawHead);
    QVERIFY(read.response.body == largest.response.body);
}

void TestCaptureJournalFailures::aCaptureTooBigForTheFileIsRefusedAlone_data() {
    QTest::addColumn<CaptureOrigin>("origin");
    QTest::addColumn<int>("answered"); // the status the oversized capture ends with
    QTest::newRow("from the listener: answered 413") << CaptureOrigin::Listener << 413;
    QTest::newRow("from a HAR file: keeps its response") << CaptureOrigin::HarImport << 200;
}

void TestCaptureJournalFailures::aCaptureTooBigForTheFileIsRefusedAlone() {
    QFETCH(CaptureOrigin, origin);
    QFETCH(int, answered);
    constexpr int Largest = 64 * 1024;
    QList<Capture> batch = mixedSamples(3);
    batch[1].body = QByteArray(Largest + 1, 'x');
    for (Capture &capture : batch)
        capture.origin = origin;
    const Capture small = batch[0];
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        journal.setLargestValueBytes(Largest);
        QList<qsizetype> refused;
        QVERIFY2(journal.commit(batch, &error, &refused), qPrintable(error));
        QCOMPARE(refused, QList<qsizetype>{1}); // the listener sends what it was answered
        // The others are written; nothing waits in memory or holds up later commits.
        QCOMPARE(journal.unwrittenCaptureCount(), 0);
        QCOMPARE(journal.lastError(), QString());
        QList<Capture> later = mixedSamples(1);
        QVERIFY2(journal.commit(later, &error), qPrintable(error));
        QVERIFY2(journal.close(&error), qPrintable(error));
    }
    QVERIFY(batch[0].rejection.isEmpty());
    QVERIFY(batch[2].rejection.isEmpty());
    QVERIFY2(batch[1].rejection.startsWith(QLatin1String("not stored in full: ")),
             qPrintable(batch[1].rejection));
    QVERIFY2(batch[1].rejection.contains(QLatin1String("too big")), qPrintable(batch[1].rejection));
    QCOMPARE(batch[1].response.status, answered);

    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 4);
    QCOMPARE(stored[0].capture.body, small.body);
    QCOMPARE(stored[0].capture.rawHead, small.rawHead);
    QCOMPARE(stored[1].capture.id, batch[1].id);
    QVERIFY(stored[1].capture.body.isEmpty());
    QVERIFY(stored[1].capture.rawHead.isEmpty());
    QCOMPARE(stored[1].capture.rejection, batch[1].rejection);
    QCOMPARE(stored[1].capture.response.status, answered);
    QCOMPARE(stored[1].capture.method, small.method);
    QCOMPARE(stored[1].capture.headers, small.headers);
    QCOMPARE(stored[3].capture.id, batch[2].id + 1);
}

// Two captures of one batch that the file can never hold: each pass of the write refuses
// one, and the third writes the rest.
void TestCaptureJournalFailures::twoCapturesTooBigForTheFileAreBothRefused() {
    constexpr int Largest = 64 * 1024;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    journal.setLargestValueBytes(Largest);
    QList<Capture> batch = mixedSamples(5);
    batch[1].body = QByteArray(Largest + 1, 'x');
    batch[3].body = QByteArray(Largest + 1, 'y');
    const QList<Capture> sent = batch;
    QList<qsizetype> refused;
    QVERIFY2(journal.commit(batch, &error, &refused), qPrintable(error));
    QCOMPARE(refused, (QList<qsizetype>{1, 3}));
    // Neither holds up the others: all is written, nothing waits in memory.
    QCOMPARE(journal.unwrittenCaptureCount(), 0);
    QCOMPARE(journal.lastError(), QString());
    QVERIFY2(journal.close(&error), qPrintable(error));

    for (const qsizetype i : {1, 3}) {
        QVERIFY2(batch[i].rejection.startsWith(QLatin1String("not stored in full: ")),
                 qPrintable(batch[i].rejection));
        QCOMPARE(batch[i].response.status, 413);
    }
    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), 5);
    for (qsizetype i = 0; i < stored.size(); ++i) {
        QCOMPARE(stored[i].capture.id, batch[i].id);
        QCOMPARE(stored[i].capture.rejection, batch[i].rejection);
        if (i == 1 || i == 3) {
            QVERIFY(stored[i].capture.body.isEmpty());
            QCOMPARE(stored[i].capture.response.status, 413);
        } else {
            QVERIFY(batch[i].rejection.isEmpty());
            QCOMPARE(stored[i].capture.body, sent[i].body);
        }
    }
}

void TestCaptureJournalFailures::commitWithoutOpenFileFails() {
    CaptureJournal journal;
    QList<Capture> batch{webhook("{}", 1)};
    QString error;
    QVERIFY(!journal.commit(batch, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestCaptureJournalFailures::fullDiskKeepsCapturesAndRetries() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
    QSignalSpy failedSpy(&journal, &CaptureJournal::writeFailed);
    QSignalSpy recoveredSpy(&journal, &CaptureJournal::writeRecovered);

    QList<Capture> sent;
    const QByteArray body(4096, 'x');
    int n = 0;
    bool failed = false;
    {
        FileSizeLimit limit(512 * 1024);
        QVERIFY(limit.ok());
        for (int round = 0; round < 400 && !failed; ++round) {
            QList<Capture> batch;
            for (int i = 0; i < 8; ++i)
                batch.append(webhook(body, ++n));
            failed = !journal.commit(batch, &error);
            if (failed) {
                // What the listener then sends, and so records (CapturePipeline).
                for (Capture &capture : batch) {
                    capture.rejection = QStringLiteral("not stored: ") + error;
                    capture.response = {503, {{"Retry-After", "5"}}, "retry", 1714557601234};
                    journal.amendResponse(capture.id, capture.response, capture.rejection);
                }
            }
            sent.append(batch);
        }
        QVERIFY2(failed, "the file size limit never stopped a commit");
        QVERIFY2(error.contains(QLatin1String("File too large")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(failedSpy.size(), 1);
        QVERIFY(journal.unwrittenCaptureCount() > 0);
        // Still full: the next pass fails too and keeps everything, ids still in order.
        QList<Capture> more{webhook(body, ++n)};
        QVERIFY(!journal.commit(more, &error));
        sent.append(more);
        QCOMPARE(more.constFirst().id, qint64(sent.size()));
        QCOMPARE(failedSpy.size(), 1); // reported once, not per pass
        limit.lift();
    }
    // Space is back: the retry timer writes what was kept.
    QVERIFY(recoveredSpy.wait(3 * CaptureJournal::RetryIntervalMs));
    QCOMPARE(journal.unwrittenCaptureCount(), 0);
    QVERIFY(journal.lastError().isEmpty());
    QList<Capture> last{webhook(body, ++n)};
    QVERIFY2(journal.commit(last, &error), qPrintable(error));
    sent.append(last);
    QVERIFY(journal.close(&error));

    const QList<AnalysedCapture> stored = readAll(path);
    QCOMPARE(stored.size(), sent.size());
    for (qsizetype i = 0; i < sent.size(); ++i)
        QCOMPARE(stored.at(i).capture, sent.at(i));
}

void TestCaptureJournalFailures::aDamagedFileSaysSoAndNamesTheSalvage() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> captures;
    for (int n = 1; n <= 40; ++n)
        captures.append(webhook(QByteArray(2000, 'a' + char(n % 26)), n));
    writeSession(path, captures);
    // The last leaf of payloads, where the next body goes.
    const QList<Leaf> leaves = leafPages(path, "payloads");
    QVERIFY(leaves.size() > 2);
    QVERIFY(damagePage(path, leaves.constLast().page));

    CaptureJournal journal;
    QString error;
    QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QList<Capture> batch{webhook("{}", 41)};
    QVERIFY(!journal.commit(batch, &error));
    QVERIFY2(error.contains(QLatin1String("the session file is damaged")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("--salvage")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(journal.unwrittenCaptureCount(), 1); // kept, as on a full disk
}

void TestCaptureJournalFailures::closeOnAFullDiskLeavesNoTimerRunning() {
    QTemporaryDir dir;
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(dir.filePath(QStringLiteral("s.mwsession")),
                         SessionFile::Durability::Normal, &error));
    FileSizeLimit limit(256 * 1024);
    QVERIFY(limit.ok());
    const QByteArray body(4096, 'x');
    int n = 0;
    for (int round = 0; round < 400 && journal.unwrittenCaptureCount() == 0; ++round) {
        QList<Capture> batch;
        for (int i = 0; i < 8; ++i)
            batch.append(webhook(body, ++n));
        journal.commit(batch, &error);
    }
    QVERIFY2(journal.unwrittenCaptureCount() > 0, "the file size limit never stopped a commit");
    QVERIFY(!journal.close(&error));
    QVERIFY2(error.contains(QLatin1String("could not be written")), qPrintable(error));
    // The journal is closed: no retry may follow, and its owner may delete it from
    // another thread (CapturePipeline does) without stopping timers across threads.
    const QList<QTimer *> timers = journal.findChildren<QTimer *>();
    QVERIFY(!timers.isEmpty());
    for (const QTimer *timer : timers)
        QVERIFY(!timer->isActive());
}

QTEST_GUILESS_MAIN(TestCaptureJournalFailures)
#include "tst_capturejournalfailures.moc"
