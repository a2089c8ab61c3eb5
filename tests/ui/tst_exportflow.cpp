#include "../session/sessiontestdata.h"
#include "scriptedprompts.h"

#include "session/exportflow.h"
#include "session/exportjob.h"
#include "session/sqlitedatabase.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

/// File → Export's dialogs around a real ExportJob writing real files.
class TestExportFlow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void reportsWhereItWrote();
    void saysWhichCapturesItLeftOut();
    void namesTheCapturesWhoseBodyWasAltered();
    void noTargetStartsNothing();

private:
    /// Runs File → Export as JSON Lines of every capture; false if it did not finish.
    bool exportAll();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_session;
    ScriptedPrompts m_prompts;
    QStringList m_messages;
};

void TestExportFlow::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = m_dir->filePath(QStringLiteral("monday.mwsession"));
    SessionTestData::writeSession(m_session, {SessionTestData::webhook("{\"a\":1}", 1),
                                              SessionTestData::webhook("{\"b\":2}", 2)});
    m_prompts = ScriptedPrompts();
    m_prompts.exportPath = m_dir->filePath(QStringLiteral("out.jsonl"));
    m_messages.clear();
}

bool TestExportFlow::exportAll() {
    ExportJob job;
    ExportFlow flow(&job, &m_prompts, nullptr);
    connect(&flow, &ExportFlow::message, this, [this](const QString &text) { m_messages << text; });
    QSignalSpy finished(&job, &ExportJob::finished);
    bool started = false;
    flow.runWithDialog(false, m_session, [&](const QString &target) {
        started = job.start(m_session, {}, SessionExport::Format::Jsonl, target, {});
        return started;
    });
    return started && finished.wait(10000);
}

void TestExportFlow::reportsWhereItWrote() {
    QVERIFY(exportAll());
    QCOMPARE(m_messages, QStringList{QStringLiteral("Exported to ") + m_prompts.exportPath});
    QVERIFY(m_prompts.errors.isEmpty());
    QFile out(m_prompts.exportPath);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().trimmed().split('\n').size(), 2);
}

void TestExportFlow::saysWhichCapturesItLeftOut() {
    {
        SqliteDatabase db;
        QVERIFY(db.open(m_session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("DELETE FROM payloads WHERE capture_id = 1", nullptr));
    }
    QVERIFY(exportAll());
    QVERIFY(m_messages.isEmpty());
    QCOMPARE(m_prompts.errors.size(), 1);
    QVERIFY2(
        m_prompts.errors.first().startsWith(QStringLiteral("Exported with captures left out")) &&
            m_prompts.errors.first().contains(QStringLiteral("without 1 capture:")),
        qPrintable(m_prompts.errors.first()));
}

// A body that no longer matches its digest is exported as stored, but never without a word.
void TestExportFlow::namesTheCapturesWhoseBodyWasAltered() {
    {
        SqliteDatabase db;
        QVERIFY(db.open(m_session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE payloads SET body = CAST('{\"b\":3}' AS BLOB) "
                        "WHERE capture_id = 2",
                        nullptr));
    }
    QVERIFY(exportAll());
    QVERIFY(m_messages.isEmpty());
    QCOMPARE(m_prompts.errors.size(), 1);
    const QString &shown = m_prompts.errors.first();
    QVERIFY2(shown.startsWith(QStringLiteral("Exported with altered bodies")) &&
                 shown.contains(QStringLiteral("The body of capture #2 no longer matches")),
             qPrintable(shown));
    QFile out(m_prompts.exportPath);
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = out.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(1).contains("{\\\"b\\\":3}")); // as stored

    {
        SqliteDatabase db;
        QVERIFY(db.open(m_session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(
            db.exec("UPDATE payloads SET body = CAST('{}' AS BLOB) WHERE capture_id = 1", nullptr));
    }
    QVERIFY(exportAll());
    QCOMPARE(m_prompts.errors.size(), 2);
    QVERIFY2(m_prompts.errors.last().contains(
                 QStringLiteral("The bodies of captures #1 and #2 no longer match")),
             qPrintable(m_prompts.errors.last()));
}

void TestExportFlow::noTargetStartsNothing() {
    m_prompts.exportPath.clear();
    QVERIFY(!exportAll());
    QCOMPARE(m_prompts.asked, QStringList{QStringLiteral("exportPath")});
}

QTEST_MAIN(TestExportFlow)
#include "tst_exportflow.moc"
