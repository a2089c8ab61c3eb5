#include "sessionexporttestdata.h"
#include "sessiontestdata.h"

#include "capture/bodydigest.h"
#include "session/capturereader.h"
#include "session/sessionexport.h"
#include "session/sessionloader.h"
#include "session/sqlitedatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;
using namespace SessionExportTestData;

class TestSessionExportDamage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportOfADamagedSessionFails();
    void damagedCapturesAreLeftOutWhenAsked();
    void anAlteredBodyIsExportedWithAWarning();
    void outOfRangeColumnsAreReadAsNotKnown();
    void anUnreadableAnalysisIsMadeAgain();
};

void TestSessionExportDamage::exportOfADamagedSessionFails() {
    QTemporaryDir dir;
    const QString bogus = dir.filePath(QStringLiteral("bogus.mwsession"));
    QFile file(bogus);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("nope");
    file.close();
    QString error;
    QVERIFY(!SessionExport::writeFile(bogus, {}, SessionExport::Format::Jsonl,
                                      dir.filePath(QStringLiteral("x.jsonl")), {}, &error));
    QVERIFY(error.contains(QLatin1String("not a session file")));
}

void TestSessionExportDamage::damagedCapturesAreLeftOutWhenAsked() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("salvaged.mwsession"));
    writeSession(path, {webhook("{\"a\":1}", 1), webhook("{\"b\":2}", 2), webhook("{\"c\":3}", 3)});
    { // what a salvage leaves when a payload page was lost
        SqliteDatabase db;
        QVERIFY(db.open(path, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("DELETE FROM payloads WHERE capture_id = 2", nullptr));
    }
    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    QString error;
    QVERIFY(!SessionExport::writeFile(path, {}, SessionExport::Format::Jsonl, out, {}, &error));
    QVERIFY2(error.contains(QLatin1String("capture 2 is damaged")), qPrintable(error));

    for (const QList<qint64> &ids : {QList<qint64>{}, QList<qint64>{3, 2, 1}}) {
        QList<qint64> skipped;
        SessionExport::Options options;
        options.skipDamaged = [&](qint64 id, const QString &reason) {
            QVERIFY2(reason.contains(QLatin1String("payload row is missing")), qPrintable(reason));
            skipped.append(id);
        };
        QVERIFY2(
            SessionExport::writeFile(path, ids, SessionExport::Format::Jsonl, out, options, &error),
            qPrintable(error));
        QCOMPARE(skipped, QList<qint64>{2});
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("id")).toInt(),
                 ids.isEmpty() ? 1 : 3);
    }
}

// Bit rot inside a body (or an edit of it) leaves every row readable; only the digest
// stored when the body arrived can tell that it is no longer what was received.
void TestSessionExportDamage::anAlteredBodyIsExportedWithAWarning() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rotten.mwsession"));
    writeSession(path, {webhook("{\"a\":1}", 1), webhook("{\"b\":2}", 2), webhook("{\"c\":3}", 3)});
    {
        SqliteDatabase db;
        QVERIFY(db.open(path, SqliteDatabase::Mode::ReadWrite, nullptr));
        // One flipped bit; and a body whose digest is not known (a file written before
        // digests were stored), which cannot be checked.
        QVERIFY(db.exec("UPDATE payloads SET body = CAST('{\"b\":3}' AS BLOB) "
                        "WHERE capture_id IN (2, 3)",
                        nullptr));
        QVERIFY(db.exec("UPDATE analyses SET body_digest = NULL WHERE capture_id = 3", nullptr));
    }
    CaptureReader reader;
    QString error;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    for (qint64 id : {1, 2, 3}) {
        const std::optional<AnalysedCapture> capture = reader.read(id, &error);
        QVERIFY2(capture, qPrintable(error));
        QCOMPARE(capture->bodyAltered, id == 2);
        const bool warned =
            !capture->analysis.findings.isEmpty() &&
            capture->analysis.findings.first().message == CaptureReader::alteredBodyMessage();
        QCOMPARE(warned, id == 2);
        if (id == 2) {
            QCOMPARE(capture->capture.body, QByteArray("{\"b\":3}")); // as stored
            QCOMPARE(capture->analysis.findings.first().severity, FindingSeverity::Error);
            QCOMPARE(capture->bodyDigest, BodyDigest::of("{\"b\":2}")); // as received
        }
    }

    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    QList<qint64> altered;
    SessionExport::Options options;
    options.alteredBody = [&](qint64 id, const QString &) {
        altered.append(id);
    };
    QVERIFY2(SessionExport::writeFile(path, {}, SessionExport::Format::Jsonl, out, options, &error),
             qPrintable(error));
    QCOMPARE(altered, QList<qint64>{2});
    const QList<QByteArray> lines = fileBytes(out).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(1).contains("The body no longer matches what was received"),
             lines.at(1).constData());
    QVERIFY(!lines.at(2).contains("no longer matches"));
}

