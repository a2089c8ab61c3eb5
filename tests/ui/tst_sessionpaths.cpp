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
    void saveProblemRefusesTheSameFileAndDeletesNothing();
    void replacesUnaskedOnlyWhenTheSuffixNamesAnotherFile();
    void appendProblems();
    void openProblems();
    void aFileThatIsNotASessionIsNamedOnce_data();
    void aFileThatIsNotASessionIsNamedOnce();
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

void TestSessionPaths::saveProblemRefusesTheSameFileAndDeletesNothing() {
    QTemporaryDir dir;
    const QString current = dir.filePath(QStringLiteral("a.mwsession"));
    QVERIFY(SessionFile::create(current, nullptr));
    QVERIFY(SessionPaths::saveProblem(current, current).contains(QStringLiteral("already")));
    QVERIFY(SessionPaths::saveProblem(dir.path(), current).contains(QStringLiteral("folder")));
    // An existing target stays until the new copy is complete and renamed over it.
    const QString old = dir.filePath(QStringLiteral("b.mwsession"));
    writeFile(old, "old bytes");
    writeFile(old + QStringLiteral("-wal"), "its log");
    QCOMPARE(SessionPaths::saveProblem(old, current), QString());
    QVERIFY(QFile::exists(old));
    QVERIFY(QFile::exists(old + QStringLiteral("-wal")));
}

void TestSessionPaths::replacesUnaskedOnlyWhenTheSuffixNamesAnotherFile() {
    QTemporaryDir dir;
    const QString typed = dir.filePath(QStringLiteral("keep"));
    const QString target = SessionPaths::saveTarget(typed);
    QVERIFY(!SessionPaths::replacesUnasked(typed, target)); // nothing there yet
    writeFile(target, "a session");
    QVERIFY(SessionPaths::replacesUnasked(typed, target));
    // The dialog asked about the full name already.
    QVERIFY(!SessionPaths::replacesUnasked(target, SessionPaths::saveTarget(target)));
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

void TestSessionPaths::aFileThatIsNotASessionIsNamedOnce_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("says");
    QTest::newRow("text") << QStringLiteral("some.json") << QByteArray("not json at all\n")
                          << QStringLiteral("is not a session file (not an SQLite database): "
                                            "the app opens its sessions (.mwsession) and imports "
                                            "HAR files (.har).");
    QTest::newRow("empty") << QStringLiteral("empty.mwsession") << QByteArray()
                           << QStringLiteral("is not a session file (an empty SQLite database)");
    QTest::newRow("truncated") << QStringLiteral("cut.mwsession")
                               << QByteArray("SQLite format 3\0", 16) + QByteArray(34, '\0')
                               << QStringLiteral("cannot be opened: the session file is truncated");
}

void TestSessionPaths::aFileThatIsNotASessionIsNamedOnce() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    writeFile(path, content);
    const QString shown = SessionPaths::openProblem(path);
    QVERIFY2(shown.startsWith(path + QLatin1Char(' ')), qPrintable(shown));
    QCOMPARE(shown.count(path), 1);
    QVERIFY2(shown.contains(says), qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("..")), qPrintable(shown));
    // Appending says it the same way.
    const QString current = dir.filePath(QStringLiteral("current.mwsession"));
    QVERIFY(SessionFile::create(current, nullptr));
    QCOMPARE(SessionPaths::appendProblem(path, current).count(path), 1);
}

QTEST_MAIN(TestSessionPaths)
#include "tst_sessionpaths.moc"
