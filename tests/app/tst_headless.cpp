// The headless mode of the real executable, driven as a child process over real sockets.
#include "../http/httptestclient.h"
#include "../session/sessiontestdata.h"
#include "appinfo.h"
#include "appprocess.h"
#include "testsupport.h"

#include "session/capturereader.h"
#include "session/harreader.h"
#include "session/sessionfile.h"
#include "session/sqlitedatabase.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTcpServer>

#include <sqlite3.h>

#include <csignal>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

QByteArray post(const QByteArray &target, const QByteArray &body) {
    return "POST " + target +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

qint64 countCaptures(const QString &session) {
    CaptureReader reader;
    QString error;
    if (!reader.open(session, &error))
        return -1;
    return reader.count(&error);
}

} // namespace

class TestHeadless : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helpAndVersion();
    void badOptions_data();
    void badOptions();
    void jsonlCaptureAndGracefulStop();
    void textLines();
    void textLineBracketsAnIPv6Remote();
    void stopsWhenStdoutsReaderLeaves();
    void busyPort();
    void bodylessStatusAnswersWithoutABody();
    void headerBytesThatAreNotUtf8SurviveEveryOutput();
    void convertExportImport();
    void signalsStopAnImportOrExportCleanly();
    void ctrlCStopsAnExportIntoAFifoThatNobodyReads();
    void salvagesAndExportsADamagedSession();
    void saysWhenABodyNoLongerMatchesWhatWasReceived();
    void signalsStopASalvageCleanly();
    void anImportKilledPartwayIsClearedAway();
    void recoversUnsavedLiveSession();
    void capturesLeftUnwrittenFailTheRun();
};

void TestHeadless::helpAndVersion() {
    QTemporaryDir home;
    AppProcess help(home.path());
    help.start({QStringLiteral("--help")});
    QVERIFY(help.finish());
    QCOMPARE(help.process.exitCode(), 0);
    for (const char *option :
         {"--headless", "--port", "--bind", "--token", "--max-body", "--request-timeout",
          "--max-connections", "--format", "--reveal-secrets", "--session", "--open",
          "--export-har", "--export-jsonl", "--import-har", "--salvage"})
        QVERIFY2(help.out.contains(option), option);

    AppProcess version(home.path());
    version.start({QStringLiteral("--version")});
    QVERIFY(version.finish());
    QCOMPARE(version.process.exitCode(), 0);
    const QList<QByteArray> lines = version.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QByteArray(MWI_EXECUTABLE " " MWI_VERSION));
    const QByteArray libraries = lines[1];
    // The versions loaded at run time, for bug reports.
    QCOMPARE(libraries,
             QByteArray(QByteArray("Qt ") + qVersion() + ", SQLite " + sqlite3_libversion()));
}

