// The man page documents exactly the options the executable's --help lists.
#include "appprocess.h"

#include <QFile>
#include <QSet>

class TestManPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void optionsMatchHelp();
};

namespace {

QSet<QString> longOptions(const QString &text, const QRegularExpression &pattern) {
    QSet<QString> options;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext())
        options.insert(it.next().captured(1));
    return options;
}

} // namespace

void TestManPage::optionsMatchHelp() {
    QTemporaryDir home;
    AppProcess help(home.path());
    QVERIFY(help.run({QStringLiteral("--help")}));
    QCOMPARE(help.process.exitCode(), 0);
    // Option lines in Qt's help text start with "  --name" or "  -h, --name".
    const QSet<QString> inHelp =
        longOptions(QString::fromUtf8(help.out),
                    QRegularExpression(QStringLiteral("(?m)^\\s+(?:-\\w, )?--([a-z-]+)")));
    QVERIFY(inHelp.size() >= 15);

    QFile man(QStringLiteral(MWI_TEST_DATA_DIR "/../../packaging/mews-webhook-inspector.1.in"));
    QVERIFY2(man.open(QIODevice::ReadOnly), qPrintable(man.fileName()));
    QString text = QString::fromUtf8(man.readAll());
    text.replace(QStringLiteral("\\-"), QStringLiteral("-"));
    // Options are documented in .TP paragraphs: a line with .B/.BI/.BR and the option.
    const QSet<QString> inMan =
        longOptions(text, QRegularExpression(QStringLiteral(
                              "(?m)^\\.(?:B|BI|BR)\\s+(?:-\\w\\s*\", \"\\s*)?--([a-z-]+)")));

    QSet<QString> undocumented = inHelp;
    undocumented.subtract(inMan);
    QSet<QString> stale = inMan;
    stale.subtract(inHelp);
    QVERIFY2(undocumented.isEmpty(),
             qPrintable(QStringLiteral("missing from the man page: ") +
                        QStringList(undocumented.values()).join(QLatin1Char(' '))));
    QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("in the man page but not in --help: ") +
                                         QStringList(stale.values()).join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestManPage)
#include "tst_manpage.moc"
