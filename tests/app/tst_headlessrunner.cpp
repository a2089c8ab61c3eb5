#include "../http/httptestclient.h"
#include "../session/sessiontestdata.h"
#include "appprocess.h"
#include "headlessrunner.h"

#include <QTest>

#include <csignal>

// HeadlessRunner::textLine(): one line per capture, showing what was sent as it was sent.
class TestHeadlessRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textLineShowsTheTargetAsSent_data();
    void textLineShowsTheTargetAsSent();
    void textLineDoesNotLetTheBodySteerTheTerminal();
    void textLineSaysWhenThereWasNoResponse_data();
    void textLineSaysWhenThereWasNoResponse();
    void anIPv4MappedBindListensOnItsIPv4Address();
    void anAddressNotOnThisMachineNamesBind();
    void aWildcardBindSaysSoAndTheCurlHintUsesLoopback();
};

void TestHeadlessRunner::textLineShowsTheTargetAsSent_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArray("/hook") << QStringLiteral(" POST /hook -> 200 2 bytes ");
    // Percent-encoded bytes read like QString::arg() markers.
    QTest::newRow("%1 and %2") << QByteArray("/w%1b%5b31m?x=%2F")
                               << QStringLiteral(" POST /w%1b%5b31m?x=%2F -> 200 2 bytes ");
    QTest::newRow("%7 at the end")
        << QByteArray("/a%7") << QStringLiteral(" POST /a%7 -> 200 2 bytes ");
    QTest::newRow("masked token after %1")
        << QByteArray("/%1?Token=abcdefghij")
        << QStringLiteral(" POST /%1?Token=\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022ghij"
                          " -> 200 2 bytes ");
}

void TestHeadlessRunner::textLineShowsTheTargetAsSent() {
    QFETCH(QByteArray, target);
    QFETCH(QString, shown);
    Capture capture = SessionTestData::webhook("{}", 1, target);
    capture.id = 7;
    const QString line = HeadlessRunner::textLine(SessionTestData::analyse(capture), false);
    QVERIFY2(line.startsWith(u"#7 ") && line.contains(shown), qPrintable(line));
}

void TestHeadlessRunner::textLineDoesNotLetTheBodySteerTheTerminal() {
    const QByteArray body = R"({"Action":"IntegrationEnabled","Data":{"Integration":{)"
                            R"("Id":"3fa85f64-5717-4562-b3fc-2c963f66afa6",)"
                            R"("Name":"A\u001b[31mRED\u001b]0;t\u0007\r\nB\u202eC"}}})";
    Capture capture = SessionTestData::webhook(body, 1);
    capture.id = 1;
    const QString line = HeadlessRunner::textLine(SessionTestData::analyse(capture), false);
    for (const char16_t c : {u'\x1b', u'\x07', u'\r', u'\n', u'\u202e'})
        QVERIFY2(!line.contains(QChar(c)), qPrintable(line));
    QVERIFY2(line.contains(u"IntegrationEnabled · A\\x1b[31mRED\\x1b]0;t\\x07\\x0d\\x0aB\\u202eC"),
             qPrintable(line));
}

void TestHeadlessRunner::textLineSaysWhenThereWasNoResponse_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<QString>("shown");
    Capture imported = SessionTestData::webhook("{}", 1, "/hook");
    imported.origin = CaptureOrigin::HarImport; // HAR's status 0, with the entry's time
    imported.response = {0, {}, {}, imported.completeUtcMs + 30};
    QTest::newRow("HAR entry without a response") << imported << QStringLiteral(" -> - 2 bytes ");
    Capture cut = SessionTestData::webhook("{}", 1, "/hook");
    cut.rejection = QStringLiteral("the client closed the connection before the request was "
                                   "complete");
    cut.response = {};
    QTest::newRow("cut short by its client") << cut << QStringLiteral(" -> - 2 bytes REJECTED");
    Capture rebuilt = SessionTestData::webhook("{}", 1, "/hook");
    rebuilt.response.status = 0; // answered, but a salvage lost the status
    QTest::newRow("rebuilt by a salvage") << rebuilt << QStringLiteral(" -> ? 2 bytes ");
}

// Status 0 is no response: the line says so rather than "-> 0".
void TestHeadlessRunner::textLineSaysWhenThereWasNoResponse() {
    QFETCH(Capture, capture);
    QFETCH(QString, shown);
    capture.id = 7;
    const QString line = HeadlessRunner::textLine(SessionTestData::analyse(capture), false);
    QVERIFY2(line.contains(shown), qPrintable(line));
}

// --bind ::ffff:127.0.0.1 failed with "Unsupported socket operation"; it listens on
// 127.0.0.1 and prints that as the address to send to.
void TestHeadlessRunner::anIPv4MappedBindListensOnItsIPv4Address() {
    QTemporaryDir home;
    AppProcess app(home.path());
    const quint16 port = app.listen({QStringLiteral("--bind"), QStringLiteral("::ffff:127.0.0.1")});
    QVERIFY2(port != 0, app.err.constData());
    const QByteArray url = "http://127.0.0.1:" + QByteArray::number(port) + '/';
    QVERIFY2(app.err.contains(QByteArray("listening on " + url + '\n')), app.err.constData());
    QVERIFY2(app.err.contains(QByteArray('\'' + url + '\'')), app.err.constData()); // curl hint

    HttpTestClient client;
    QVERIFY(client.connectTo(port, QHostAddress(QHostAddress::LocalHost)));
    client.send("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.finalResponses().value(0).status, 200);
    QVERIFY2(app.waitForLines(1), app.err.constData());

    QVERIFY(app.stop(SIGINT));
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
}

// As a busy port names --port, an address that is not on this machine names it and --bind,
// in one line.
void TestHeadlessRunner::anAddressNotOnThisMachineNamesBind() {
    QTemporaryDir home;
    AppProcess app(home.path());
    // TEST-NET-1 (RFC 5737): for documentation, on no machine.
    QVERIFY(app.run({QStringLiteral("--headless"), QStringLiteral("--bind"),
                     QStringLiteral("192.0.2.1"), QStringLiteral("--port"), QStringLiteral("0")}));
    QCOMPARE(app.process.exitCode(), 1);
    bool named = false;
    for (const QByteArray &line : app.err.split('\n'))
        named = named || (line.contains("error:") && line.contains("192.0.2.1") &&
                          line.contains("not on this machine") && line.contains("--bind"));
    QVERIFY2(named, app.err.constData());
}

// 0.0.0.0 is where the listener listens, not an address to send to: the curl line names
// the loopback address, as the window's URL does. The line says that other machines can
// send to it, as the window's status bar does.
void TestHeadlessRunner::aWildcardBindSaysSoAndTheCurlHintUsesLoopback() {
    QTemporaryDir home;
    AppProcess app(home.path());
    const quint16 port = app.listen({QStringLiteral("--bind"), QStringLiteral("0.0.0.0")});
    QVERIFY2(port != 0, app.err.constData());
    const QByteArray where = ':' + QByteArray::number(port) + '/';
    QVERIFY2(app.err.contains(QByteArray("listening on http://0.0.0.0" + where +
                                         " (bound to 0.0.0.0, every interface: other machines "
                                         "can send to it)\n")),
             app.err.constData());
    QVERIFY2(app.err.contains(QByteArray("'http://127.0.0.1" + where + '\'')), app.err.constData());
    QVERIFY2(!app.err.contains("'http://0.0.0.0"), app.err.constData());
    QVERIFY(app.stop(SIGINT));
    QCOMPARE(app.process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestHeadlessRunner)
#include "tst_headlessrunner.moc"