void TestHeadless::badOptions_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--port"),
                       QStringLiteral("99999")}
        << QStringLiteral("--port");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--format"),
                       QStringLiteral("xml")}
        << QStringLiteral("--format");
    QTest::newRow("bad size") << QStringList{QStringLiteral("--headless"),
                                             QStringLiteral("--max-body"), QStringLiteral("lots")}
                              << QStringLiteral("--max-body");
    QTest::newRow("body limit 0") << QStringList{QStringLiteral("--headless"),
                                                 QStringLiteral("--max-body"), QStringLiteral("0")}
                                  << QStringLiteral(
                                         "--max-body: '0' is not a size of 1 byte or more");
    QTest::newRow("bad address") << QStringList{QStringLiteral("--headless"),
                                                QStringLiteral("--bind"),
                                                QStringLiteral("localhostt")}
                                 << QStringLiteral("--bind");
    QTest::newRow("export without open")
        << QStringList{QStringLiteral("--export-har"), QStringLiteral("x.har")}
        << QStringLiteral("--open");
    QTest::newRow("salvage without open")
        << QStringList{QStringLiteral("--salvage"), QStringLiteral("x.mwsession")}
        << QStringLiteral("--salvage needs --open");
    // refused before anything starts, not a run that fails (status 1)
    QTest::newRow("body with a 204")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--response-status"),
                       QStringLiteral("204"), QStringLiteral("--response-body"),
                       QStringLiteral("{}")}
        << QStringLiteral("--response-body: a 204 response cannot have a body");
    QTest::newRow("Content-Length header")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--response-header"),
                       QStringLiteral("Content-Length: 100")}
        << QStringLiteral("the listener sets Content-Length itself");
    // A file named without an option is not silently ignored.
    QTest::newRow("headless with a file")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("x.mwsession")}
        << QStringLiteral("--session x.mwsession to capture into it, or --open x.mwsession to "
                          "read it");
    QTest::newRow("export with a file")
        << QStringList{QStringLiteral("--open"), QStringLiteral("a.mwsession"),
                       QStringLiteral("--export-har"), QStringLiteral("a.har"),
                       QStringLiteral("b.mwsession")}
        << QStringLiteral("--open b.mwsession to read it");
    QTest::newRow("two exports to stdout")
        << QStringList{QStringLiteral("--open"),         QStringLiteral("a.mwsession"),
                       QStringLiteral("--export-har"),   QStringLiteral("-"),
                       QStringLiteral("--export-jsonl"), QStringLiteral("-")}
        << QStringLiteral("only one of --export-har and --export-jsonl can write to standard "
                          "output");
    QTest::newRow("two exports to one file")
        << QStringList{QStringLiteral("--open"),         QStringLiteral("a.mwsession"),
                       QStringLiteral("--export-har"),   QStringLiteral("out"),
                       QStringLiteral("--export-jsonl"), QStringLiteral("out")}
        << QStringLiteral("name the same file");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--lisen")} << QStringLiteral("lisen");
    // A printout would ignore these: it neither listens nor records.
    QTest::newRow("session while printing")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"),
                       QStringLiteral("a.mwsession"), QStringLiteral("--session"),
                       QStringLiteral("b.mwsession")}
        << QStringLiteral("--session: --headless --open reads the --open file and records into "
                          "none; leave --session out");
    QTest::newRow("port while printing")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"),
                       QStringLiteral("a.mwsession"), QStringLiteral("--port"), QStringLiteral("0")}
        << QStringLiteral("--port: nothing listens with --headless --open; leave --port out");
}

void TestHeadless::badOptions() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QTemporaryDir home;
    AppProcess app(home.path());
    app.start(arguments);
    QVERIFY(app.finish());
    QCOMPARE(app.process.exitCode(), 2);
    QVERIFY2(app.err.contains(mentions.toUtf8()), app.err.constData());
    QVERIFY(app.out.isEmpty());
}

void TestHeadless::jsonlCaptureAndGracefulStop() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("capture.mwsession"));
    const QString token = QStringLiteral("S3cretTokenValue9876");
    AppProcess app(home.path());
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--token"),
               token, QStringLiteral("--session"), session});
    const quint16 port = app.waitForListening();
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

    ::kill(app.process.processId(), SIGINT);
    QVERIFY(app.finish());
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), 3);
}

void TestHeadless::textLines() {
    QTemporaryDir home;
    AppProcess app(home.path());
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    const quint16 port = app.waitForListening();
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
    again.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    const quint16 portAgain = again.waitForListening();
    QVERIFY(portAgain != 0);
    HttpTestClient later;
    QVERIFY(later.connectTo(portAgain));
    later.send(post("/hook", deleted));
    QVERIFY(later.waitForResponses(1));
    QVERIFY(again.waitForLines(1));
    const QByteArray line = again.lines().at(0);
    QVERIFY2(line.startsWith("#4 ") && line.endsWith(" [delivery 3, after #3]"), line.constData());
    ::kill(again.process.processId(), SIGTERM);
    QVERIFY(again.finish());
    QCOMPARE(again.process.exitCode(), 0);
}

void TestHeadless::textLineBracketsAnIPv6Remote() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("this machine has no IPv6 loopback");
    probe.close();
    QTemporaryDir home;
    AppProcess app(home.path());
    app.start({QStringLiteral("--headless"), QStringLiteral("--bind"), QStringLiteral("::1"),
               QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--session"),
               home.filePath(QStringLiteral("s.mwsession"))});
    const quint16 port = app.waitForListening();
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
    ::kill(app.process.processId(), SIGINT);
    QVERIFY(app.finish());
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
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), port});
    QVERIFY(app.finish());
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
    withName.start({QStringLiteral("--headless"), QStringLiteral("--port"), port,
                    QStringLiteral("--session"), created});
    QVERIFY(withName.finish());
    QCOMPARE(withName.process.exitCode(), 1);
    QVERIFY2(withName.err.contains("already in use"), withName.err.constData());
    QVERIFY2(!QFileInfo::exists(created), withName.err.constData());
    QCOMPARE(QDir(home.path()).entryList({QStringLiteral("new.mwsession*")}, QDir::Files),
             QStringList());
    // ...but one that was there before stays, even when empty.
    QString error;
    QVERIFY2(SessionFile::create(created, &error), qPrintable(error));
    AppProcess existing(home.path());
    existing.start({QStringLiteral("--headless"), QStringLiteral("--port"), port,
                    QStringLiteral("--session"), created});
    QVERIFY(existing.finish());
    QCOMPARE(existing.process.exitCode(), 1);
    QVERIFY(QFileInfo::exists(created));
    QCOMPARE(countCaptures(created), 0);
}

