#include "models/textneedle.h"

#include <QRandomGenerator>
#include <QTest>

class TestTextNeedle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void foundIn_data();
    void foundIn();
    void agreesWithLowerCaseSearch();
};

void TestTextNeedle::foundIn_data() {
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QByteArray>("haystack");
    QTest::addColumn<bool>("found");
    const QByteArray body = R"({"Events":[{"Discriminator":"ServiceOrderUpdated"}]})";
    QTest::newRow("other case") << QStringLiteral("serviceORDERupdated") << body << true;
    QTest::newRow("at the start") << QStringLiteral("{\"eV") << body << true;
    QTest::newRow("at the end") << QStringLiteral("]}") << body << true;
    QTest::newRow("absent") << QStringLiteral("ResourceUpdated") << body << false;
    QTest::newRow("longer than the text") << QStringLiteral("abcdef") << QByteArray("abc") << false;
    QTest::newRow("empty needle") << QString() << QByteArray("x") << true;
    QTest::newRow("empty text") << QStringLiteral("a") << QByteArray() << false;
    QTest::newRow("overlapping prefix") << QStringLiteral("aaab") << QByteArray("aaaaaab") << true;
    QTest::newRow("almost") << QStringLiteral("abab") << QByteArray("abaabba") << false;
    QTest::newRow("binary around")
        << QStringLiteral("TOKEN") << QByteArray("\x00\xff token \x00", 10) << true;
    QTest::newRow("ascii needle in UTF-8")
        << QStringLiteral("RICH") << QByteArray("Z\xc3\xbcrich") << true;
    QTest::newRow("non-ascii, other case")
        << QStringLiteral("CAFÉ") << QByteArray("caf\xc3\xa9 au lait") << true;
    QTest::newRow("non-ascii in invalid UTF-8")
        << QStringLiteral("café") << QByteArray("caf\xe9 au lait") << false;
    QTest::newRow("letters only fold") << QStringLiteral("[") << QByteArray("{") << false;
    QTest::newRow("at sign vs backquote") << QStringLiteral("@") << QByteArray("`") << false;
}

void TestTextNeedle::foundIn() {
    QFETCH(QString, needle);
    QFETCH(QByteArray, haystack);
    QFETCH(bool, found);
    const TextNeedle compiled(needle);
    QCOMPARE(compiled.foundIn(haystack), found);
    const TextNeedle copy = compiled; // copies share nothing they could break
    QCOMPARE(copy.foundIn(haystack), found);
}

void TestTextNeedle::agreesWithLowerCaseSearch() {
    // Random texts over a small alphabet so that partial matches are frequent.
    QRandomGenerator random(20240501);
    const QByteArray alphabet("aAbB\x00xZ", 7);
    const auto text = [&](int length) {
        QByteArray bytes;
        for (int i = 0; i < length; ++i)
            bytes.append(alphabet.at(int(random.bounded(alphabet.size()))));
        return bytes;
    };
    int found = 0;
    for (int round = 0; round < 2000; ++round) {
        const QByteArray needle = text(1 + int(random.bounded(5)));
        const QByteArray haystack = text(int(random.bounded(40)));
        const bool expected = haystack.toLower().contains(needle.toLower());
        QCOMPARE(TextNeedle(QString::fromLatin1(needle)).foundIn(haystack), expected);
        found += expected ? 1 : 0;
    }
    QVERIFY(found > 100 && found < 1900); // both outcomes were exercised
}

QTEST_GUILESS_MAIN(TestTextNeedle)
#include "tst_textneedle.moc"
