#include "harstructure.h"
#include "sessiontestdata.h"

#include "mews/secrets.h"
#include "session/capturereader.h"
#include "session/sessionexport.h"
#include "session/sessionloader.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SessionTestData;

class TestSessionExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void harHasTheHar12Structure();
    void harCarriesMewsDataAndMasksSecrets();
    void secretsOutsideTheTargetAreMasked();
    void jsonlHasOneLinePerCapture_data();
    void jsonlHasOneLinePerCapture();
    void deliveriesAreNumberedAmongTheWholeSession();
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

QTEST_GUILESS_MAIN(TestSessionExport)
#include "tst_sessionexport.moc"