// --response-status 204 without a body given answers 204 with none, instead of failing
// because of the default {"ok":true}.
void TestHeadless::bodylessStatusAnswersWithoutABody() {
    QTemporaryDir home;
    AppProcess app(home.path());
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--response-status"), QStringLiteral("204"),
               QStringLiteral("--session"), home.filePath(QStringLiteral("s.mwsession"))});
    const quint16 port = app.waitForListening();
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
    ::kill(app.process.processId(), SIGTERM);
    QVERIFY(app.finish());
    QCOMPARE(app.process.exitCode(), 0);
}

// A header value that is not UTF-8 (Latin-1 from an old client) comes out exactly, the
// same way live (--format jsonl) and from the file (--export-jsonl), and HAR keeps the
// bytes in _capture.rawHeadBase64.
void TestHeadless::headerBytesThatAreNotUtf8SurviveEveryOutput() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    AppProcess app(home.path());
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--session"),
               session});
    const quint16 port = app.waitForListening();
    QVERIFY2(port != 0, app.err.constData());
    const QByteArray latin1("Jos\xe9 \xff");
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    client.send("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Name: " + latin1 +
                "\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.finalResponses().at(0).status, 200);
    QVERIFY(app.waitForLines(1));
    ::kill(app.process.processId(), SIGTERM);
    QVERIFY(app.finish());
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
    convert.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl,
                   QStringLiteral("--export-har"), har});
    QVERIFY(convert.finish());
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

