#include "filesizelimit.h"
#include "harstructure.h"
#include "sessiontestdata.h"

#include "capture/bodydigest.h"
#include "mews/secrets.h"
#include "session/capturereader.h"
#include "session/sessionexport.h"
#include "session/sessionloader.h"
#include "session/sqlitedatabase.h"

#include <QBuffer>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace SessionTestData;

namespace {

QByteArray fileBytes(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSessionExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void harHasTheHar12Structure();
    void harCarriesMewsDataAndMasksSecrets();
    void secretsOutsideTheTargetAreMasked();
    void jsonlHasOneLinePerCapture_data();
    void jsonlHasOneLinePerCapture();
    void deliveriesAreNumberedAmongTheWholeSession();
    void cancelledExportLeavesNoFile();
    void exportOfADamagedSessionFails();
    void damagedCapturesAreLeftOutWhenAsked();
    void anAlteredBodyIsExportedWithAWarning();
    void outOfRangeColumnsAreReadAsNotKnown();
    void anUnreadableAnalysisIsMadeAgain();
    void exportOntoTheSessionIsRefused();
    void exportIntoAFifoWritesInPlace();
    void aDiskThatFillsUpIsNamed_data();
    void aDiskThatFillsUpIsNamed();
};

void TestSessionExport::harHasTheHar12Structure() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, mixedCaptures());
    const QString har = dir.filePath(QStringLiteral("out.har"));
    QString error;
    QVERIFY2(SessionExport::writeFile(session, {}, SessionExport::Format::Har, har, {}, &error),
             qPrintable(error));
    QFile file(har);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QStringList problems = harProblems(document);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    const QJsonArray entries = document.object()
                                   .value(QStringLiteral("log"))
                                   .toObject()
                                   .value(QStringLiteral("entries"))
                                   .toArray();
    QCOMPARE(entries.size(), mixedCaptures().size());
    QCOMPARE(document.object()
                 .value(QStringLiteral("log"))
                 .toObject()
                 .value(QStringLiteral("version"))
                 .toString(),
             QStringLiteral("1.2"));
    // The validator itself must catch a broken entry.
    QJsonObject broken = document.object();
    QJsonObject log = broken.value(QStringLiteral("log")).toObject();
    QJsonArray brokenEntries = log.value(QStringLiteral("entries")).toArray();
    QJsonObject first = brokenEntries.at(0).toObject();
    first.remove(QStringLiteral("timings"));
    first.insert(QStringLiteral("mews"), 1);
    brokenEntries[0] = first;
    log.insert(QStringLiteral("entries"), brokenEntries);
    broken.insert(QStringLiteral("log"), log);
    QCOMPARE(harProblems(QJsonDocument(broken)).size(), 5);
}

