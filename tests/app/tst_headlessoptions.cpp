// The command line of the real executable, run as a child process: --help and --version,
// and the options it refuses (status 2) before anything listens or is read.
#include "appinfo.h"
#include "appprocess.h"

#include <sqlite3.h>

class TestHeadlessOptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helpAndVersion();
    void badOptions_data();
    void badOptions();
};

void TestHeadlessOptions::helpAndVersion() {
    QTemporaryDir home;
    AppProcess help(home.path());
    QVERIFY(help.run({QStringLiteral("--help")}));
    QCOMPARE(help.process.exitCode(), 0);
    for (const char *option :
         {"--headless", "--port", "--bind", "--token", "--max-body", "--request-timeout",
          "--max-connections", "--format", "--reveal-secrets", "--session", "--open",
          "--export-har", "--export-jsonl", "--import-har", "--salvage"})
        QVERIFY2(help.out.contains(option), option);

    AppProcess version(home.path());
    QVERIFY(version.run({QStringLiteral("--version")}));
    QCOMPARE(version.process.exitCode(), 0);
    const QList<QByteArray> lines = version.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QByteArray(MWI_EXECUTABLE " " MWI_VERSION));
    const QByteArray libraries = lines[1];
    // The versions loaded at run time, for bug reports.
    QCOMPARE(libraries,
             QByteArray(QByteArray("Qt ") + qVersion() + ", SQLite " + sqlite3_libversion()));
}

void TestHeadlessOptions::badOptions_data() {
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

void TestHeadlessOptions::badOptions() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QTemporaryDir home;
    AppProcess app(home.path());
    QVERIFY(app.run(arguments));
    QCOMPARE(app.process.exitCode(), 2);
    QVERIFY2(app.err.contains(mentions.toUtf8()), app.err.constData());
    QVERIFY(app.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestHeadlessOptions)
#include "tst_headlessoptions.moc"