void TestHeadless::convertExportImport() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    {
        AppProcess app(home.path());
        app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                   QStringLiteral("--session"), session});
        const quint16 port = app.waitForListening();
        QVERIFY(port != 0);
        HttpTestClient client;
        QVERIFY(client.connectTo(port));
        const QByteArray message =
            TestSupport::readData(QStringLiteral("samples/general-MessageAdded.json"));
        client.send(post("/a", message));
        client.send(post("/b", TestSupport::readData(
                                   QStringLiteral("samples/integration-IntegrationEnabled.json"))));
        client.send(post("/a", message)); // the first message sent again
        QVERIFY(client.waitForResponses(3));
        QVERIFY(app.waitForLines(3));
        ::kill(app.process.processId(), SIGTERM);
        QVERIFY(app.finish());
    }
    const QString har = home.filePath(QStringLiteral("out.har"));
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    convert.start({QStringLiteral("--open"), session, QStringLiteral("--export-har"), har,
                   QStringLiteral("--export-jsonl"), jsonl});
    QVERIFY(convert.finish());
    QCOMPARE(convert.process.exitCode(), 0);

    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    const QJsonObject log =
        QJsonDocument::fromJson(harFile.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 3);
    const QJsonObject repeated =
        entries.at(2).toObject().value(QStringLiteral("_capture")).toObject();
    QCOMPARE(repeated.value(QStringLiteral("delivery")).toInt(), 2);
    QCOMPARE(repeated.value(QStringLiteral("previousDeliveryId")).toInt(), 1);
    QVERIFY(entries.at(0)
                .toObject()
                .value(QStringLiteral("request"))
                .toObject()
                .value(QStringLiteral("url"))
                .toString()
                .endsWith(QStringLiteral("/a")));
    QFile jsonlFile(jsonl);
    QVERIFY(jsonlFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> exported = jsonlFile.readAll().trimmed().split('\n');
    QCOMPARE(exported.size(), 3);
    // A whole session exported: its repeats are numbered.
    const QJsonObject repeat = QJsonDocument::fromJson(exported.at(2)).object();
    QCOMPARE(repeat.value(QStringLiteral("delivery")).toInt(), 2);
    QCOMPARE(repeat.value(QStringLiteral("previousDeliveryId")).toInt(), 1);
    QCOMPARE(
        QJsonDocument::fromJson(exported.at(1)).object().value(QStringLiteral("delivery")).toInt(),
        1);

    AppProcess print(home.path());
    print.start({QStringLiteral("--headless"), QStringLiteral("--open"), session});
    QVERIFY(print.finish());
    QCOMPARE(print.process.exitCode(), 0);
    QCOMPARE(print.lines().size(), 3);
    QVERIFY(print.lines().at(1).contains("IntegrationEnabled"));
    QVERIFY2(print.lines().at(2).endsWith("[delivery 2, after #1]"),
             print.lines().at(2).constData());

    // Without a display, --open alone prints too (no listener starts), and a file to open
    // in the window is refused with a hint.
    AppProcess noDisplay(home.path());
    noDisplay.start({QStringLiteral("--open"), session});
    QVERIFY(noDisplay.finish());
    QCOMPARE(noDisplay.process.exitCode(), 0);
    QCOMPARE(noDisplay.lines().size(), 3);
    QVERIFY2(!noDisplay.err.contains("listening"), noDisplay.err.constData());
    AppProcess positional(home.path());
    positional.start({session});
    QVERIFY(positional.finish());
    QCOMPARE(positional.process.exitCode(), 2);
    QVERIFY2(positional.err.contains("--headless --open") &&
                 positional.err.contains("--headless --session"),
             positional.err.constData());

    // A printout that cannot be written (a full disk behind a redirection) fails loudly.
    if (QFileInfo::exists(QStringLiteral("/dev/full"))) {
        AppProcess full(home.path());
        full.process.setStandardOutputFile(QStringLiteral("/dev/full"));
        full.start({QStringLiteral("--headless"), QStringLiteral("--open"), session,
                    QStringLiteral("--format"), QStringLiteral("jsonl")});
        QVERIFY(full.finish());
        QCOMPARE(full.process.exitCode(), 1);
        QVERIFY2(full.err.contains("cannot write to standard output"), full.err.constData());
    }

    const QString imported = home.filePath(QStringLiteral("imported.mwsession"));
    AppProcess import(home.path());
    import.start({QStringLiteral("--import-har"), har, QStringLiteral("--session"), imported});
    QVERIFY(import.finish());
    QCOMPARE(import.process.exitCode(), 0);
    QCOMPARE(countCaptures(imported), 3);

    // A file that is not HAR: a clear error, and no session file is made.
    const QString notHar = home.filePath(QStringLiteral("truncated.har"));
    QFile truncated(notHar);
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(QByteArray(R"({"log":{"entries":[{"request":)"));
    truncated.close();
    const QString untouched = home.filePath(QStringLiteral("untouched.mwsession"));
    AppProcess refused(home.path());
    refused.start({QStringLiteral("--import-har"), notHar, QStringLiteral("--session"), untouched});
    QVERIFY(refused.finish());
    QCOMPARE(refused.process.exitCode(), 1);
    QVERIFY2(refused.err.contains("Not a HAR file") && refused.err.contains("truncated.har"),
             refused.err.constData());
    QVERIFY(!QFileInfo::exists(untouched));

    // A HAR file given to --open is not a session: the error says how to read it.
    for (const QStringList &reading :
         {QStringList{QStringLiteral("--headless"), QStringLiteral("--open"), har},
          QStringList{QStringLiteral("--open"), har, QStringLiteral("--export-jsonl"),
                      QStringLiteral("-")}}) {
        AppProcess opened(home.path());
        opened.start(reading);
        QVERIFY(opened.finish());
        QCOMPARE(opened.process.exitCode(), 1);
        QVERIFY2(opened.err.contains("not a session; import it first: --import-har"),
                 opened.err.constData());
        QVERIFY(opened.out.isEmpty());
    }

    AppProcess missing(home.path());
    missing.start({QStringLiteral("--open"), home.filePath(QStringLiteral("nope.mwsession")),
                   QStringLiteral("--export-jsonl"), jsonl});
    QVERIFY(missing.finish());
    QCOMPARE(missing.process.exitCode(), 1);
    QVERIFY(missing.err.contains("nope.mwsession"));
}

