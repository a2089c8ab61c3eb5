#include "sessiontestdata.h"

#include "session/deliverytracker.h"
#include "session/earlierdeliveries.h"
#include "session/sqlitedatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

/// Bodies "a", "b", "a" to /hook, then "a" to /other: ids 1-4 once written.
QList<Capture> repeats() {
    return {webhook("a", 1, "/hook"), webhook("b", 2, "/hook"), webhook("a", 3, "/hook?Token=x"),
            webhook("a", 4, "/other")};
}

/// What the tracker says of one more delivery of body to path, with the next id.
DeliveryTracker::Delivery next(DeliveryTracker &tracker, const QByteArray &body,
                               const QByteArray &path, qint64 id) {
    return tracker.note("POST", path, BodyDigest::of(body), id);
}

} // namespace

class TestEarlierDeliveries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void continuesTheFilesNumbering();
    void keepsTheLastCapturesWithinCapacity();
    void digestsBodiesWhoseAnalysisIsMissing();
    void digestsBodiesOfFilesWithoutTheDigestColumn();
    void reportsAFileItCannotRead();
};

void TestEarlierDeliveries::continuesTheFilesNumbering() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, repeats());

    DeliveryTracker tracker;
    QString error;
    QCOMPARE(EarlierDeliveries::feed(path, tracker, &error), 4);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DeliveryTracker::Delivery third = next(tracker, "a", "/hook", 5);
    QCOMPARE(third.number, 3u);
    QCOMPARE(third.previousId, 3);
    QCOMPARE(next(tracker, "b", "/hook", 6).previousId, 2);
    QCOMPARE(next(tracker, "a", "/other", 7).number, 2u);
    QCOMPARE(next(tracker, "c", "/hook", 8).number, 1u);
}

void TestEarlierDeliveries::keepsTheLastCapturesWithinCapacity() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, repeats());

    // Room for two: the file's last two captures (ids 3 and 4), noted oldest first.
    DeliveryTracker tracker(2);
    QString error;
    QCOMPARE(EarlierDeliveries::feed(path, tracker, &error), 2);
    const DeliveryTracker::Delivery again = next(tracker, "a", "/hook", 5);
    QCOMPARE(again.number, 2u);
    QCOMPARE(again.previousId, 3);
    QCOMPARE(next(tracker, "a", "/other", 6).previousId, 4);
}

void TestEarlierDeliveries::digestsBodiesWhoseAnalysisIsMissing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    // Only capture 2 was analysed before the run ended.
    writeSession(path, repeats(),
                 [](const AnalysedCapture &analysed) { return analysed.capture.id == 2; });

    DeliveryTracker tracker;
    QString error;
    QCOMPARE(EarlierDeliveries::feed(path, tracker, &error), 4);
    const DeliveryTracker::Delivery third = next(tracker, "a", "/hook", 5);
    QCOMPARE(third.number, 3u);
    QCOMPARE(third.previousId, 3);
    QCOMPARE(next(tracker, "b", "/hook", 6).number, 2u);
}

void TestEarlierDeliveries::digestsBodiesOfFilesWithoutTheDigestColumn() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, repeats());
    {
        // as a file written before digests were stored
        SqliteDatabase db;
        QString error;
        QVERIFY2(db.open(path, SqliteDatabase::Mode::ReadWrite, &error), qPrintable(error));
        QVERIFY2(db.exec("ALTER TABLE analyses DROP COLUMN body_digest", &error),
                 qPrintable(error));
    }
    DeliveryTracker tracker;
    QString error;
    QCOMPARE(EarlierDeliveries::feed(path, tracker, &error), 4);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(next(tracker, "a", "/hook", 5).number, 3u);
}

void TestEarlierDeliveries::reportsAFileItCannotRead() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("not-a-session.mwsession"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();

    DeliveryTracker tracker;
    QString error;
    QCOMPARE(EarlierDeliveries::feed(path, tracker, &error), -1);
    QVERIFY(!error.isEmpty());
    QCOMPARE(tracker.remembered(), 0);
}

QTEST_GUILESS_MAIN(TestEarlierDeliveries)
#include "tst_earlierdeliveries.moc"
