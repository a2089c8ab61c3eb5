#include "../session/sessiontestdata.h"
#include "scriptedprompts.h"

#include "session/capturereader.h"
#include "session/salvageflow.h"
#include "session/sqlitedatabase.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

/// File → Salvage damaged session… with scripted answers, over real session files; the
/// salvage itself is tst_sessionsalvage's.
class TestSalvageFlow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void salvagesAndOffersToOpenTheResult();
    void declinedOpenStaysClosed();
    void showsWhyItFailed();
    void cancelledDialogsStartNothing();
};

namespace {

/// Three captures, the second of which lost its payload row.
QString damagedSession(const QTemporaryDir &dir) {
    const QString path = dir.filePath(QStringLiteral("monday.mwsession"));
    SessionTestData::writeSession(path, {SessionTestData::webhook("{\"a\":1}", 1),
                                         SessionTestData::webhook("{\"b\":2}", 2),
                                         SessionTestData::webhook("{\"c\":3}", 3)});
    SqliteDatabase db;
    if (!db.open(path, SqliteDatabase::Mode::ReadWrite, nullptr) ||
        !db.exec("DELETE FROM payloads WHERE capture_id = 2", nullptr))
        return QString();
    return path;
}

} // namespace

void TestSalvageFlow::salvagesAndOffersToOpenTheResult() {
    QTemporaryDir dir;
    ScriptedPrompts prompts;
    prompts.openPath = damagedSession(dir);
    QVERIFY(!prompts.openPath.isEmpty());
    prompts.exportPath = dir.filePath(QStringLiteral("monday-salvaged.mwsession"));
    SalvageFlow flow(&prompts, nullptr);
    QSignalSpy finished(&flow, &SalvageFlow::finished);
    QSignalSpy open(&flow, &SalvageFlow::openRequested);

    flow.runWithDialogs();
    QVERIFY(flow.isRunning());
    QVERIFY(finished.wait(10000));
    QVERIFY(!flow.isRunning());
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(prompts.asked, QStringList({QStringLiteral("openPath"), QStringLiteral("exportPath"),
                                         QStringLiteral("confirm")}));
    QCOMPARE(prompts.confirmations.size(), 1);
    QVERIFY2(
        prompts.confirmations.first().contains(QStringLiteral("Salvaged 3 captures")) &&
            prompts.confirmations.first().contains(QStringLiteral("1 capture (id 2) could not")),
        qPrintable(prompts.confirmations.first()));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toString(), prompts.exportPath);
    CaptureReader reader;
    QString error;
    QVERIFY2(reader.open(prompts.exportPath, &error), qPrintable(error));
    QCOMPARE(reader.count(), 3);
}

void TestSalvageFlow::declinedOpenStaysClosed() {
    QTemporaryDir dir;
    ScriptedPrompts prompts;
    prompts.confirmAnswer = false;
    SalvageFlow flow(&prompts, nullptr);
    QSignalSpy finished(&flow, &SalvageFlow::finished);
    QSignalSpy open(&flow, &SalvageFlow::openRequested);
    const QString target = dir.filePath(QStringLiteral("out.mwsession"));
    QVERIFY(flow.start(damagedSession(dir), target));
    QVERIFY(!flow.start(damagedSession(dir), target)); // one at a time
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(open.isEmpty());
    QVERIFY(QFile::exists(target));
}

void TestSalvageFlow::showsWhyItFailed() {
    QTemporaryDir dir;
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2048, 'n'));
    file.close();
    ScriptedPrompts prompts;
    SalvageFlow flow(&prompts, nullptr);
    QSignalSpy finished(&flow, &SalvageFlow::finished);
    QVERIFY(flow.start(notes, dir.filePath(QStringLiteral("out.mwsession"))));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(prompts.errors.size(), 1);
    QVERIFY2(prompts.errors.first().startsWith(QStringLiteral("Salvage failed: ")) &&
                 prompts.errors.first().contains(QStringLiteral("not a session file")),
             qPrintable(prompts.errors.first()));
    QVERIFY(prompts.confirmations.isEmpty());
}

void TestSalvageFlow::cancelledDialogsStartNothing() {
    QTemporaryDir dir;
    ScriptedPrompts prompts;
    SalvageFlow flow(&prompts, nullptr);
    flow.runWithDialogs(); // no file chosen
    QVERIFY(!flow.isRunning());
    prompts.openPath = damagedSession(dir);
    flow.runWithDialogs(); // no target chosen
    QVERIFY(!flow.isRunning());
    QCOMPARE(prompts.asked, QStringList({QStringLiteral("openPath"), QStringLiteral("openPath"),
                                         QStringLiteral("exportPath")}));
}

QTEST_MAIN(TestSalvageFlow)
#include "tst_salvageflow.moc"