// SIGINT and SIGTERM stop a long import or export at once and cleanly: an import imports
// nothing (so running it again does not duplicate captures), an export writes no file,
// the session is closed cleanly, and the status is 128 + the signal.
void TestHeadless::signalsStopAnImportOrExportCleanly() {
    QTemporaryDir home;
    constexpr int Entries = 2000;
    const QString har = home.filePath(QStringLiteral("big.har"));
    {
        QFile file(har);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"log":{"version":"1.2","entries":[)");
        for (int i = 0; i < Entries; ++i) {
            file.write((i > 0 ? ",\n" : "") +
                       QByteArray(R"({"startedDateTime":"2026-12-01T10:00:00.000Z",)") +
                       R"("request":{"method":"POST","url":"http://h/n/)" + QByteArray::number(i) +
                       R"(","headers":[],"postData":{"mimeType":"application/json",)" +
                       R"("text":"{}"}}})");
        }
        file.write("]}}");
    }
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    AppProcess whole(home.path());
    whole.start({QStringLiteral("--import-har"), har, QStringLiteral("--session"), session});
    QVERIFY(whole.finish(120000));
    QCOMPARE(whole.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), Entries);
    const QStringList files = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);

    // The job must still be running when the signal arrives: this test holds the session
    // file's lock meanwhile, and SQLite makes the job wait for it (up to 5 s).
    const auto interrupt = [&](AppProcess &app, const QByteArray &started, int signalNumber) {
        SqliteDatabase holder;
        QVERIFY(holder.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(holder.exec("BEGIN EXCLUSIVE", nullptr));
        QVERIFY2(app.waitForStderr(started), app.err.constData());
        ::kill(app.process.processId(), signalNumber);
        QVERIFY(holder.exec("ROLLBACK", nullptr));
        holder.close();
        QVERIFY(app.finish(120000));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 128 + signalNumber);
    };

    // Imported again: nothing of it goes in (running it once more would not duplicate
    // anything), and the file is closed cleanly, with no lock or temporary copy left.
    for (const int signalNumber : {SIGINT, SIGTERM}) {
        AppProcess again(home.path());
        again.start({QStringLiteral("--import-har"), har, QStringLiteral("--session"), session});
        interrupt(again, "importing ", signalNumber);
        if (QTest::currentTestFailed())
            return;
        const QByteArray said = QByteArray("interrupted by ") +
                                (signalNumber == SIGINT ? "SIGINT" : "SIGTERM") +
                                "; nothing was imported; ";
        QVERIFY2(again.err.contains(said), again.err.constData());
        QCOMPARE(countCaptures(session), Entries);
        QString error;
        const std::optional<SessionInfo> info = SessionFile::inspect(session, &error);
        QVERIFY2(info, qPrintable(error));
        QVERIFY(info->cleanShutdown);
        QVERIFY(!SessionFile::isInUse(session));
        QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);
    }

    // An export writes no file, and says so.
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess exporting(home.path());
    exporting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl});
    interrupt(exporting, "exporting ", SIGTERM);
    if (QTest::currentTestFailed())
        return;
    const QByteArray said = "interrupted by SIGTERM; " + jsonl.toUtf8() + " was not written";
    QVERIFY2(exporting.err.contains(said), exporting.err.constData());
    QVERIFY(!QFileInfo::exists(jsonl));
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);

    // A file that was there before stays as it was, and the message says so.
    QFile earlier(jsonl);
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    QVERIFY(earlier.write("an earlier export\n") > 0);
    earlier.close();
    AppProcess overwriting(home.path());
    overwriting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl});
    interrupt(overwriting, "exporting ", SIGINT);
    if (QTest::currentTestFailed())
        return;
    const QByteArray kept = "interrupted by SIGINT; " + jsonl.toUtf8() + " is as it was";
    QVERIFY2(overwriting.err.contains(kept), overwriting.err.constData());
    QVERIFY(earlier.open(QIODevice::ReadOnly));
    QCOMPARE(earlier.readAll(), QByteArray("an earlier export\n"));
    earlier.close();
    QVERIFY(earlier.remove());

    // An export into a FIFO is written in place, so part of it may have gone through.
    const QString fifo = home.filePath(QStringLiteral("out.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const int reading = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reading >= 0);
    const auto closeReading = qScopeGuard([reading] { ::close(reading); });
    AppProcess piping(home.path());
    piping.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    interrupt(piping, "exporting ", SIGTERM);
    if (QTest::currentTestFailed())
        return;
    const QByteArray incomplete =
        "interrupted by SIGTERM; the export into " + fifo.toUtf8() + " is incomplete";
    QVERIFY2(piping.err.contains(incomplete), piping.err.constData());
}

void TestHeadless::ctrlCStopsAnExportIntoAFifoThatNobodyReads() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    // More than a pipe holds (64 KiB), so a reader that stops reading stalls the export.
    QList<Capture> captures;
    for (int n = 1; n <= 200; ++n)
        captures.append(
            SessionTestData::webhook("{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Pad\":\"" +
                                         QByteArray(1000, 'x') + "\"}}",
                                     n));
    SessionTestData::writeSession(session, captures);
    const QString fifo = home.filePath(QStringLiteral("out.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);

    // Started, waited for long enough to be in open() or write(), then one Ctrl+C.
    const auto interrupt = [&](AppProcess &app) {
        const bool started = QTest::qWaitFor(
            [&] {
                app.readStreams();
                return app.err.contains("exporting ") ||
                       app.process.state() == QProcess::NotRunning;
            },
            30000);
        QVERIFY2(started && app.process.state() == QProcess::Running, app.err.constData());
        QTest::qWait(300);
        QCOMPARE(app.process.state(), QProcess::Running);
        ::kill(app.process.processId(), SIGINT);
        QVERIFY2(app.finish(10000), "a first Ctrl+C did not stop the export");
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 130);
    };

    // No process ever opens the FIFO for reading: the export waits in open().
    AppProcess unread(home.path());
    unread.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    interrupt(unread);
    if (QTest::currentTestFailed())
        return;
    const QByteArray nothing = "interrupted by SIGINT; no process opened " + fifo.toUtf8() +
                               " for reading; nothing was exported\n";
    QVERIFY2(unread.err.endsWith(nothing), unread.err.constData());
    QCOMPARE(unread.err.count('\n'), 2); // "exporting ..." and the line that says why

    // A reader opens it but reads nothing: the export waits in write().
    int reading = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reading >= 0);
    const auto closeReading = qScopeGuard([&reading] {
        if (reading >= 0)
            ::close(reading);
    });
    AppProcess stalled(home.path());
    stalled.start({QStringLiteral("--open"), session, QStringLiteral("--export-har"), fifo});
    interrupt(stalled);
    if (QTest::currentTestFailed())
        return;
    const QByteArray incomplete =
        "interrupted by SIGINT; the export into " + fifo.toUtf8() + " is incomplete\n";
    QVERIFY2(stalled.err.endsWith(incomplete), stalled.err.constData());

    // A reader that comes late gets the whole export.
    char drain[65536];
    while (::read(reading, drain, sizeof drain) > 0) {
    }
    ::close(reading);
    reading = -1;
    AppProcess waiting(home.path());
    waiting.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), fifo});
    QVERIFY(QTest::qWaitFor(
        [&] {
            waiting.readStreams();
            return waiting.err.contains("exporting ");
        },
        30000));
    QTest::qWait(300);
    const int late = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(late >= 0);
    const auto closeLate = qScopeGuard([late] { ::close(late); });
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            ssize_t n = 0;
            while ((n = ::read(late, drain, sizeof drain)) > 0)
                received.append(drain, n);
            return waiting.process.state() == QProcess::NotRunning && n == 0;
        },
        30000));
    waiting.readStreams();
    QCOMPARE(waiting.process.exitCode(), 0);
    QCOMPARE(received.count('\n'), 200);
}