// A damaged file can hold any integer in any column: a port of 70000 read as 4464, or a
// status of 70200 read as 4664, would look like real values.
void TestSessionExportDamage::outOfRangeColumnsAreReadAsNotKnown() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.mwsession"));
    writeSession(path, {webhook("{\"a\":1}", 1), webhook("{\"b\":2}", 2)});
    {
        SqliteDatabase db;
        QVERIFY(db.open(path, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE captures SET remote_port = 70000, response_status = 70200 "
                        "WHERE id = 2",
                        nullptr));
        QVERIFY(db.exec("UPDATE payloads SET local_port = -1, sequence = 5000000000 "
                        "WHERE capture_id = 2",
                        nullptr));
    }
    CaptureReader reader;
    QString error;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    const std::optional<AnalysedCapture> intact = reader.read(1, &error);
    QVERIFY2(intact, qPrintable(error));
    QVERIFY(intact->capture.remotePort != 0);
    QCOMPARE(intact->capture.response.status, 200);
    QVERIFY(intact->analysis.findings.isEmpty() ||
            !intact->analysis.findings.first().message.contains(QLatin1String("damaged")));

    const std::optional<AnalysedCapture> damaged = reader.read(2, &error);
    QVERIFY2(damaged, qPrintable(error));
    const Capture &c = damaged->capture;
    QCOMPARE(c.remotePort, quint16(0));
    QCOMPARE(c.localPort, quint16(0));
    QCOMPARE(c.sequence, 0u);
    QCOMPARE(c.response.status, 0);
    QCOMPARE(c.responseRecord(), ResponseRecord::Unknown);
    QVERIFY2(c.remoteEndpoint().endsWith(QLatin1String(":?")), qPrintable(c.remoteEndpoint()));
    QVERIFY(!damaged->analysis.findings.isEmpty());
    const ContractFinding &finding = damaged->analysis.findings.first();
    QCOMPARE(finding.severity, FindingSeverity::Warning);
    QCOMPARE(finding.message,
             QStringLiteral("The session file is damaged: this capture's row holds sequence "
                            "5000000000, remote_port 70000, local_port -1, response_status "
                            "70200, out of the range of such values; shown as not known."));

    // The list shows the same, not a wrapped or clamped value.
    const std::optional<LoadedSession> loaded = SessionLoader::load(path, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->index.row(1).remotePort, quint16(0));
    QCOMPARE(loaded->index.row(1).status, quint16(0));
    QCOMPARE(loaded->index.row(0).status, quint16(200));
}

void TestSessionExportDamage::anUnreadableAnalysisIsMadeAgain() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(path, mixedCaptures());
    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    const auto exported = [&] {
        QString error;
        if (!SessionExport::writeFile(path, {}, SessionExport::Format::Jsonl, out, {}, &error))
            qFatal("%s", qPrintable(error));
        QFile file(out);
        return file.open(QIODevice::ReadOnly) ? file.readAll().split('\n') : QList<QByteArray>{};
    };
    const QList<QByteArray> before = exported();
    // Damage one column in each kind of capture: SQLite still reads the rows, the
    // analysis in them no longer parses. The packed events of General webhooks; the
    // findings of bodies that are not JSON; the JSON error of those without events; the
    // kind of Integration webhooks.
    SqliteDatabase db;
    QVERIFY(db.open(path, SqliteDatabase::Mode::ReadWrite, nullptr));
    for (const char *sql :
         {"UPDATE analyses SET events = substr(events, 1, length(events) / 2) "
          "WHERE kind = 'general'",
          "UPDATE analyses SET findings = 'not json' WHERE kind = 'not-json'",
          "UPDATE analyses SET json_error = '{x' WHERE events IS NULL AND json_error IS NOT NULL",
          "UPDATE analyses SET kind = 'bogus-kind' WHERE kind = 'integration'"}) {
        QVERIFY(db.exec(sql, nullptr));
        QVERIFY2(db.queryInt("SELECT changes()", 0, nullptr) > 0, sql);
    }
    db.close();
    const QList<QByteArray> after = exported();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i), before.at(i));
}

QTEST_GUILESS_MAIN(TestSessionExportDamage)
#include "tst_sessionexportdamage.moc"