void TestSessionExport::harCarriesMewsDataAndMasksSecrets() {
    QTemporaryDir dir;
    QList<Capture> captures{webhook(TestSupport::readData(QStringLiteral(
                                        "samples/integration-IntegrationCreated.json")),
                                    1),
                            oddCaptures().at(0), oddCaptures().at(2)};
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, captures);
    CaptureReader reader;
    QString error;
    QVERIFY(reader.open(session, &error));
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(SessionExport::write(reader, {3, 1}, SessionExport::Format::Har, &buffer,
                                 {false, QStringLiteral("http://127.0.0.1:9000/"), {}, {}, {}},
                                 &error));
    const QByteArray har = buffer.data();
    QVERIFY(!har.contains("s3cret-TOKEN"));
    const QString accessToken = QJsonDocument::fromJson(captures.at(0).body)
                                    .object()
                                    .value(QStringLiteral("Data"))
                                    .toObject()
                                    .value(QStringLiteral("AccessToken"))
                                    .toString();
    QVERIFY(!har.contains(accessToken.toUtf8()));
    const QJsonArray entries = QJsonDocument::fromJson(har)
                                   .object()
                                   .value(QStringLiteral("log"))
                                   .toObject()
                                   .value(QStringLiteral("entries"))
                                   .toArray();
    QCOMPARE(entries.size(), 2); // the selection, in its order
    const QJsonObject rejected = entries.at(0).toObject();
    QCOMPARE(rejected.value(QStringLiteral("_capture"))
                 .toObject()
                 .value(QStringLiteral("rejection"))
                 .toString(),
             captures.at(2).rejection);
    QCOMPARE(rejected.value(QStringLiteral("response"))
                 .toObject()
                 .value(QStringLiteral("statusText"))
                 .toString(),
             QStringLiteral("Unauthorized"));
    const QJsonObject created = entries.at(1).toObject();
    QVERIFY(created.value(QStringLiteral("request"))
                .toObject()
                .value(QStringLiteral("url"))
                .toString()
                .startsWith(QLatin1String("http://127.0.0.1:9000/webhook?Token=")));
    // The masked body is what postData holds, and Content-Length says its size, so the
    // entry can be sent again as it stands.
    const QJsonObject request = created.value(QStringLiteral("request")).toObject();
    const QByteArray postText = request.value(QStringLiteral("postData"))
                                    .toObject()
                                    .value(QStringLiteral("text"))
                                    .toString()
                                    .toUtf8();
    QCOMPARE(postText, Secrets::maskBody(captures.at(0).body));
    QVERIFY(postText.size() != captures.at(0).body.size());
    QCOMPARE(request.value(QStringLiteral("bodySize")).toInteger(), postText.size());
    QStringList lengths;
    for (const QJsonValue &header : request.value(QStringLiteral("headers")).toArray()) {
        const QJsonObject field = header.toObject();
        if (field.value(QStringLiteral("name")).toString() == QLatin1String("Content-Length"))
            lengths << field.value(QStringLiteral("value")).toString();
    }
    QCOMPARE(lengths, QStringList{QString::number(postText.size())});
    const QJsonObject mews = created.value(QStringLiteral("_mews")).toObject();
    QCOMPARE(mews.value(QStringLiteral("kind")).toString(), QStringLiteral("integration"));
    QCOMPARE(mews.value(QStringLiteral("action")).toString(), QStringLiteral("IntegrationCreated"));
    QVERIFY(mews.contains(QStringLiteral("findings")));
    QCOMPARE(created.value(QStringLiteral("_capture"))
                 .toObject()
                 .value(QStringLiteral("connectionId"))
                 .toInteger(),
             1);

    // Binary bodies are base64 with an encoding.
    buffer.close();
    buffer.setData({});
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(SessionExport::write(reader, {2}, SessionExport::Format::Har, &buffer, {}, &error));
    const QJsonObject post = QJsonDocument::fromJson(buffer.data())
                                 .object()
                                 .value(QStringLiteral("log"))
                                 .toObject()
                                 .value(QStringLiteral("entries"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QStringLiteral("request"))
                                 .toObject()
                                 .value(QStringLiteral("postData"))
                                 .toObject();
    QCOMPARE(post.value(QStringLiteral("encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(post.value(QStringLiteral("text")).toString().toLatin1()),
             captures.at(1).body);
}

void TestSessionExport::secretsOutsideTheTargetAreMasked() {
    QTemporaryDir dir;
    // A request line that did not parse (two spaces): turned away with no method or target,
    // its bytes kept as they came.
    Capture broken = webhook("{}", 1);
    broken.method.clear();
    broken.target.clear();
    broken.headers.clear();
    broken.rawHead = QByteArrayLiteral("POST /x?Token=TOPSECRET-abcdefgh  HTTP/1.1\r\n");
    broken.body.clear();
    broken.rejection = QStringLiteral("malformed request line");
    broken.response.status = 400;
    // A webhook URL with its token in a Referer, in a header and in a trailer.
    Capture referred = webhook("{}", 2);
    referred.headers.append(
        HeaderField{"Referer", "https://tunnel.example/webhook?Token=REFERRED-12345678"});
    referred.rawHead =
        headFor(referred.method, referred.target, referred.httpVersion, referred.headers);
    referred.trailers.append(HeaderField{"X-Origin", "https://a.example/?token=TRAILING-87654321"});
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, {broken, referred});
    CaptureReader reader;
    QString error;
    QVERIFY(reader.open(session, &error));
    const auto exported = [&](SessionExport::Format format, bool reveal) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        SessionExport::Options options;
        options.revealSecrets = reveal;
        if (!SessionExport::write(reader, {}, format, &buffer, options, &error))
            return QByteArray();
        return buffer.data();
    };
    for (const SessionExport::Format format :
         {SessionExport::Format::Har, SessionExport::Format::Jsonl}) {
        const QByteArray masked = exported(format, false);
        QVERIFY(!masked.isEmpty());
        // HAR keeps the head as base64; decode every base64 string that could hold it.
        QByteArray heads;
        const QByteArray key = "\"rawHeadBase64\":\"";
        for (qsizetype at = masked.indexOf(key); at >= 0; at = masked.indexOf(key, at + 1)) {
            const qsizetype from = at + key.size();
            heads += QByteArray::fromBase64(masked.mid(from, masked.indexOf('"', from) - from));
        }
        for (const QByteArray &secret : {QByteArray("TOPSECRET-abcd"), QByteArray("REFERRED-1234"),
                                         QByteArray("TRAILING-8765")}) {
            QVERIFY2(!masked.contains(secret), secret.constData());
            QVERIFY2(!heads.contains(secret), secret.constData());
        }
        const QByteArray revealed = exported(format, true);
        QVERIFY(revealed.contains("REFERRED-12345678"));
    }
    const QByteArray har = exported(SessionExport::Format::Har, true);
    QVERIFY(har.contains(QByteArray("POST /x?Token=TOPSECRET-abcdefgh  HTTP/1.1\r\n").toBase64()));
}

void TestSessionExport::jsonlHasOneLinePerCapture_data() {
    QTest::addColumn<QList<qint64>>("ids");
    QTest::newRow("all") << QList<qint64>{};
    QTest::newRow("selection") << QList<qint64>{5, 2, 9};
}

