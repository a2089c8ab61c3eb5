#include "appinfo.h"
#include "commandline.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void listenerOptions();
    void responseOptions();
    void bodyLimitStartsAtOneByte();
    void helpGivesEveryRange_data();
    void helpGivesEveryRange();
    void bodylessStatuses_data();
    void bodylessStatuses();
    void modes_data();
    void modes();
    void errors_data();
    void errors();
    void errorsQuoteTheValueAsGiven_data();
    void errorsQuoteTheValueAsGiven();
    void byteSizes_data();
    void byteSizes();
};

namespace {
CommandLineResult parse(QStringList arguments) {
    arguments.prepend(QStringLiteral("mews-webhook-inspector"));
    return parseCommandLine(arguments);
}
} // namespace

void TestCommandLine::defaults() {
    const CommandLineResult result = parse({});
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    const CommandLineOptions &options = result.options;
    QCOMPARE(options.mode, CommandLineOptions::Mode::Gui);
    QCOMPARE(options.listener.bindAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(options.listener.port, ListenerConfig::DefaultPort);
    QCOMPARE(options.listener.maxBodyBytes, 32LL * 1024 * 1024);
    QCOMPARE(options.listener.requestTimeoutMs, 30000);
    QCOMPARE(options.listener.maxConnections, 256);
    QCOMPARE(options.listener.response.status, 200);
    QVERIFY(!options.portGiven && !options.bindGiven && !options.tokenGiven &&
            !options.maxBodyGiven);
}

void TestCommandLine::listenerOptions() {
    const CommandLineResult result =
        parse({QStringLiteral("--headless"), QStringLiteral("--bind"), QStringLiteral("::1"),
               QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"),
               QStringLiteral("abc"), QStringLiteral("--max-body"), QStringLiteral("4M"),
               QStringLiteral("--request-timeout"), QStringLiteral("7"),
               QStringLiteral("--max-connections"), QStringLiteral("9"), QStringLiteral("--format"),
               QStringLiteral("jsonl"), QStringLiteral("--reveal-secrets")});
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    const CommandLineOptions &options = result.options;
    QCOMPARE(options.mode, CommandLineOptions::Mode::Headless);
    QCOMPARE(options.listener.bindAddress, QHostAddress(QStringLiteral("::1")));
    QCOMPARE(options.listener.port, quint16(0));
    QCOMPARE(options.listener.token, QStringLiteral("abc"));
    QCOMPARE(options.listener.maxBodyBytes, 4LL << 20);
    QCOMPARE(options.listener.requestTimeoutMs, 7000);
    QCOMPARE(options.listener.maxConnections, 9);
    QCOMPARE(options.format, CommandLineOptions::Format::Jsonl);
    QVERIFY(options.revealSecrets);
    QVERIFY(options.portGiven && options.bindGiven && options.tokenGiven && options.maxBodyGiven);
}

// --max-body 0 would answer every webhook with a body 413; the help says where sizes start.
void TestCommandLine::bodyLimitStartsAtOneByte() {
    const CommandLineResult one = parse({QStringLiteral("--max-body"), QStringLiteral("1")});
    QCOMPARE(one.action, CommandLineResult::Action::Run);
    QCOMPARE(one.options.listener.maxBodyBytes, 1);
    const CommandLineResult help = parse({QStringLiteral("--help")});
    QCOMPARE(help.action, CommandLineResult::Action::ExitOk);
    const QString text = help.output.simplified();
    const qsizetype option = text.indexOf(u"--max-body");
    QVERIFY(option >= 0);
    QVERIFY2(text.mid(option, 120).contains(u"1 byte to 900M"), qPrintable(text.mid(option, 120)));
    // The largest body a session file can keep; one byte more is refused (errors_data).
    const CommandLineResult most = parse({QStringLiteral("--max-body"), QStringLiteral("900M")});
    QCOMPARE(most.action, CommandLineResult::Action::Run);
    QCOMPARE(most.options.listener.maxBodyBytes, ListenerConfig::MaxBodyLimit);
}

void TestCommandLine::helpGivesEveryRange_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("justOver");
    QTest::newRow("timeout") << u"--request-timeout"_s << u"1 to 86400"_s << u"86401"_s;
    QTest::newRow("connections") << u"--max-connections"_s << u"1 to 100000"_s << u"100001"_s;
    QTest::newRow("delay") << u"--response-delay"_s << u"0 to 600000"_s << u"600001"_s;
}

