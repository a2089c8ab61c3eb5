#include "sessionfiletestdata.h"

#include "capture/bodydigest.h"
#include "session/captureanalyser.h"
#include "session/capturejournal.h"
#include "session/capturereader.h"
#include "session/sessionfile.h"
#include "session/sessionloader.h"
#include "session/sessionschema.h"
#include "session/sqlitedatabase.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;
using namespace SessionFileTestData;
using namespace Qt::StringLiterals;

class TestSessionFileCompatibility : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void missingAnalysesAreFoundOnOpen();
    void filesWithoutDigestsReadAndGainThem();
    void olderViewsAreReplacedWhenWritten();
    void sqliteCliCanQueryTheViews();
};

void TestSessionFileCompatibility::missingAnalysesAreFoundOnOpen() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    QList<Capture> batch = mixedCaptures();
    {
        CaptureJournal journal;
        QString error;
        QVERIFY(journal.open(path, SessionFile::Durability::Normal, &error));
        QVERIFY(journal.commit(batch, &error));
        // Only the first half got analysed before "the crash".
        journal.addAnalyses(analyse(batch.mid(0, batch.size() / 2)));
    }
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    QList<qint64> expected;
    for (qsizetype i = batch.size() / 2; i < batch.size(); ++i)
        expected.append(batch.at(i).id);
    QCOMPARE(loaded->needingAnalysis, expected);
    QCOMPARE(loaded->index.unanalysedCount(), expected.size());
    CaptureReader reader;
    QVERIFY(reader.open(path, &error));
    // The journal stored this build's decoder version; a newer decoder needs all again.
    const int version = CaptureAnalyser::decoderVersion();
    QCOMPARE(reader.capturesNeedingAnalysis(version, &error), expected);
    QCOMPARE(reader.capturesNeedingAnalysis(version + 1, &error).size(), batch.size());
    const std::optional<LoadedSession> newer =
        SessionLoader::load(path, {version + 1, 0, nullptr}, &error);
    QCOMPARE(newer->needingAnalysis.size(), batch.size());
}

void TestSessionFileCompatibility::filesWithoutDigestsReadAndGainThem() {
    QTemporaryDir dir;
    const QString old = dir.filePath(QStringLiteral("old.mwsession"));
    const QByteArray message = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated","Data":{}})");
    QList<Capture> batch{webhook(message, 1), webhook("{}", 2), webhook(message, 3)};
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].id = i + 1; // as the journal numbers them
    SessionTestData::writeSession(old, batch);
    const auto digestsIn = [](const QString &path) {
        QString error;
        const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
        QList<quint64> digests;
        for (qsizetype i = 0; loaded && i < loaded->index.size(); ++i)
            digests.append(loaded->index.bodyDigest(i));
        return digests;
    };
    const quint64 digest = BodyDigest::of(message);
    QCOMPARE(digestsIn(old), (QList<quint64>{digest, BodyDigest::of("{}"), digest}));

    // As a build from before the column wrote it.
    QVERIFY(runSql(old, "ALTER TABLE analyses DROP COLUMN body_digest"));
    QString error;
    QVERIFY2(SessionFile::inspect(old, &error), qPrintable(error));
    QCOMPARE(digestsIn(old), (QList<quint64>{0, 0, 0}));

    // Appended into a session of this build: its rows come without digests.
    const QString mine = dir.filePath(QStringLiteral("mine.mwsession"));
    {
        CaptureJournal journal;
        QVERIFY(journal.open(mine, SessionFile::Durability::Normal, &error));
        QVERIFY2(journal.append(old, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(digestsIn(mine), (QList<quint64>{0, 0, 0}));

    // Opened for writing, the old file gains the column; analysing again fills it.
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(old, SessionFile::Durability::Normal, &error), qPrintable(error));
        journal.addAnalyses(analyse(batch));
        QVERIFY(journal.close(&error));
    }
    SqliteDatabase db;
    QVERIFY(db.open(old, SqliteDatabase::Mode::ReadOnly, &error));
    QVERIFY(SessionSchema::hasColumn(db, "main", "analyses", "body_digest"));
    db.close();
    QCOMPARE(digestsIn(old), (QList<quint64>{digest, BodyDigest::of("{}"), digest}));
}

