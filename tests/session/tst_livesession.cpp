#include "sessiontestdata.h"

#include "session/capturejournal.h"
#include "session/livesession.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

namespace {

void record(const QString &path, int captures) {
    CaptureJournal journal;
    QString error;
    if (!journal.open(path, SessionFile::Durability::Normal, &error))
        qFatal("%s", qPrintable(error));
    QList<Capture> batch;
    for (int i = 0; i < captures; ++i)
        batch.append(webhook("{}", i + 1));
    if (!journal.commit(batch, &error))
        qFatal("%s", qPrintable(error));
}

/// What a crash leaves: the file says it was not closed, and no process holds it.
void leaveUnclean(const QString &path) {
    SessionFile file;
    QString error;
    if (!file.open(path, SessionFile::Durability::Normal, &error))
        qFatal("%s", qPrintable(error));
    file.close(); // unlike CaptureJournal::close(), does not mark it clean
}

} // namespace

class TestLiveSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void directoryAndNames();
    void findsOnlyLeftoversWithCaptures();
    void recoverToMovesAndMarksClean();
    void discardRemovesEverything();
};

void TestLiveSession::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("mwi-tst-livesession"));
    QDir(LiveSession::directory()).removeRecursively();
}

void TestLiveSession::directoryAndNames() {
    const QString dir = LiveSession::directory();
    QVERIFY(dir.endsWith(QLatin1String("/live")));
    QVERIFY(dir.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    QVERIFY(QFileInfo(dir).isDir());
    const QString first = LiveSession::newPath();
    QVERIFY(first.endsWith(QLatin1String(".mwsession")));
    QVERIFY(first.startsWith(dir + QLatin1Char('/')));
    QVERIFY(SessionFile::create(first, nullptr));
    const QString second = LiveSession::newPath();
    QVERIFY(second != first);
    QVERIFY(SessionFile::remove(first, nullptr));
}

void TestLiveSession::findsOnlyLeftoversWithCaptures() {
    QTemporaryDir dir;
    const QString crashed = dir.filePath(QStringLiteral("crashed.mwsession"));
    record(crashed, 3);
    leaveUnclean(crashed);
    const QString closed = dir.filePath(QStringLiteral("closed.mwsession"));
    record(closed, 2);
    const QString empty = dir.filePath(QStringLiteral("empty.mwsession"));
    record(empty, 0);
    leaveUnclean(empty);
    const QString garbage = dir.filePath(QStringLiteral("garbage.mwsession"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a session");
    file.close();
    // One still being recorded by a running journal is not a leftover.
    const QString running = dir.filePath(QStringLiteral("running.mwsession"));
    record(running, 1);
    leaveUnclean(running);
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(running, SessionFile::Durability::Normal, &error));

    const QList<SessionInfo> found = LiveSession::findRecoverable(dir.path());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.at(0).path, crashed);
    QCOMPARE(found.at(0).captureCount, 3);
    QCOMPARE(unanalysedCount(crashed), 3);
    QVERIFY(!found.at(0).cleanShutdown);
    QVERIFY(!QFile::exists(empty));  // empty leftovers are tidied away
    QVERIFY(QFile::exists(garbage)); // never delete what is not ours
    QVERIFY(QFile::exists(closed));
    QVERIFY(QFile::exists(running));
}

void TestLiveSession::recoverToMovesAndMarksClean() {
    QTemporaryDir dir;
    const QString crashed = dir.filePath(QStringLiteral("live/crashed.mwsession"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("live"))));
    record(crashed, 4);
    leaveUnclean(crashed);
    const QString named = dir.filePath(QStringLiteral("Monday.mwsession"));
    QString error;
    QVERIFY2(LiveSession::recoverTo(crashed, named, &error), qPrintable(error));
    QVERIFY(!QFile::exists(crashed));
    const std::optional<SessionInfo> info = SessionFile::inspect(named, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->captureCount, 4);
    QVERIFY(info->cleanShutdown);
    QVERIFY(LiveSession::findRecoverable(dir.filePath(QStringLiteral("live"))).isEmpty());

    // Keeping it as the current session: the journal simply opens it again.
    const QString again = dir.filePath(QStringLiteral("live/again.mwsession"));
    record(again, 2);
    leaveUnclean(again);
    CaptureJournal journal;
    QVERIFY(journal.open(again, SessionFile::Durability::Normal, &error));
    QList<Capture> more{webhook("{}", 9)};
    QVERIFY(journal.commit(more, &error));
    QCOMPARE(more.constFirst().id, 3);
}

void TestLiveSession::discardRemovesEverything() {
    QTemporaryDir dir;
    const QString crashed = dir.filePath(QStringLiteral("crashed.mwsession"));
    record(crashed, 1);
    leaveUnclean(crashed);
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(crashed, SessionFile::Durability::Normal, &error));
        QVERIFY(!LiveSession::discard(crashed, &error));
        QVERIFY(error.contains(QLatin1String("running")));
        QVERIFY(QFile::exists(crashed));
    }
    QString error;
    QVERIFY2(LiveSession::discard(crashed, &error), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestLiveSession)
#include "tst_livesession.moc"