void TestHeadless::salvagesAndExportsADamagedSession() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("damaged.mwsession"));
    SessionTestData::writeSession(session, {SessionTestData::webhook("{\"a\":1}", 1),
                                            SessionTestData::webhook("{\"b\":2}", 2),
                                            SessionTestData::webhook("{\"c\":3}", 3)});
    { // capture 2's payload was lost, as a salvage leaves it when that page was damaged
        SqliteDatabase db;
        QVERIFY(db.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("DELETE FROM payloads WHERE capture_id = 2", nullptr));
    }
    const QString salvaged = home.filePath(QStringLiteral("salvaged.mwsession"));
    AppProcess salvage(home.path());
    salvage.start({QStringLiteral("--open"), session, QStringLiteral("--salvage"), salvaged});
    QVERIFY(salvage.finish());
    QCOMPARE(salvage.process.exitCode(), 0);
    QVERIFY2(salvage.err.contains("Salvaged 3 captures from") &&
                 salvage.err.contains("The request and body of 1 capture (id 2) could not be read"),
             salvage.err.constData());
    QCOMPARE(countCaptures(salvaged), 3);

    // Printing and exporting leave the damaged capture out, say so, and write the rest.
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    convert.start({QStringLiteral("--open"), salvaged, QStringLiteral("--export-jsonl"), jsonl});
    QVERIFY(convert.finish());
    QCOMPARE(convert.process.exitCode(), 0);
    QVERIFY2(convert.err.contains("capture 2 is damaged (its payload row is missing); left out"),
             convert.err.constData());
    QFile out(jsonl);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().trimmed().split('\n').size(), 2);

    { // capture 3 as a salvage rebuilds it when its list row was lost
        SqliteDatabase db;
        QVERIFY(db.open(salvaged, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE captures SET remote_address = '', remote_port = 0, "
                        "response_status = 0 WHERE id = 3",
                        nullptr));
    }
    AppProcess print(home.path());
    print.start({QStringLiteral("--headless"), QStringLiteral("--open"), salvaged});
    QVERIFY(print.finish());
    QCOMPARE(print.process.exitCode(), 0);
    const QList<QByteArray> lines = print.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(" 127.0.0.1:") && lines.at(0).contains(" -> 200 "),
             lines.at(0).constData());
    // What the rebuilt capture does not know is printed as unknown, not as :0 or 0.
    QVERIFY2(lines.at(1).startsWith("#3 ") && lines.at(1).contains("Z ? POST /webhook") &&
                 lines.at(1).contains(" -> ? "),
             lines.at(1).constData());
    QVERIFY2(print.err.contains("capture 2 is damaged"), print.err.constData());
}