void TestSessionExport::jsonlHasOneLinePerCapture() {
    QFETCH(QList<qint64>, ids);
    QTemporaryDir dir;
    const QList<Capture> captures = mixedCaptures();
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    writeSession(session, captures);
    const QString out = dir.filePath(QStringLiteral("out.jsonl"));
    QString error;
    qint64 lastDone = 0;
    qint64 lastTotal = 0;
    QVERIFY2(SessionExport::writeFile(session, ids, SessionExport::Format::Jsonl, out, {}, &error,
                                      [&](qint64 done, qint64 total) {
                                          lastDone = done;
                                          lastTotal = total;
                                          return true;
                                      }),
             qPrintable(error));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.permissions() & QFileDevice::ReadOther, 0);
    const QList<QByteArray> lines = file.readAll().split('\n');
    const qsizetype expected = ids.isEmpty() ? captures.size() : ids.size();
    QCOMPARE(lines.size(), expected + 1);
    QVERIFY(lines.constLast().isEmpty());
    QCOMPARE(lastDone, expected);
    QCOMPARE(lastTotal, expected);
    for (qsizetype i = 0; i < expected; ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), ids.isEmpty() ? i + 1 : ids.at(i));
        QVERIFY(o.contains(QStringLiteral("kind")));
    }
}

void TestSessionExport::deliveriesAreNumberedAmongTheWholeSession() {
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("s.mwsession"));
    const QByteArray message =
        TestSupport::readData(QStringLiteral("samples/general-MessageAdded.json"));
    const QByteArray other =
        TestSupport::readData(QStringLiteral("samples/general-CustomerAdded.json"));
    // Ids 1..5: the message, another, the message twice more, the message to another path.
    writeSession(session, {webhook(message, 1), webhook(other, 2), webhook(message, 3),
                           webhook(message, 4), webhook(message, 5, "/elsewhere")});
    QString error;
    const std::optional<LoadedSession> loaded = SessionLoader::load(session, {}, &error);
    QVERIFY2(loaded, qPrintable(error));
    const auto lines = [&](const QList<qint64> &ids, const SessionExport::Options &options) {
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        QString failure;
        if (!SessionExport::writeFile(session, ids, SessionExport::Format::Jsonl, out, options,
                                      &failure))
            qWarning("%s", qPrintable(failure));
        QFile file(out);
        QList<QJsonObject> objects;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : file.readAll().trimmed().split('\n'))
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    };
    const auto delivery = [](const QJsonObject &o) {
        return QList<QJsonValue>{o.value(QStringLiteral("delivery")),
                                 o.value(QStringLiteral("previousDeliveryId"))};
    };
    const QJsonValue none(QJsonValue::Null);

    // Every capture: numbered as they come.
    const QList<QJsonObject> all = lines({}, {});
    QCOMPARE(all.size(), 5);
    QCOMPARE(delivery(all.at(0)), (QList<QJsonValue>{1, none}));
    QCOMPARE(delivery(all.at(2)), (QList<QJsonValue>{2, 1}));
    QCOMPARE(delivery(all.at(3)), (QList<QJsonValue>{3, 3}));
    QCOMPARE(delivery(all.at(4)), (QList<QJsonValue>{1, none}));

    // A selection: numbered among the whole session, as the window's index has them.
    SessionExport::Options options;
    options.deliveries = loaded->index.deliveriesOf({4, 2, 99});
    QCOMPARE(options.deliveries.size(), 2);
    const QList<QJsonObject> selected = lines({4, 2}, options);
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.at(0).value(QStringLiteral("id")).toInt(), 4);
    QCOMPARE(delivery(selected.at(0)), (QList<QJsonValue>{3, 3}));
    QCOMPARE(delivery(selected.at(1)), (QList<QJsonValue>{1, none}));
    // Without them, a selection says nothing of deliveries.
    QVERIFY(!lines({4}, {}).at(0).contains(QStringLiteral("delivery")));
}

void TestSessionExport::cancelledExportLeavesNoFile() {
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

void TestSessionExport::exportOfADamagedSessionFails() {
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

void TestSessionExport::damagedCapturesAreLeftOutWhenAsked() {
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
void TestSessionExport::anAlteredBodyIsExportedWithAWarning() {
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
void TestSessionExport::outOfRangeColumnsAreReadAsNotKnown() {
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

void TestSessionExport::anUnreadableAnalysisIsMadeAgain() {
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

void TestSessionExport::exportOntoTheSessionIsRefused() {
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

void TestSessionExport::exportIntoAFifoWritesInPlace() {
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

void TestSessionExport::aDiskThatFillsUpIsNamed_data() {
    QTest::addColumn<SessionExport::Format>("format");
    QTest::newRow("JSON Lines") << SessionExport::Format::Jsonl;
    QTest::newRow("HAR") << SessionExport::Format::Har;
}

void TestSessionExport::aDiskThatFillsUpIsNamed() {
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

QTEST_GUILESS_MAIN(TestSessionExport)
#include "tst_sessionexport.moc"
