// The headless mode of the real executable, driven as a child process over real sockets.
#include "../http/httptestclient.h"
#include "../session/sessiontestdata.h"
#include "appprocess.h"
#include "headlesstestdata.h"
#include "testsupport.h"

#include "session/sessionfile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <csignal>

using namespace HeadlessTestData;

class TestHeadless : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonlCaptureAndGracefulStop();
    void textLines();
    void textLineBracketsAnIPv6Remote();
    void stopsWhenStdoutsReaderLeaves();
    void busyPort();
    void namesASessionWithPercentSignsAsItIs();
    void bodylessStatusAnswersWithoutABody();
    void headerBytesThatAreNotUtf8SurviveEveryOutput();
};

void TestHeadless::jsonlCaptureAndGracefulStop() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("capture.mwsession"));
    const QString token = QStringLiteral("S3cretTokenValue9876");
    AppProcess app(home.path());
    const quint16 port =
        app.listen({QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--token"),
                    token, QStringLiteral("--session"), session});
    QVERIFY2(port != 0, app.err.constData());
    QVERIFY2(!app.err.contains(token.toUtf8()), "the token is printed in full");
    // The whole token is masked: no tail of it, nothing that reads as more of the URL.
    QVERIFY2(
        app.err.contains(
            (QStringLiteral("?Token=") + QString(8, QChar(0x2022)) + QLatin1Char(')')).toUtf8()),
        app.err.constData());
    // The hint pastes as it is: the body byte for byte (curl -d would strip its line
    // breaks), the URL quoted and with the token parameter, masked as above.
    const QByteArray hint = QStringLiteral("try: curl --data-binary @payload.json -H "
                                           "'Content-Type: application/json' "
                                           "'http://127.0.0.1:%1/?Token=%2' (with your token in "
                                           "place of %2); stop with Ctrl+C")
                                .arg(port)
                                .arg(QString(8, QChar(0x2022)))
                                .toUtf8();
    QVERIFY2(app.err.contains(hint), app.err.constData());

    const QByteArray general = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const QByteArray integration =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"));
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send(post("/webhook?Token=" + token.toUtf8(), general));
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.finalResponses().at(0).status, 200);

    HttpTestClient stranger;
    QVERIFY(stranger.connectTo(port));
    stranger.send(post("/webhook", integration));
    QVERIFY(stranger.waitForResponses(1));
    QCOMPARE(stranger.finalResponses().at(0).status, 401);

    // The first message sent again, as Mews does after a failed delivery.
    client.send(post("/webhook?Token=" + token.toUtf8(), general));
    QVERIFY(client.waitForResponses(2));

    QVERIFY2(app.waitForLines(3), app.err.constData());
    const QList<QByteArray> lines = app.lines();
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
    const QJsonObject third = QJsonDocument::fromJson(lines.at(2)).object();
    QCOMPARE(first.value(QStringLiteral("delivery")).toInt(), 1);
    QVERIFY(first.value(QStringLiteral("previousDeliveryId")).isNull());
    QCOMPARE(second.value(QStringLiteral("delivery")).toInt(), 1);
    QCOMPARE(third.value(QStringLiteral("delivery")).toInt(), 2);
    QCOMPARE(third.value(QStringLiteral("previousDeliveryId")).toInteger(),
             first.value(QStringLiteral("id")).toInteger());
    QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("general"));
    QCOMPARE(first.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(first.value(QStringLiteral("responseStatus")).toInt(), 200);
    QVERIFY(first.value(QStringLiteral("rejected")).isNull());
    QCOMPARE(first.value(QStringLiteral("bodySize")).toInteger(), general.size());
    QCOMPARE(first.value(QStringLiteral("body")).toString().toUtf8(), general);
    const QJsonObject sample = QJsonDocument::fromJson(general).object();
    QCOMPARE(first.value(QStringLiteral("enterpriseId")),
             sample.value(QStringLiteral("EnterpriseId")));
    QCOMPARE(first.value(QStringLiteral("events")).toArray().size(),
             sample.value(QStringLiteral("Events")).toArray().size());
    const QString target = first.value(QStringLiteral("target")).toString();
    QVERIFY2(!target.contains(token) && target.endsWith(QStringLiteral("9876")),
             qPrintable(target));
    QVERIFY(first.value(QStringLiteral("headers")).toArray().size() >= 3);
    QVERIFY(first.contains(QStringLiteral("id")) && first.contains(QStringLiteral("receivedUtc")) &&
            first.contains(QStringLiteral("remote")) && first.contains(QStringLiteral("findings")));

    QCOMPARE(second.value(QStringLiteral("responseStatus")).toInt(), 401);
    QVERIFY(second.value(QStringLiteral("rejected")).isString());
    QVERIFY(!second.value(QStringLiteral("rejected")).toString().isEmpty());
    // The integration body's AccessToken is masked in the output.
    const QString accessToken = QJsonDocument::fromJson(integration)
                                    .object()[QStringLiteral("Data")][QStringLiteral("AccessToken")]
                                    .toString();
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(!lines.at(1).contains(accessToken.toUtf8()));

    QVERIFY(app.stop(SIGINT));
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), 3);
}

