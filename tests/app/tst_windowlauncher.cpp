#include "windowlauncher.h"

#include "appprocess.h"

#include <QDir>
#include <QRegularExpression>
#include <QTest>

namespace {

CommandLineOptions parse(QStringList arguments) {
    arguments.prepend(QStringLiteral("mews-webhook-inspector"));
    const CommandLineResult result = parseCommandLine(arguments);
    if (result.action != CommandLineResult::Action::Run)
        qFatal("%s", qPrintable(result.output));
    return result.options;
}

ListenerConfig saved() {
    ListenerConfig config;
    config.bindAddress = QHostAddress(QStringLiteral("0.0.0.0"));
    config.port = 9100;
    config.token = QStringLiteral("saved-token");
    config.maxBodyBytes = 1024;
    config.response.status = 202;
    return config;
}

} // namespace

class TestWindowLauncher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commandLineOverridesSavedSettings_data();
    void commandLineOverridesSavedSettings();
    void startFiles_data();
    void startFiles();
    void theListeningLineSaysWhoCanSend_data();
    void theListeningLineSaysWhoCanSend();
};

void TestWindowLauncher::commandLineOverridesSavedSettings_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("bind");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("maxBody");
    QTest::newRow("nothing given: saved") << QStringList{} << QStringLiteral("0.0.0.0") << 9100
                                          << QStringLiteral("saved-token") << qint64(1024);
    QTest::newRow("port 0 (a script's free port)")
        << QStringList{QStringLiteral("--port"), QStringLiteral("0")} << QStringLiteral("0.0.0.0")
        << 0 << QStringLiteral("saved-token") << qint64(1024);
    QTest::newRow("everything")
        << QStringList{QStringLiteral("--bind"),     QStringLiteral("127.0.0.1"),
                       QStringLiteral("--port"),     QStringLiteral("8089"),
                       QStringLiteral("--token"),    QStringLiteral("cli"),
                       QStringLiteral("--max-body"), QStringLiteral("2M")}
        << QStringLiteral("127.0.0.1") << 8089 << QStringLiteral("cli") << qint64(2 * 1024 * 1024);
}

void TestWindowLauncher::commandLineOverridesSavedSettings() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, bind);
    QFETCH(int, port);
    QFETCH(QString, token);
    QFETCH(qint64, maxBody);
    const ListenerConfig config = windowListenerConfig(saved(), parse(arguments));
    QCOMPARE(config.bindAddress, QHostAddress(bind));
    QCOMPARE(int(config.port), port);
    QCOMPARE(config.token, token);
    QCOMPARE(config.maxBodyBytes, maxBody);
    QCOMPARE(config.response.status, 202); // never on the command line for the window
}

void TestWindowLauncher::startFiles_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("session");
    QTest::addColumn<QStringList>("imports");
    QTest::newRow("nothing: untitled") << QStringList{} << QString() << QStringList{};
    QTest::newRow("--session") << QStringList{QStringLiteral("--session"),
                                              QStringLiteral("a.mwsession")}
                               << QStringLiteral("a.mwsession") << QStringList{};
    QTest::newRow("positional session and HARs")
        << QStringList{QStringLiteral("x.har"), QStringLiteral("b.mwsession"),
                       QStringLiteral("y.HAR")}
        << QStringLiteral("b.mwsession")
        << QStringList{QDir::current().absoluteFilePath(QStringLiteral("x.har")),
                       QDir::current().absoluteFilePath(QStringLiteral("y.HAR"))};
    QTest::newRow("--session wins over a positional session")
        << QStringList{QStringLiteral("--session"), QStringLiteral("a.mwsession"),
                       QStringLiteral("b.mwsession")}
        << QStringLiteral("a.mwsession") << QStringList{};
}

void TestWindowLauncher::startFiles() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, session);
    QFETCH(QStringList, imports);
    const WindowStart start = windowStart(parse(arguments), saved());
    QCOMPARE(start.sessionFile, session);
    QCOMPARE(start.importFiles, imports);
    QVERIFY(start.listen);
}

void TestWindowLauncher::theListeningLineSaysWhoCanSend_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("after"); // what follows "listening on http://127.0.0.1:PORT/"
    const QString token = QStringLiteral("s3cret/t");
    QTest::newRow("loopback, no token") << QStringList{} << QString();
    QTest::newRow("every interface, token masked")
        << QStringList{QStringLiteral("--bind"), QStringLiteral("0.0.0.0"),
                       QStringLiteral("--token"), token}
        << QStringLiteral(" (bound to 0.0.0.0, every interface: other machines can send to it) "
                          "(requests must carry ?Token=") +
               QString(8, QChar(0x2022)) + u')';
    QTest::newRow("token revealed, as a sender writes it")
        << QStringList{QStringLiteral("--token"), token, QStringLiteral("--reveal-secrets")}
        << QStringLiteral(" (requests must carry ?Token=s3cret%2Ft)");
}

/// The window's stderr line, which scripts read, says what headless mode's says: the URL
/// to send to, who else can send, and the token a request must carry (masked).
void TestWindowLauncher::theListeningLineSaysWhoCanSend() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, after);
    QTemporaryDir home;
    AppProcess app(home.path());
    app.useOffscreenWindow();
    app.start(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + arguments);
    const quint16 port = app.waitForListening();
    QVERIFY2(port != 0, app.err.constData());
    const QString expected =
        QStringLiteral("listening on http://127.0.0.1:%1/").arg(port) + after + u'\n';
    QVERIFY2(app.waitForStderr(expected.toUtf8(), 10000), app.err.constData());
    QVERIFY2(!app.err.contains("s3cret/t"), app.err.constData());
    QVERIFY2(app.stop(SIGTERM), app.err.constData());
    QCOMPARE(app.process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestWindowLauncher)
#include "tst_windowlauncher.moc"
