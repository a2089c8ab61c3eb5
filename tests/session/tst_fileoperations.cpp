#include "session/fileoperations.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

class TestFileOperations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createPrivateFile();
    void syncPath();
    void removeSideFiles();
    void sameFile();
    void osErrorNamesThePathAndTheReason();
};

void TestFileOperations::createPrivateFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.mwsession"));
    QString error;
    QVERIFY2(FileOperations::createPrivateFile(path, &error), qPrintable(error));
    QCOMPARE(QFileInfo(path).size(), 0);
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    QVERIFY(permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner));
    const QFileDevice::Permissions others = QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup |
                                            QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther |
                                            QFile::ExeOther;
    QCOMPARE(permissions & others, QFileDevice::Permissions());
    // Never over an existing file.
    QVERIFY(!FileOperations::createPrivateFile(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestFileOperations::syncPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("f"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x");
    file.close();
    QString error;
    QVERIFY2(FileOperations::syncPath(path, false, &error), qPrintable(error));
    QVERIFY2(FileOperations::syncPath(dir.path(), true, &error), qPrintable(error));
    const QString missing = dir.filePath(QStringLiteral("missing"));
    QVERIFY(!FileOperations::syncPath(missing, false, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot sync ") + missing), qPrintable(error));
}

void TestFileOperations::removeSideFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QStringList names{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")};
    for (const QString &name : names) {
        QFile file(name);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    FileOperations::removeSideFiles(path);
    QVERIFY(QFileInfo::exists(path)); // the session itself stays
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-shm")));
    FileOperations::removeSideFiles(path); // nothing left: no error
    QCOMPARE(FileOperations::lockPath(path), path + QStringLiteral(".lock"));
}

void TestFileOperations::sameFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(path, link));
    QVERIFY(FileOperations::sameFile(path, link));
    QVERIFY(FileOperations::sameFile(path, dir.path() + QStringLiteral("/./a")));
    QVERIFY(!FileOperations::sameFile(path, dir.filePath(QStringLiteral("b"))));
    // Neither exists: compared by absolute path.
    QVERIFY(FileOperations::sameFile(dir.filePath(QStringLiteral("x/../y")),
                                     dir.filePath(QStringLiteral("y"))));
}

void TestFileOperations::osErrorNamesThePathAndTheReason() {
    errno = ENOSPC;
    const QString text =
        FileOperations::osError(QStringLiteral("Cannot write"), QStringLiteral("/p"));
    QVERIFY2(text.startsWith(QStringLiteral("Cannot write /p: ")), qPrintable(text));
    QVERIFY2(text.size() > QStringLiteral("Cannot write /p: ").size(), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestFileOperations)
#include "tst_fileoperations.moc"
