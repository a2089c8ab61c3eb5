#include "session/sessionfile.h"
#include "session/sessionpaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

void writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestSessionPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void harFilesAreKnownByContent();
    void saveTargetGetsTheSuffix();
    void prepareSaveTargetRefusesTheSameFileAndReplacesOthers();
    void appendProblems();
    void openProblems();
};

void TestSessionPaths::harFilesAreKnownByContent() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("really-a-session.har"));
    QVERIFY(SessionFile::create(session, nullptr));
    QVERIFY(!SessionPaths::isHarFile(session)); // the SQLite header wins over the suffix
    const QString json = dir.filePath(QStringLiteral("export.json"));
    writeFile(json, "  {\"log\":{\"version\":\"1.2\",\"entries\":[]}}");
    QVERIFY(SessionPaths::isHarFile(json));
    const QString text = dir.filePath(QStringLiteral("notes.txt"));
    writeFile(text, "hello");
    QVERIFY(!SessionPaths::isHarFile(text));
    QVERIFY(SessionPaths::isHarFile(dir.filePath(QStringLiteral("missing.HAR"))));
}

void TestSessionPaths::saveTargetGetsTheSuffix() {
    QTemporaryDir dir;
    QCOMPARE(SessionPaths::saveTarget(dir.filePath(QStringLiteral("run"))),
             dir.filePath(QStringLiteral("run.mwsession")));
    QCOMPARE(SessionPaths::saveTarget(dir.filePath(QStringLiteral("run.db"))),
             dir.filePath(QStringLiteral("run.db")));
}

void TestSessionPaths::prepareSaveTargetRefusesTheSameFileAndReplacesOthers() {
    QTemporaryDir dir;
    const QString current = dir.filePath(QStringLiteral("a.mwsession"));
    QVERIFY(SessionFile::create(current, nullptr));
    QVERIFY(SessionPaths::prepareSaveTarget(current, current).contains(QStringLiteral("already")));
    const QString old = dir.filePath(QStringLiteral("b.mwsession"));
    writeFile(old, "old bytes");
    writeFile(old + QStringLiteral("-wal"), "stale log");
    QCOMPARE(SessionPaths::prepareSaveTarget(old, current), QString());
    QVERIFY(!QFile::exists(old));
    QVERIFY(!QFile::exists(old + QStringLiteral("-wal")));
}

void TestSessionPaths::appendProblems() {
    QTemporaryDir dir;
    const QString current = dir.filePath(QStringLiteral("a.mwsession"));
    QVERIFY(SessionFile::create(current, nullptr));
    QVERIFY(SessionPaths::appendProblem(current, current).contains(QStringLiteral("itself")));
    const QString foreign = dir.filePath(QStringLiteral("foreign.mwsession"));
    writeFile(foreign, QByteArray(8192, 'x'));
    QVERIFY(SessionPaths::appendProblem(foreign, current)
                .contains(QStringLiteral("cannot be appended")));
    const QString other = dir.filePath(QStringLiteral("c.mwsession"));
    QVERIFY(SessionFile::create(other, nullptr));
    QCOMPARE(SessionPaths::appendProblem(other, current), QString());
}

void TestSessionPaths::openProblems() {
    QTemporaryDir dir;
    QVERIFY(SessionPaths::openProblem(dir.filePath(QStringLiteral("none.mwsession")))
                .contains(QStringLiteral("does not exist")));
    const QString foreign = dir.filePath(QStringLiteral("foreign.mwsession"));
    writeFile(foreign, "not a database at all");
    QVERIFY(SessionPaths::openProblem(foreign).contains(QStringLiteral("not a session")));
    const QString good = dir.filePath(QStringLiteral("good.mwsession"));
    QVERIFY(SessionFile::create(good, nullptr));
    QCOMPARE(SessionPaths::openProblem(good), QString());
}

QTEST_MAIN(TestSessionPaths)
#include "tst_sessionpaths.moc"
