#include "sessionfiletestdata.h"

#include "session/capturejournal.h"
#include "session/capturereader.h"
#include "session/sessionfile.h"
#include "session/sessionschema.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

using namespace SessionTestData;
using namespace SessionFileTestData;

namespace {

QList<AnalysedCapture> readAll(const QString &path, QString *error) {
    CaptureReader reader;
    QList<AnalysedCapture> all;
    if (!reader.open(path, error) || !reader.forEach(
                                         {},
                                         [&](const AnalysedCapture &c) {
                                             all.append(c);
                                             return true;
                                         },
                                         error))
        return {};
    return all;
}

/// The permission bits of a file (0600 for a session), or all bits set if it is missing.
mode_t fileMode(const QString &path) {
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 0777 : 07777;
}

} // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createMakesAPrivateEmptySession();
    void createRefusesAnExistingFile();
    void createTakesAnEmptyFile();
    void aSymbolicLinkSharesTheLock();
    void roundTripThroughSaveAs();
    void saveAsWhileTheJournalWrites();
    void failedSaveAsLeavesTargetAlone();
    void appendRenumbersInArrivalOrder();
    void appendRefusesItselfAndForeignFiles();
    void moveKeepsEverything();
};

void TestSessionFile::createMakesAPrivateEmptySession() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.mwsession"));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QCOMPARE(fileMode(path), mode_t(0600));
    const std::optional<SessionInfo> session = SessionFile::inspect(path, &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->formatVersion, SessionSchema::FormatVersion);
    QCOMPARE(session->captureCount, 0);
    QVERIFY(session->cleanShutdown);
    QVERIFY(session->createdUtc.endsWith(QLatin1Char('Z')));
}

void TestSessionFile::createRefusesAnExistingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("exists.mwsession"));
    QVERIFY(TestSupport::writeFile(path, "keep me"));
    QString error;
    QVERIFY(!SessionFile::create(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArrayLiteral("keep me"));

    // A missing folder is named, not reported as "No such file or directory".
    const QString missing = dir.filePath(QStringLiteral("not/there/new.mwsession"));
    QVERIFY(!SessionFile::create(missing, &error));
    QCOMPARE(error, QStringLiteral("Cannot create %1: the folder %2 does not exist")
                        .arg(missing, dir.filePath(QStringLiteral("not/there"))));
}

void TestSessionFile::createTakesAnEmptyFile() {
    // `--session "$(mktemp)"`: the empty file a script made is the session it names.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("made-by-mktemp.mwsession"));
    QVERIFY(TestSupport::writeFile(path, {}));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(SessionFile::needsCreating(path));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QCOMPARE(fileMode(path), mode_t(0600));
    const std::optional<SessionInfo> session = SessionFile::inspect(path, &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->captureCount, 0);
    QVERIFY(!SessionFile::needsCreating(path));

    // An empty main file beside a write-ahead log with content is not blank.
    const QString logged = dir.filePath(QStringLiteral("logged.mwsession"));
    QVERIFY(TestSupport::writeFile(logged, {}));
    QVERIFY(TestSupport::writeFile(logged + QStringLiteral("-wal"), QByteArray(32, 'x')));
    QVERIFY(!SessionFile::needsCreating(logged));
    QVERIFY(!SessionFile::needsCreating(dir.path()));
}