// Bit rot inside a stored body: the export and the printout still hold it as stored, but
// say on stderr which capture's body is no longer what was received.
void TestHeadless::saysWhenABodyNoLongerMatchesWhatWasReceived() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("rotten.mwsession"));
    SessionTestData::writeSession(session, {SessionTestData::webhook("{\"a\":1}", 1),
                                            SessionTestData::webhook("{\"b\":2}", 2)});
    {
        SqliteDatabase db;
        QVERIFY(db.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
        QVERIFY(db.exec("UPDATE payloads SET body = CAST('{\"b\":3}' AS BLOB) "
                        "WHERE capture_id = 2",
                        nullptr));
    }
    const QByteArray warning = "capture 2: its body no longer matches what was received";
    const QString jsonl = home.filePath(QStringLiteral("out.jsonl"));
    AppProcess convert(home.path());
    convert.start({QStringLiteral("--open"), session, QStringLiteral("--export-jsonl"), jsonl});
    QVERIFY(convert.finish());
    QCOMPARE(convert.process.exitCode(), 0);
    QVERIFY2(convert.err.contains(warning) && convert.err.contains("; exported as stored"),
             convert.err.constData());
    QVERIFY2(!convert.err.contains("capture 1"), convert.err.constData());
    QFile out(jsonl);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll().trimmed().split('\n').size(), 2);

    AppProcess print(home.path());
    print.start({QStringLiteral("--headless"), QStringLiteral("--open"), session});
    QVERIFY(print.finish());
    QCOMPARE(print.process.exitCode(), 0);
    QCOMPARE(print.out.trimmed().split('\n').size(), 2);
    QVERIFY2(print.err.contains(warning) && print.err.contains("; printed as stored"),
             print.err.constData());
}

// A salvage stopped by a signal leaves no temporary copy and the target as it was.
void TestHeadless::signalsStopASalvageCleanly() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("big.mwsession"));
    QList<Capture> captures;
    for (int i = 1; i <= 1200; ++i) // more than one step of the salvage's progress
        captures.append(SessionTestData::webhook("{\"n\":" + QByteArray::number(i) + '}', i));
    SessionTestData::writeSession(session, captures);
    const QString target = home.filePath(QStringLiteral("salvaged.mwsession"));
    QFile kept(target);
    QVERIFY(kept.open(QIODevice::WriteOnly));
    QVERIFY(kept.write("a file that was there before") > 0);
    kept.close();
    const QStringList files = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);

    // The salvage waits (up to 5 s) while this test holds the session file exclusively,
    // so the signal arrives while it runs.
    SqliteDatabase holder;
    QVERIFY(holder.open(session, SqliteDatabase::Mode::ReadWrite, nullptr));
    QVERIFY(holder.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE", nullptr));
    AppProcess salvage(home.path());
    salvage.start({QStringLiteral("--open"), session, QStringLiteral("--salvage"), target});
    QVERIFY2(salvage.waitForStderr("salvaging "), salvage.err.constData());
    ::kill(salvage.process.processId(), SIGINT);
    QVERIFY(holder.exec("COMMIT", nullptr));
    holder.close();
    QVERIFY(salvage.finish(120000));
    QCOMPARE(salvage.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(salvage.process.exitCode(), 128 + SIGINT);
    const QByteArray said = "interrupted by SIGINT; " + target.toUtf8() + " is as it was";
    QVERIFY2(salvage.err.contains(said), salvage.err.constData());
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden), files);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("a file that was there before"));
}