void TestSessionFileCompatibility::olderViewsAreReplacedWhenWritten() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("views.mwsession"));
    QList<Capture> batch{webhook("{}", 1), webhook("{}", 2), webhook("{}", 3)};
    batch[1].remoteAddress = QStringLiteral("::1");
    batch[2].remoteAddress.clear(); // rebuilt by a salvage: neither remote nor status known
    batch[2].remotePort = 0;
    batch[2].response.status = 0;
    SessionTestData::writeSession(path, batch);
    // As an older build defined overview, plus a view of the user's own.
    QVERIFY(runSql(path, "DROP VIEW overview; CREATE VIEW overview AS SELECT c.id, "
                         "c.remote_address || ':' || c.remote_port AS remote, c.response_status AS "
                         "status FROM captures c; CREATE VIEW mine AS SELECT id FROM captures"));
    const auto overview = [&path] {
        SqliteDatabase db;
        QString error;
        QStringList rows;
        if (!db.open(path, SqliteDatabase::Mode::ReadOnly, &error))
            return QStringList{error};
        SqliteStatement select =
            db.prepare("SELECT quote(remote), quote(status) FROM overview ORDER BY id", &error);
        while (select.isValid() && select.step() == SqliteStatement::Step::Row)
            rows << select.columnText(0) + u' ' + select.columnText(1);
        return rows;
    };
    const QString port1 = QString::number(batch.at(0).remotePort);
    const QString port2 = QString::number(batch.at(1).remotePort);
    QCOMPARE(overview(), (QStringList{u"'127.0.0.1:"_s + port1 + u"' 200"_s,
                                      u"'::1:"_s + port2 + u"' 200"_s, u"':0' 0"_s}));

    QString error;
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(overview(), (QStringList{u"'127.0.0.1:"_s + port1 + u"' 200"_s,
                                      u"'[::1]:"_s + port2 + u"' 200"_s, u"NULL NULL"_s}));
    QVERIFY(runSql(path, "SELECT id FROM mine"));
    // The schema of a file that is already current is left as it is.
    const auto schemaVersion = [&path] {
        SqliteDatabase db;
        QString error;
        return db.open(path, SqliteDatabase::Mode::ReadOnly, &error)
                   ? db.queryInt("PRAGMA schema_version", -1)
                   : -1;
    };
    const qint64 before = schemaVersion();
    QVERIFY(before > 0);
    {
        CaptureJournal journal;
        QVERIFY2(journal.open(path, SessionFile::Durability::Normal, &error), qPrintable(error));
        QVERIFY(journal.close(&error));
    }
    QCOMPARE(schemaVersion(), before);
}

void TestSessionFileCompatibility::sqliteCliCanQueryTheViews() {
    const QString cli = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (cli.isEmpty())
        QSKIP("the sqlite3 command-line tool is not installed");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path);
    qsizetype general = 0;
    qsizetype events = 0;
    qsizetype entities = 0;
    for (const AnalysedCapture &c : written) {
        general += c.analysis.kind == WebhookKind::General ? 1 : 0;
        events += c.analysis.events.size();
        entities += c.analysis.entities.size();
    }
    QVERIFY(entities > 0);
    QProcess sqlite;
    sqlite.start(cli,
                 {QStringLiteral("-readonly"), path,
                  QStringLiteral("SELECT count(*) FROM overview WHERE kind = 'general';"
                                 "SELECT count(*) FROM webhook_events;"
                                 "SELECT count(*) FROM entity_versions;"
                                 "SELECT count(*) FROM missing_analyses;"
                                 "SELECT json_array_length(headers) > 0 FROM requests LIMIT 1;")});
    QVERIFY(sqlite.waitForFinished(10000));
    QCOMPARE(sqlite.exitCode(), 0);
    const QList<QByteArray> lines = sqlite.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0).toLongLong(), general);
    QCOMPARE(lines.at(1).toLongLong(), events);
    QCOMPARE(lines.at(2).toLongLong(), entities);
    QCOMPARE(lines.at(3).toLongLong(), 0);
    QCOMPARE(lines.at(4), QByteArrayLiteral("1"));
}

QTEST_GUILESS_MAIN(TestSessionFileCompatibility)
#include "tst_sessionfilecompatibility.moc"