void TestHeadless::textLines() {
    QTemporaryDir home;
    AppProcess app(home.path());
    const quint16 port =
        app.listen({QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    QVERIFY(port != 0);
    // Without a token, the hint's URL has no query.
    const QByteArray hint = "try: curl --data-binary @payload.json -H 'Content-Type: "
                            "application/json' 'http://127.0.0.1:" +
                            QByteArray::number(port) + "/'; stop with Ctrl+C";
    QVERIFY2(app.err.contains(hint), app.err.constData());
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send(post(
        "/hook", TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt"))));
    const QByteArray deleted =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationDeleted.json"));
    client.send(post("/hook", deleted));
    client.send(post("/hook", deleted));
    QVERIFY(client.waitForResponses(3));
    QVERIFY(app.waitForLines(3));
    const QList<QByteArray> lines = app.lines();
    QVERIFY2(lines.at(0).startsWith("#1 ") && lines.at(0).contains("Invalid JSON at line"),
             lines.at(0).constData());
    QVERIFY2(lines.at(1).startsWith("#2 ") && lines.at(1).contains("IntegrationDeleted"),
             lines.at(1).constData());
    QVERIFY(lines.at(1).contains("-> 200"));
    QVERIFY2(!lines.at(1).contains("[delivery"), lines.at(1).constData());
    QVERIFY2(lines.at(2).startsWith("#3 ") && lines.at(2).endsWith(" [delivery 2, after #2]"),
             lines.at(2).constData());
    // `timeout` signals the process and then its group: the repeats arrive at once and
    // must not cut the graceful stop short
    ::kill(app.process.processId(), SIGTERM);
    ::kill(app.process.processId(), SIGTERM);
    ::kill(app.process.processId(), SIGINT);
    QVERIFY(app.finish());
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    // closed cleanly: the lock is gone (a forced exit leaves it)
    QVERIFY(!QFileInfo::exists(home.filePath(QStringLiteral("s.mwsession.lock"))));
    QVERIFY(app.err.contains("stopped;"));

    // A later run into the same file goes on counting the deliveries it holds.
    AppProcess again(home.path());
    const quint16 portAgain =
        again.listen({QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    QVERIFY(portAgain != 0);
    HttpTestClient later;
    QVERIFY(later.connectTo(portAgain));
    later.send(post("/hook", deleted));
    QVERIFY(later.waitForResponses(1));
    QVERIFY(again.waitForLines(1));
    const QByteArray line = again.lines().at(0);
    QVERIFY2(line.startsWith("#4 ") && line.endsWith(" [delivery 3, after #3]"), line.constData());
    QVERIFY(again.stop(SIGTERM));
    QCOMPARE(again.process.exitCode(), 0);
}

void TestHeadless::textLineBracketsAnIPv6Remote() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("this machine has no IPv6 loopback");
    probe.close();
    QTemporaryDir home;
    AppProcess app(home.path());
    const quint16 port =
        app.listen({QStringLiteral("--bind"), QStringLiteral("::1"), QStringLiteral("--session"),
                    home.filePath(QStringLiteral("s.mwsession"))});
    QVERIFY2(port != 0, app.err.constData());
    QVERIFY2(app.err.contains("listening on http://[::1]:"), app.err.constData());
    HttpTestClient client;
    QVERIFY(client.connectTo(port, QHostAddress(QHostAddress::LocalHostIPv6)));
    client.send(post("/hook", "{}"));
    QVERIFY(client.waitForResponses(1));
    QVERIFY(app.waitForLines(1));
    const QByteArray expected =
        " [::1]:" + QByteArray::number(client.socket.localPort()) + " POST /hook ";
    QVERIFY2(app.lines().at(0).contains(expected), app.lines().at(0).constData());
    QVERIFY(app.stop(SIGINT));
    QCOMPARE(app.process.exitCode(), 0);
}

// `mews-webhook-inspector --headless | head -n 1` must end once head has its line, not
// capture unseen forever; what arrived is answered and kept.
void TestHeadless::stopsWhenStdoutsReaderLeaves() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    AppProcess app(home.path());
    // bash's pipefail: the pipeline's status is the app's unless head fails.
    app.process.start(QStringLiteral("bash"),
                      {QStringLiteral("-o"), QStringLiteral("pipefail"), QStringLiteral("-c"),
                       QStringLiteral("\"$0\" \"$@\" | head -n 1"), AppProcess::binary(),
                       QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--session"), session});
    const quint16 port = app.waitForListening();
    QVERIFY(port != 0);
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send(post("/hook", "{}"));
    QVERIFY(client.waitForResponses(1));
    QVERIFY(app.waitForLines(1)); // head has its line and is gone
    // The app learns it from its next write.
    client.send(post("/hook", "[]"));
    QVERIFY(client.waitForResponses(2));
    QVERIFY2(app.finish(), app.err.constData());
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    QVERIFY2(app.err.contains("standard output was closed; stopping"), app.err.constData());
    QVERIFY2(app.err.contains("stopped; 2 captures this run"), app.err.constData());
    QString error;
    const std::optional<SessionInfo> info = SessionFile::inspect(session, &error);
    QVERIFY2(info.has_value(), qPrintable(error));
    QCOMPARE(info->captureCount, 2);
}

void TestHeadless::busyPort() {
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(occupier.serverPort());
    QTemporaryDir home;
    AppProcess app(home.path());
    QVERIFY(app.run({QStringLiteral("--headless"), QStringLiteral("--port"), port}));
    QCOMPARE(app.process.exitCode(), 1);
    const QList<QByteArray> errors = app.err.split('\n');
    bool named = false;
    for (const QByteArray &line : errors)
        named = named || (line.contains("error:") && line.contains(port.toUtf8()) &&
                          line.contains("--port"));
    QVERIFY2(named, app.err.constData());
    // No empty session file is left behind.
    QVERIFY(QDir(app.dataDir() + QStringLiteral("/sessions")).entryList(QDir::Files).isEmpty());

    // Nor one named with --session that this run created...
    const QString created = home.filePath(QStringLiteral("new.mwsession"));
    AppProcess withName(home.path());
    QVERIFY(withName.run({QStringLiteral("--headless"), QStringLiteral("--port"), port,
                          QStringLiteral("--session"), created}));
    QCOMPARE(withName.process.exitCode(), 1);
    QVERIFY2(withName.err.contains("already in use"), withName.err.constData());
    QVERIFY2(!QFileInfo::exists(created), withName.err.constData());
    QCOMPARE(QDir(home.path()).entryList({QStringLiteral("new.mwsession*")}, QDir::Files),
             QStringList());
    // ...but one that was there before stays, even when empty.
    QString error;
    QVERIFY2(SessionFile::create(created, &error), qPrintable(error));
    AppProcess existing(home.path());
    QVERIFY(existing.run({QStringLiteral("--headless"), QStringLiteral("--port"), port,
                          QStringLiteral("--session"), created}));
    QCOMPARE(existing.process.exitCode(), 1);
    QVERIFY(QFileInfo::exists(created));
    QCOMPARE(countCaptures(created), 0);
}

// A session named with %1 or %2 in it is named as it is, not as the place of the number
// that a message puts after the name.
void TestHeadless::namesASessionWithPercentSignsAsItIs() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("hook%2 %1.mwsession"));
    SessionTestData::writeSession(session, {SessionTestData::webhook("{}", 1)});
    AppProcess app(home.path());
    QVERIFY2(app.listen({QStringLiteral("--session"), session}) != 0, app.err.constData());
    const QByteArray recording =
        "recording into " + session.toUtf8() + " (appending to its 1 capture)";
    QVERIFY2(app.err.contains(recording), app.err.constData());
    AppProcess second(home.path());
    QVERIFY(second.run({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--session"), session}));
    QCOMPARE(second.process.exitCode(), 1);
    const QByteArray held = session.toUtf8() + " is already open (process " +
                            QByteArray::number(app.process.processId()) + ')';
    QVERIFY2(second.err.contains(held), second.err.constData());
    QVERIFY(app.stop(SIGINT));
    QCOMPARE(app.process.exitCode(), 0);
}

// --response-status 204 without a body given answers 204 with none, instead of failing
// because of the default {"ok":true}.
void TestHeadless::bodylessStatusAnswersWithoutABody() {
    QTemporaryDir home;
    AppProcess app(home.path());
    const quint16 port =
        app.listen({QStringLiteral("--response-status"), QStringLiteral("204"),
                    QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    QVERIFY2(port != 0, app.err.constData());
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send(post("/hook", "{}"));
    client.send(post("/hook", "[]")); // the connection goes on after a bodyless answer
    QVERIFY(client.waitForResponses(2));
    for (const HttpTestClient::Response &response : client.finalResponses()) {
        QCOMPARE(response.status, 204);
        QVERIFY(response.body.isEmpty());
        QVERIFY(response.header("Content-Length").isEmpty());
        QVERIFY(response.header("Content-Type").isEmpty());
    }
    QVERIFY(app.waitForLines(2));
    QVERIFY2(app.lines().at(0).contains(" -> 204 "), app.lines().at(0).constData());
    QVERIFY(app.stop(SIGTERM));
    QCOMPARE(app.process.exitCode(), 0);
}

// A header value that is not UTF-8 (Latin-1 from an old client) comes out exactly, the
// same way live (--format jsonl) and from the file (--export-jsonl), and HAR keeps the
// bytes in _capture.rawHeadBase64.
void TestHeadless::headerBytesThatAreNotUtf8SurviveEveryOutput() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    AppProcess app(home.path());
    const quint16 port = app.listen({QStringLiteral("--format"), QStringLiteral("jsonl"),
                                     QStringLiteral("--session"), session});
    QVERIFY2(port != 0, app.err.constData());
    const QByteArray latin1("Jos\xe9 \xff");
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Name: " + latin1 +
                "\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.finalResponses().at(0).status, 200);
    QVERIFY(app.waitForLines(1));
    QVERIFY(app.stop(SIGTERM));
    QCOMPARE(app.process.exitCode(), 0);

    const auto nameHeader = [](const QByteArray &line) {
        for (const QJsonValue &pair :
             QJsonDocument::fromJson(line).object().value(QStringLiteral("headers")).toArray()) {
            if (pair.toArray().at(0).toString() == QLatin1String("X-Name"))
                return pair.toArray().at(1);
        }
        return QJsonValue();
    };
    const QJsonValue live = nameHeader(app.lines().at(0));
    QVERIFY2(live.isObject(), app.lines().at(0).constData());
    QCOMPARE(QByteArray::fromBase64(
                 live.toObject().value(QStringLiteral("base64")).toString().toLatin1()),
             latin1);

    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    const QString har = home.filePath(QStringLiteral("out.har"));
    AppProcess convert(home.path());
    QVERIFY(convert.run({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl,
                         QStringLiteral("--export-har"), har}));
    QCOMPARE(convert.process.exitCode(), 0);
    QFile exported(jsonl);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(nameHeader(exported.readAll().trimmed()), live);

    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    const QJsonObject entry = QJsonDocument::fromJson(harFile.readAll())
                                  .object()[QStringLiteral("log")][QStringLiteral("entries")][0]
                                  .toObject();
    const QByteArray rawHead = QByteArray::fromBase64(
        entry[QStringLiteral("_capture")][QStringLiteral("rawHeadBase64")].toString().toLatin1());
    const QByteArray field = "\r\nX-Name: " + latin1 + "\r\n";
    QVERIFY2(rawHead.contains(field), rawHead.constData());
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
