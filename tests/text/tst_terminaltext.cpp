#include "text/terminaltext.h"

#include <QTest>

class TestTerminalText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escaped_data();
    void escaped();
};

void TestTerminalText::escaped_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QStringLiteral("Hotel Aurora · 3fa85f64…")
                           << QStringLiteral("Hotel Aurora · 3fa85f64…");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("colour") << QStringLiteral("A\u001b[31mRED") << QStringLiteral("A\\x1b[31mRED");
    QTest::newRow("window title") << QStringLiteral("\u001b]0;pwned\u0007")
                                  << QStringLiteral("\\x1b]0;pwned\\x07");
    QTest::newRow("line breaks") << QStringLiteral("a\r\nb\tc")
                                 << QStringLiteral("a\\x0d\\x0ab\\x09c");
    QTest::newRow("NUL and DEL") << QString::fromUtf16(u"a\u0000b\u007fc", 5)
                                 << QStringLiteral("a\\x00b\\x7fc");
    QTest::newRow("C1 control") << QStringLiteral("a\u009bb") << QStringLiteral("a\\x9bb");
    QTest::newRow("bidi override") << QStringLiteral("a\u202eb") << QStringLiteral("a\\u202eb");
    QTest::newRow("zero-width space") << QStringLiteral("a\u200bb") << QStringLiteral("a\\u200bb");
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a\\u2028b");
    QTest::newRow("no-break space and accents kept")
        << QStringLiteral("Caf\u00e9\u00a0Ume\u00e5") << QStringLiteral("Caf\u00e9\u00a0Ume\u00e5");
    QTest::newRow("escape first") << QStringLiteral("\u001bA") << QStringLiteral("\\x1bA");
    QTest::newRow("escape last") << QStringLiteral("A\u2029") << QStringLiteral("A\\u2029");
    QTest::newRow("backslash kept") << QStringLiteral("a\\b") << QStringLiteral("a\\b");
}

void TestTerminalText::escaped() {
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(TerminalText::escaped(text), shown);
}

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