// The help names the range that the option's error message (and the listener) hold to.
void TestCommandLine::helpGivesEveryRange() {
    QFETCH(QString, option);
    QFETCH(QString, range);
    QFETCH(QString, justOver);
    const QString text = parse({QStringLiteral("--help")}).output.simplified();
    const qsizetype at = text.indexOf(option + QLatin1Char(' '));
    QVERIFY(at >= 0);
    QVERIFY2(text.mid(at, 110).contains(range), qPrintable(text.mid(at, 110)));
    const QString highest = range.section(QLatin1Char(' '), -1);
    QCOMPARE(parse({option, highest}).action, CommandLineResult::Action::Run);
    const CommandLineResult over = parse({option, justOver});
    QCOMPARE(over.action, CommandLineResult::Action::ExitError);
    QVERIFY2(over.output.contains(QLatin1Char('-') + highest + QLatin1Char(')')),
             qPrintable(over.output));
}

void TestCommandLine::responseOptions() {
    const CommandLineResult result =
        parse({QStringLiteral("--response-status"), QStringLiteral("202"),
               QStringLiteral("--response-body"), QStringLiteral("accepted"),
               QStringLiteral("--response-header"), QStringLiteral("X-One: 1"),
               QStringLiteral("--response-header"), QStringLiteral("Content-Type:text/plain"),
               QStringLiteral("--response-delay"), QStringLiteral("250")});
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    const ResponseSpec &response = result.options.listener.response;
    QCOMPARE(response.status, 202);
    QCOMPARE(response.body, QByteArray("accepted"));
    QCOMPARE(response.delayMs, 250);
    const HeaderList expected{{"X-One", "1"}, {"Content-Type", "text/plain"}};
    QCOMPARE(response.headers, expected);
}

void TestCommandLine::bodylessStatuses_data() {
    QTest::addColumn<int>("status");
    QTest::newRow("204") << 204;
    QTest::newRow("304") << 304;
}

void TestCommandLine::bodylessStatuses() {
    QFETCH(int, status);
    const QString code = QString::number(status);
    // The default body (and its Content-Type) is left out...
    CommandLineResult result = parse({QStringLiteral("--response-status"), code});
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    QCOMPARE(result.options.listener.response.status, status);
    QVERIFY(result.options.listener.response.body.isEmpty());
    QVERIFY(result.options.listener.response.headers.isEmpty());
    // ...headers given are kept, and so is an empty body given...
    result = parse({QStringLiteral("--response-status"), code, QStringLiteral("--response-body"),
                    QString(), QStringLiteral("--response-header"), QStringLiteral("X-A: 1")});
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    QCOMPARE(result.options.listener.response.headers, HeaderList({{"X-A", "1"}}));
    // ...but a body given is refused.
    result = parse(
        {QStringLiteral("--response-status"), code, QStringLiteral("--response-body"), u"x"_s});
    QCOMPARE(result.action, CommandLineResult::Action::ExitError);
    QVERIFY2(
        result.output.contains(u"--response-body: a " + code + u" response cannot have a body"),
        qPrintable(result.output));
}

void TestCommandLine::modes_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("mode");
    QTest::newRow("window") << QStringList{} << int(CommandLineOptions::Mode::Gui);
    QTest::newRow("window opens a file")
        << QStringList{QStringLiteral("a.mwsession")} << int(CommandLineOptions::Mode::Gui);
    QTest::newRow("headless") << QStringList{QStringLiteral("--headless")}
                              << int(CommandLineOptions::Mode::Headless);
    QTest::newRow("export") << QStringList{QStringLiteral("--open"), QStringLiteral("a"),
                                           QStringLiteral("--export-har"), QStringLiteral("b")}
                            << int(CommandLineOptions::Mode::Convert);
    QTest::newRow("print a session")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"), QStringLiteral("a")}
        << int(CommandLineOptions::Mode::Convert);
    QTest::newRow("print as JSON Lines")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"),
                       QStringLiteral("a"),          QStringLiteral("--format"),
                       QStringLiteral("jsonl"),      QStringLiteral("--reveal-secrets")}
        << int(CommandLineOptions::Mode::Convert);
    QTest::newRow("window opens a file and listens")
        << QStringList{QStringLiteral("--open"), QStringLiteral("a"), QStringLiteral("--port"),
                       QStringLiteral("9000")}
        << int(CommandLineOptions::Mode::Gui);
    QTest::newRow("import") << QStringList{QStringLiteral("--import-har"), QStringLiteral("a.har"),
                                           QStringLiteral("--session"), QStringLiteral("b")}
                            << int(CommandLineOptions::Mode::Convert);
}

void TestCommandLine::modes() {
    QFETCH(QStringList, arguments);
    QFETCH(int, mode);
    const CommandLineResult result = parse(arguments);
    QCOMPARE(result.action, CommandLineResult::Action::Run);
    QCOMPARE(int(result.options.mode), mode);
}

