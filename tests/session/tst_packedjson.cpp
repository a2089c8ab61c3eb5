#include "session/jsonrows.h"
#include "session/packedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QTest>

#include <limits>

/// What PackedJson writes must come back unchanged through both readers of the session
/// file: JsonRows (events, entities) and QJsonDocument (headers, findings, HAR import).
class TestPackedJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textComesBack_data();
    void textComesBack();
    void escapes_data();
    void escapes();
    void specialBytesAtEveryPosition();
    void loneSurrogateBecomesReplacementCharacter();
    void integersComeBack_data();
    void integersComeBack();
    void arrayOfRows();
};

namespace {

QByteArray written(QStringView text) {
    QByteArray out;
    PackedJson::appendString(out, text);
    return out;
}

QByteArray writtenUtf8(QByteArrayView utf8) {
    QByteArray out;
    PackedJson::Appender a(out, PackedJson::maxUtf8Size(utf8.size()));
    a.p = PackedJson::writeUtf8(a.p, utf8);
    return out;
}

/// The one string in a one-row array, as JsonRows reads it.
QByteArray viaJsonRows(const QByteArray &string) {
    const QByteArray json = "[[" + string + "]]";
    JsonRows rows(json);
    if (!rows.next())
        return QByteArrayLiteral("<not read>");
    return rows.text(0).toByteArray();
}

QString viaQJsonDocument(const QByteArray &string) {
    return QJsonDocument::fromJson("[" + string + "]").array().at(0).toString();
}

/// The text of UTF-8 bytes, a leading BOM included (QString::fromUtf8 drops it).
QString textOf(const QByteArray &utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}

QByteArray allControlCharacters() {
    QByteArray bytes;
    for (char c = 0; c < 0x20; ++c)
        bytes.append(c);
    return bytes;
}

} // namespace

void TestPackedJson::textComesBack_data() {
    QTest::addColumn<QByteArray>("utf8");
    QTest::newRow("plain") << QByteArray("ServiceOrderUpdated");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("quote, backslash, slash") << QByteArray(R"(a "b" \c /d)");
    QTest::newRow("every control character") << allControlCharacters();
    QTest::newRow("DEL") << QByteArray("\x7f");
    QTest::newRow("two- and three-byte") << QByteArray("Hôtel \xe2\x82\xac");
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x8f\xa8 room");
    QTest::newRow("byte order mark first") << QByteArray("\xef\xbb\xbf{\"a\":1}");
    QTest::newRow("byte order mark inside") << QByteArray("a\xef\xbb\xbf"
                                                          "b");
    QTest::newRow("other 0xEF sequences") << QByteArray("\xef\xbc\x81\xef\xbb\xbe\xef\xbf\xbd");
}

void TestPackedJson::textComesBack() {
    QFETCH(QByteArray, utf8);
    const QString text = textOf(utf8);
    for (const QByteArray &string : {written(text), writtenUtf8(utf8)}) {
        QCOMPARE(viaJsonRows(string), utf8);
        QCOMPARE(viaQJsonDocument(string), text);
    }
    QCOMPARE(written(text), writtenUtf8(utf8));
}

void TestPackedJson::escapes_data() {
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("quote and backslash") << QByteArray(R"("\)") << QByteArray(R"("\"\\")");
    QTest::newRow("short forms") << QByteArray("\b\f\n\r\t") << QByteArray(R"("\b\f\n\r\t")");
    QTest::newRow("other controls") << QByteArray("\x01\x1f", 2) << QByteArray(R"("\u0001\u001f")");
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbfx") << QByteArray(R"("\ufeffx")");
    QTest::newRow("slash and non-ASCII stay") << QByteArray("/é") << QByteArray("\"/é\"");
}

void TestPackedJson::escapes() {
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, json);
    QCOMPARE(writtenUtf8(utf8), json);
    QCOMPARE(written(textOf(utf8)), json);
}

void TestPackedJson::specialBytesAtEveryPosition() {
    // writeUtf8() skips plain bytes 8 at a time; each byte that needs care must be found
    // wherever it falls in such a block, and in the tail. writeString() works one UTF-16
    // unit at a time, so it is the reference.
    const QByteArray specials[] = {"\"",           "\\",
                                   "\n",           QByteArray(1, '\0'),
                                   "\x1f",         " ",
                                   "\x7f",         "\xef\xbb\xbf",
                                   "\xef\xbc\x81", "\xef\xbb\xbe",
                                   "\xc3\xa9",     "\xf0\x9f\x8f\xa8"};
    for (int length = 0; length <= 24; ++length) {
        for (const QByteArray &special : specials) {
            for (int at = 0; at <= length; ++at) {
                const QByteArray utf8 =
                    QByteArray(at, 'a') + special + QByteArray(length - at, 'z');
                const QByteArray string = writtenUtf8(utf8);
                QCOMPARE(string, written(textOf(utf8)));
                QCOMPARE(viaJsonRows(string), utf8);
            }
        }
    }
}

void TestPackedJson::loneSurrogateBecomesReplacementCharacter() {
    const QChar units[] = {QLatin1Char('a'), QChar(0xd800), QLatin1Char('b')};
    const QByteArray string = written(QStringView(units, 3));
    QCOMPARE(string, QByteArray("\"a\xef\xbf\xbd"
                                "b\""));
    QCOMPARE(viaJsonRows(string), QByteArray("a\xef\xbf\xbd"
                                             "b"));
}

void TestPackedJson::integersComeBack_data() {
    QTest::addColumn<qint64>("value");
    QTest::newRow("0") << qint64(0);
    QTest::newRow("-1") << qint64(-1);
    QTest::newRow("2^53 + 1") << qint64(9007199254740993);
    QTest::newRow("max") << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << std::numeric_limits<qint64>::min();
}

void TestPackedJson::integersComeBack() {
    QFETCH(qint64, value);
    QByteArray out;
    {
        PackedJson::Appender a(out, PackedJson::MaxIntSize);
        a.p = PackedJson::writeInt(a.p, value);
    }
    QCOMPARE(out, QByteArray::number(value));
    const QByteArray json = "[[" + out + "]]";
    JsonRows rows(json);
    QVERIFY(rows.next());
    QCOMPARE(rows.integer(0, 42), value);
}

void TestPackedJson::arrayOfRows() {
    const QList<QStringList> items{{QStringLiteral("a"), QStringLiteral("b\"")},
                                   {QStringLiteral("\u00e9")}};
    const QByteArray json = PackedJson::writeArray(
        items,
        [](const QStringList &row) {
            qsizetype bound = 2;
            for (const QString &s : row)
                bound += 1 + PackedJson::maxStringSize(s.size());
            return bound;
        },
        [](char *p, const QStringList &row) {
            *p++ = '[';
            for (qsizetype i = 0; i < row.size(); ++i) {
                if (i > 0)
                    *p++ = ',';
                p = PackedJson::writeString(p, row.at(i));
            }
            *p++ = ']';
            return p;
        });
    QCOMPARE(json, QByteArray(R"([["a","b\""],["é"]])"));
    QVERIFY(PackedJson::writeArray(
                QList<QStringList>(), [](const QStringList &) { return 0; },
                [](char *p, const QStringList &) { return p; })
                .isEmpty());
    JsonRows rows(json);
    QVERIFY(rows.next());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.text(1), QByteArrayView("b\""));
    QVERIFY(rows.next());
    QCOMPARE(rows.text(0), QByteArrayView("é"));
    QVERIFY(!rows.next());
    QVERIFY(!rows.failed());
}

QTEST_GUILESS_MAIN(TestPackedJson)
#include "tst_packedjson.moc"