// An import killed partway (SIGKILL) cannot remove its staging session; the next import
// into the same session does, and leaves one that a running process holds alone.
void TestHeadless::anImportKilledPartwayIsClearedAway() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("s.mwsession"));
    // A staging session as an import names it, recorded into by a headless run: once
    // killed, it is what a killed import leaves (the file, -wal, -shm and a stale lock).
    const auto recordInto = [&](AppProcess &app, const QString &name) {
        app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                   QStringLiteral("--session"), home.filePath(name)});
        return app.waitForListening() != 0;
    };
    AppProcess killed(home.path());
    QVERIFY(recordInto(killed, QStringLiteral(".s.mwsession.0123abcd.tmp")));
    ::kill(killed.process.processId(), SIGKILL);
    QVERIFY(killed.finish());
    const QStringList filesBefore = QDir(home.path()).entryList(QDir::Files | QDir::Hidden);
    QVERIFY2(filesBefore.contains(QStringLiteral(".s.mwsession.0123abcd.tmp.lock")),
             qPrintable(filesBefore.join(u' ')));
    AppProcess running(home.path());
    QVERIFY(recordInto(running, QStringLiteral(".s.mwsession.89abcdef.tmp")));
    const QStringList held =
        QDir(home.path())
            .entryList({QStringLiteral(".s.mwsession.89*")}, QDir::Files | QDir::Hidden);
    QVERIFY(!held.isEmpty());

    AppProcess import(home.path());
    import.start({QStringLiteral("--import-har"),
                  TestSupport::dataPath(QStringLiteral("har/charles.har")),
                  QStringLiteral("--session"), session});
    QVERIFY(import.finish(60000));
    QCOMPARE(import.process.exitCode(), 0);
    QCOMPARE(countCaptures(session), 2);
    QStringList expected = held;
    expected << QStringLiteral("s.mwsession");
    expected.sort();
    QCOMPARE(QDir(home.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name), expected);
    ::kill(running.process.processId(), SIGTERM);
    QVERIFY(running.finish());
}

void TestHeadless::recoversUnsavedLiveSession() {
    QTemporaryDir home;
    AppProcess probe(home.path());
    const QString liveDir = probe.dataDir() + QStringLiteral("/live");
    QVERIFY(QDir().mkpath(liveDir));
    const QString live = liveDir + QStringLiteral("/live-crashed.mwsession");
    {
        AppProcess crashing(home.path());
        crashing.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--session"), live});
        const quint16 port = crashing.waitForListening();
        QVERIFY(port != 0);
        HttpTestClient client;
        QVERIFY(client.connectTo(port));
        client.send(post(
            "/x", TestSupport::readData(QStringLiteral("samples/general-PaymentUpdated.json"))));
        QVERIFY(client.waitForResponses(1));
        QCOMPARE(client.finalResponses().at(0).status, 200);
        crashing.process.kill(); // SIGKILL: no clean shutdown
        QVERIFY(crashing.finish());
    }
    AppProcess next(home.path());
    next.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(next.waitForListening() != 0);
    static const QRegularExpression recovered(
        QStringLiteral("recovered .*\\(1 capture\\) into (\\S+)"));
    const QRegularExpressionMatch match = recovered.match(QString::fromUtf8(next.err));
    QVERIFY2(match.hasMatch(), next.err.constData());
    QCOMPARE(countCaptures(match.captured(1)), 1);
    QVERIFY(!QFileInfo::exists(live));
    ::kill(next.process.processId(), SIGTERM);
    QVERIFY(next.finish());
}

void TestHeadless::capturesLeftUnwrittenFailTheRun() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("full.mwsession"));
    AppProcess app(home.path());
    // A disk that fills up: the file may not grow past 256 KiB. The app ignores the
    // SIGXFSZ of `ulimit -f` itself, so the write fails as on a real full disk.
    app.process.setChildProcessModifier([] {
        const rlimit limit{256 * 1024, 256 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    app.start({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
               QStringLiteral("--session"), session});
    const quint16 port = app.waitForListening();
    QVERIFY2(port != 0, app.err.constData());
    HttpTestClient client;
    QVERIFY(client.connectTo(port));
    int status = 200;
    for (int i = 0; i < 200 && status == 200; ++i) {
        client.send(post("/webhook", QByteArray(4096, 'x')));
        QVERIFY(client.waitForResponses(i + 1));
        status = client.responses.last().status;
    }
    QCOMPARE(status, 503); // not acknowledged: kept in memory, not in the file
    ::kill(app.process.processId(), SIGINT);
    QVERIFY(app.finish());
    QVERIFY2(app.err.contains("could not be written"), app.err.constData());
    QCOMPARE(app.process.exitCode(), 1);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