void TestCommandLine::errors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("65536")}
                          << QStringLiteral("--port");
    QTest::newRow("negative port")
        << QStringList{QStringLiteral("--port"), QStringLiteral("-1")} << QStringLiteral("--port");
    QTest::newRow("bind") << QStringList{QStringLiteral("--bind"), QStringLiteral("example.com")}
                          << QStringLiteral("--bind");
    QTest::newRow("body limit 0") << QStringList{QStringLiteral("--max-body"), QStringLiteral("0")}
                                  << QStringLiteral(
                                         "--max-body: '0' is not a size of 1 byte or more");
    QTest::newRow("body limit 0K")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--max-body"),
                       QStringLiteral("0K")}
        << QStringLiteral("--max-body: '0K' is not a size of 1 byte or more");
    QTest::newRow("body limit over what a session file keeps")
        << QStringList{QStringLiteral("--max-body"),
                       QString::number(ListenerConfig::MaxBodyLimit + 1)}
        << QStringLiteral("is more than 900M, the largest body a session file can keep");
    QTest::newRow("response body over 16 MiB")
        << QStringList{QStringLiteral("--response-body"),
                       QString(ListenerConfig::MaxResponseBodyBytes + 1, u'x')}
        << QStringLiteral("--response-body: the body is larger than 16 MiB");
    QTest::newRow("link-local bind without its interface")
        << QStringList{QStringLiteral("--bind"), QStringLiteral("fe80::1")}
        << QStringLiteral("--bind: fe80::1 is a link-local address");
    QTest::newRow("multicast bind")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--bind"),
                       QStringLiteral("224.0.0.1")}
        << QStringLiteral("--bind: 224.0.0.1 is a multicast address");
    QTest::newRow("empty token") << QStringList{QStringLiteral("--token"), QString()}
                                 << QStringLiteral("--token");
    QTest::newRow("timeout") << QStringList{QStringLiteral("--request-timeout"),
                                            QStringLiteral("0")}
                             << QStringLiteral("--request-timeout");
    QTest::newRow("status") << QStringList{QStringLiteral("--response-status"),
                                           QStringLiteral("100")}
                            << QStringLiteral("--response-status");
    QTest::newRow("header injection")
        << QStringList{QStringLiteral("--response-header"), QStringLiteral("X: a\r\nSet-Cookie: b")}
        << QStringLiteral("--response-header");
    QTest::newRow("header without colon")
        << QStringList{QStringLiteral("--response-header"), QStringLiteral("X")}
        << QStringLiteral("--response-header");
    QTest::newRow("Content-Length header")
        << QStringList{QStringLiteral("--response-header"), QStringLiteral("Content-Length: 100")}
        << QStringLiteral("the listener sets Content-Length itself");
    QTest::newRow("Transfer-Encoding header")
        << QStringList{QStringLiteral("--response-header"),
                       QStringLiteral("Transfer-Encoding: chunked")}
        << QStringLiteral("the listener sets Transfer-Encoding itself");
    QTest::newRow("Connection header")
        << QStringList{QStringLiteral("--response-header"), QStringLiteral("connection: close")}
        << QStringLiteral("the listener sets connection itself");
    QTest::newRow("control character in a header value")
        << QStringList{QStringLiteral("--response-header"), u"X-A: a\u0001b"_s}
        << QStringLiteral("control character");
    QTest::newRow("body file missing")
        << QStringList{QStringLiteral("--response-body"), QStringLiteral("@/nonexistent/file")}
        << QStringLiteral("/nonexistent/file");
    QTest::newRow("format") << QStringList{QStringLiteral("--format"), QStringLiteral("csv")}
                            << QStringLiteral("--format");
    QTest::newRow("empty export file name")
        << QStringList{QStringLiteral("--open"), QStringLiteral("a"),
                       QStringLiteral("--export-jsonl"), QString()}
        << QStringLiteral("--export-jsonl needs a file name");
    QTest::newRow("empty session file name")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--session"), QString()}
        << QStringLiteral("--session needs a file name");
    QTest::newRow("import needs session")
        << QStringList{QStringLiteral("--import-har"), QStringLiteral("a.har")}
        << QStringLiteral("--session");
    // What a job that does not listen would ignore is refused, naming the option.
    QTest::newRow("port when printing")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"), QStringLiteral("a"),
                       QStringLiteral("--port"), QStringLiteral("9000")}
        << QStringLiteral("--port: nothing listens with --headless --open; leave --port out");
    QTest::newRow("token when exporting")
        << QStringList{QStringLiteral("--open"),       QStringLiteral("a"),
                       QStringLiteral("--export-har"), QStringLiteral("b"),
                       QStringLiteral("--token"),      QStringLiteral("t")}
        << QStringLiteral("--token: nothing listens with --export-har");
    QTest::newRow("response header when salvaging")
        << QStringList{QStringLiteral("--open"),
                       QStringLiteral("a"),
                       QStringLiteral("--salvage"),
                       QStringLiteral("b"),
                       QStringLiteral("--response-header"),
                       QStringLiteral("X-A: 1")}
        << QStringLiteral("--response-header: nothing listens with --salvage");
    QTest::newRow("bind when importing")
        << QStringList{QStringLiteral("--import-har"), QStringLiteral("a.har"),
                       QStringLiteral("--session"),    QStringLiteral("b"),
                       QStringLiteral("--bind"),       QStringLiteral("::1")}
        << QStringLiteral("--bind: nothing listens with --import-har");
    QTest::newRow("session when printing")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--open"), QStringLiteral("a"),
                       QStringLiteral("--session"), QStringLiteral("b")}
        << QStringLiteral("--session: --headless --open reads the --open file");
    QTest::newRow("session when exporting")
        << QStringList{QStringLiteral("--open"),         QStringLiteral("a"),
                       QStringLiteral("--export-jsonl"), QStringLiteral("-"),
                       QStringLiteral("--session"),      QStringLiteral("b")}
        << QStringLiteral("--session: --export-jsonl reads the --open file");
    QTest::newRow("open when importing")
        << QStringList{QStringLiteral("--import-har"), QStringLiteral("a.har"),
                       QStringLiteral("--session"),    QStringLiteral("b"),
                       QStringLiteral("--open"),       QStringLiteral("c")}
        << QStringLiteral("--open: --import-har adds to the --session file");
    QTest::newRow("format when exporting")
        << QStringList{QStringLiteral("--open"),       QStringLiteral("a"),
                       QStringLiteral("--export-har"), QStringLiteral("-"),
                       QStringLiteral("--format"),     QStringLiteral("jsonl")}
        << QStringLiteral("--format: only the printout of --headless --open has a format");
}

