#include "filesizelimit.h"
#include "sessionexporttestdata.h"
#include "sessiontestdata.h"

#include "session/sessionexport.h"

#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace SessionTestData;
using namespace SessionExportTestData;

class TestSessionExportTarget : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cancelledExportLeavesNoFile();
    void exportOntoTheSessionIsRefused();
    void exportIntoAFifoWritesInPlace();
    void aDiskThatFillsUpIsNamed_data();
    void aDiskThatFillsUpIsNamed();
};

void TestSessionExportTarget::cancelledExportLeavesNoFile() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, mixedCaptures());
    const QString out = dir.filePath(QStringLiteral("out.har"));
    QString error;
    QVERIFY(!SessionExport::writeFile(session, {}, SessionExport::Format::Har, out, {}, &error,
                                      [](qint64 done, qint64) { return done < 3; }));
    QVERIFY(error.contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(out));
    QVERIFY(
        !SessionExport::writeFile(session, {12345}, SessionExport::Format::Jsonl, out, {}, &error));
    QVERIFY2(error.contains(QLatin1String("no capture 12345")), qPrintable(error));
    QVERIFY(!QFile::exists(out));
}

void TestSessionExportTarget::exportOntoTheSessionIsRefused() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, mixedCaptures());
    const QByteArray before = fileBytes(session);
    const QString link = dir.filePath(QStringLiteral("link.har"));
    QVERIFY(QFile::link(session, link));
    for (const QString &target : {session, dir.filePath(QStringLiteral("./s.mwsession")), link}) {
        QString error;
        QVERIFY(
            !SessionExport::writeFile(session, {}, SessionExport::Format::Har, target, {}, &error));
        QVERIFY2(error.contains(QLatin1String("session file being exported")), qPrintable(error));
        QCOMPARE(fileBytes(session), before);
    }
}

void TestSessionExportTarget::exportIntoAFifoWritesInPlace() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, mixedCaptures().mid(0, 2));
    const QString regular = dir.filePath(QStringLiteral("out.jsonl"));
    QVERIFY(
        SessionExport::writeFile(session, {}, SessionExport::Format::Jsonl, regular, {}, nullptr));
    const QByteArray expected = fileBytes(regular);
    QVERIFY(!expected.isEmpty() && expected.size() < 60000); // fits in the pipe's buffer

    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    const auto closeReader = qScopeGuard([reader] { ::close(reader); });
    QString error;
    QVERIFY2(SessionExport::writeFile(session, {}, SessionExport::Format::Jsonl, fifo, {}, &error),
             qPrintable(error));
    QVERIFY(QFileInfo(fifo).isFile() == false); // still the FIFO, not a file renamed over it
    QByteArray received(int(expected.size()) + 1, '\0');
    QCOMPARE(::read(reader, received.data(), size_t(received.size())), ssize_t(expected.size()));
    received.truncate(expected.size());
    QCOMPARE(received, expected);
}

void TestSessionExportTarget::aDiskThatFillsUpIsNamed_data() {
    QTest::addColumn<SessionExport::Format>("format");
    QTest::newRow("JSON Lines") << SessionExport::Format::Jsonl;
    QTest::newRow("HAR") << SessionExport::Format::Har;
}

void TestSessionExportTarget::aDiskThatFillsUpIsNamed() {
    QFETCH(SessionExport::Format, format);
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> captures;
    for (int i = 0; i < 40; ++i)
        captures += mixedCaptures();
    writeSession(session, captures);
    const QString out = dir.filePath(QStringLiteral("out"));
    QString error;
    {
        // the file may not grow past 100,000 bytes: a write crosses the limit partway, as
        // when a disk fills up, and QFileDevice alone would call that "Unknown error"
        FileSizeLimit limit(100000);
        QVERIFY(limit.ok());
        QVERIFY(!SessionExport::writeFile(session, {}, format, out, {}, &error));
    }
    QVERIFY2(error.contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(error));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestSessionExportTarget)
#include "tst_sessionexporttarget.moc"