void TestSessionFile::aSymbolicLinkSharesTheLock() {
    // `--session latest.mwsession`, a link to the file another instance records into:
    // refused as in use, not a second writer whose every commit fails on the ids.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("real.mwsession"));
    const QString link = dir.filePath(QStringLiteral("latest.mwsession"));
    QString error;
    QVERIFY2(SessionFile::create(path, &error), qPrintable(error));
    QVERIFY(QFile::link(path, link));
    SessionFile first;
    QVERIFY2(first.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
    QVERIFY(SessionFile::isInUse(link));
    SessionFile second;
    QVERIFY(!second.open(link, SessionFile::Durability::Normal, &error));
    QVERIFY2(error.contains(QStringLiteral("is already open")), qPrintable(error));
    first.close();
    QVERIFY2(second.open(link, SessionFile::Durability::Normal, &error), qPrintable(error));
    QVERIFY(SessionFile::isInUse(path));
    second.close();
    QVERIFY(SessionFile::remove(link, &error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("real.mwsession")});
}

void TestSessionFile::roundTripThroughSaveAs() {
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.mwsession"));
    const QString saved = dir.filePath(QStringLiteral("saved.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(live, SessionFile::Durability::Normal, &error));
    QList<Capture> batch = mixedCaptures();
    QVERIFY(journal.commit(batch, &error));
    const QList<AnalysedCapture> analysed = analyse(batch);
    journal.addAnalyses(analysed);
    QVERIFY(journal.flush());

    // Save As while the journal still has the file open.
    QVERIFY2(SessionFile::saveCopy(live, saved, &error), qPrintable(error));
    QCOMPARE(fileMode(saved), mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden),
             QStringList());

    const QList<AnalysedCapture> reread = readAll(saved, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(reread.size(), analysed.size());
    for (qsizetype i = 0; i < analysed.size(); ++i) {
        QCOMPARE(reread.at(i).capture, analysed.at(i).capture);
        QCOMPARE(reread.at(i).analysis, analysed.at(i).analysis);
    }
    // Saving again over an existing file replaces it.
    QList<Capture> more{webhook("{}", 99)};
    QVERIFY(journal.commit(more, &error));
    QVERIFY2(SessionFile::saveCopy(live, saved, &error), qPrintable(error));
    QCOMPARE(SessionFile::inspect(saved, &error)->captureCount, analysed.size() + 1);
    // Asked not to count (the pipeline, on the listener's thread), it says it did not.
    const std::optional<SessionInfo> uncounted = SessionFile::inspect(saved, &error, false);
    QVERIFY2(uncounted, qPrintable(error));
    QCOMPARE(uncounted->captureCount, -1);
    QCOMPARE(uncounted->formatVersion, SessionSchema::FormatVersion);
    QVERIFY(!SessionFile::saveCopy(live, live, &error));
}

void TestSessionFile::saveAsWhileTheJournalWrites() {
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.mwsession"));
    const QString saved = dir.filePath(QStringLiteral("copy.mwsession"));
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(live, SessionFile::Durability::Normal, &error));
    int n = 0;
    for (int i = 0; i < 50; ++i) {
        QList<Capture> batch{webhook(QByteArray(2048, 'p'), ++n)};
        QVERIFY(journal.commit(batch, &error));
    }
    QString copyError;
    bool copied = false;
    QThread *copier =
        QThread::create([&] { copied = SessionFile::saveCopy(live, saved, &copyError); });
    copier->start();
    while (!copier->isFinished()) {
        QList<Capture> batch{webhook(QByteArray(2048, 'q'), ++n), webhook("{}", ++n)};
        QVERIFY2(journal.commit(batch, &error), qPrintable(error));
    }
    copier->wait();
    delete copier;
    QVERIFY2(copied, qPrintable(copyError));
    const std::optional<SessionInfo> info = SessionFile::inspect(saved, &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->captureCount >= 50);
    QVERIFY(info->captureCount <= n);
    // A consistent snapshot: ids 1..count without gaps.
    const QList<AnalysedCapture> all = readAll(saved, &error);
    QCOMPARE(all.size(), info->captureCount);
    QCOMPARE(all.constLast().capture.id, info->captureCount);
}

void TestSessionFile::failedSaveAsLeavesTargetAlone() {
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("good.mwsession"));
    writeSession(target);
    const QByteArray before = fileHash(target);
    const QString notASession = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(notASession);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    QString error;
    QVERIFY(!SessionFile::saveCopy(notASession, target, &error));
    QVERIFY2(error.contains(QLatin1String("not a session file")), qPrintable(error));
    QCOMPARE(fileHash(target), before);
    QVERIFY(
        !SessionFile::saveCopy(dir.filePath(QStringLiteral("missing.mwsession")), target, &error));
    QCOMPARE(fileHash(target), before);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden),
             QStringList());
}

void TestSessionFile::appendRenumbersInArrivalOrder() {
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    const QString theirs = dir.filePath(QStringLiteral("theirs.mwsession"));
    const QList<AnalysedCapture> other = writeSession(theirs);
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
    QList<Capture> first{webhook("{}", 1), webhook("{}", 2), webhook("{}", 3)};
    QVERIFY(journal.commit(first, &error));
    const std::optional<AppendResult> result = journal.append(theirs, &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(result->firstId, 4);
    QCOMPARE(result->count(), other.size());
    QList<Capture> after{webhook("{}", 4)};
    QVERIFY(journal.commit(after, &error));
    QCOMPARE(after.constFirst().id, result->lastId + 1);
    QVERIFY(journal.close(&error));

    const QList<AnalysedCapture> all = readAll(mine, &error);
    QCOMPARE(all.size(), 3 + other.size() + 1);
    for (qsizetype i = 0; i < other.size(); ++i) {
        AnalysedCapture expected = other.at(i);
        expected.capture.id = 4 + i;
        QCOMPARE(all.at(3 + i), expected);
    }
}

void TestSessionFile::appendRefusesItselfAndForeignFiles() {
    QTemporaryDir dir;
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    const QString text = dir.filePath(QStringLiteral("text.mwsession"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not sqlite");
    file.close();
    CaptureJournal journal;
    QString error;
    QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
    QList<Capture> first{webhook("{}", 1)};
    QVERIFY(journal.commit(first, &error));
    QVERIFY(!journal.append(mine, &error));
    QVERIFY2(error.contains(QLatin1String("itself")), qPrintable(error));
    QVERIFY(!journal.append(text, &error));
    QVERIFY2(error.contains(QLatin1String("not a session file")), qPrintable(error));
    QList<Capture> next{webhook("{}", 2)};
    QVERIFY(journal.commit(next, &error));
    QCOMPARE(next.constFirst().id, 2);
}

void TestSessionFile::moveKeepsEverything() {
    QTemporaryDir dir;
    const QString from = dir.filePath(QStringLiteral("from.mwsession"));
    const QString to = dir.filePath(QStringLiteral("to.mwsession"));
    const QList<AnalysedCapture> written = writeSession(from);
    QString error;
    QVERIFY2(SessionFile::move(from, to, &error), qPrintable(error));
    QVERIFY(!QFile::exists(from));
    QCOMPARE(readAll(to, &error), written);
    QVERIFY(!SessionFile::move(from, to, &error));
}

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