void TestCommandLine::errors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CommandLineResult result = parse(arguments);
    QCOMPARE(result.action, CommandLineResult::Action::ExitError);
    QVERIFY2(result.output.contains(mentions), qPrintable(result.output));
}

// A value with %1 or %2 in it is quoted as given, never taken for a place of the message's
// own numbers (as one QString::arg() after another would).
void TestCommandLine::errorsQuoteTheValueAsGiven_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    // What each option's message says after the quoted value.
    const std::pair<QLatin1StringView, QLatin1StringView> refusals[] = {
        {"--request-timeout"_L1, "is not a number of seconds (1-86400)"_L1},
        {"--max-connections"_L1, "is not a number (1-100000)"_L1},
        {"--response-delay"_L1, "is not a number of milliseconds (0-600000)"_L1},
        {"--max-body"_L1, "is not a size of 1 byte or more, like 1048576, 512K or 32M"_L1},
        {"--port"_L1, "is not a port number (0-65535)"_L1},
        {"--response-status"_L1, "is not a final HTTP status (200-599)"_L1},
        {"--bind"_L1, "is not an IP address"_L1},
        {"--response-header"_L1, "is not 'Name: value'"_L1},
        {"--format"_L1, "is not text or jsonl"_L1}};
    for (const auto &[option, refusal] : refusals) {
        for (const QString &value : {u"%2"_s, u"%1"_s, u"1%1 %2"_s}) {
            QTest::addRow("%s %s", option.data(), qPrintable(value))
                << QString(option) << value << option + ": '"_L1 + value + "' "_L1 + refusal;
        }
    }
}

void TestCommandLine::errorsQuoteTheValueAsGiven() {
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const CommandLineResult result = parse({u"--headless"_s, option, value});
    QCOMPARE(result.action, CommandLineResult::Action::ExitError);
    QCOMPARE(result.output.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral(MWI_EXECUTABLE ": ") + message);
}

void TestCommandLine::byteSizes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("plain") << QStringLiteral("1048576") << qint64(1048576);
    QTest::newRow("K") << QStringLiteral("512K") << qint64(512 * 1024);
    QTest::newRow("MiB") << QStringLiteral("32MiB") << qint64(32) * 1024 * 1024;
    QTest::newRow("g") << QStringLiteral("2g") << (qint64(2) << 30);
    QTest::newRow("junk") << QStringLiteral("12 parsecs") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("overflow") << QStringLiteral("99999999999999999999G") << qint64(-1);
}

void TestCommandLine::byteSizes() {
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QCOMPARE(parseByteSize(text), bytes);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
