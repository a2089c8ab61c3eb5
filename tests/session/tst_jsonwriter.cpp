#include "session/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

class TestJsonWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapesLikeQJsonDocument_data();
    void escapesLikeQJsonDocument();
    void byteOrderMarkIsEscaped_data();
    void byteOrderMarkIsEscaped();
    void invalidUtf8BecomesReplacementCharacters();
    void numbers_data();
    void numbers();
    void nestingAndCommas();
    void latin1Keys();
};

void TestJsonWriter::escapesLikeQJsonDocument_data() {
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << QByteArray("abc") << QByteArray(R"("abc")");
    QTest::newRow("empty") << QByteArray("") << QByteArray(R"("")");
    QTest::newRow("quote and backslash")
        << QByteArray(R"(say "hi" \o/)") << QByteArray(R"("say \"hi\" \\o/")");
    QTest::newRow("short escapes") << QByteArray("\b\f\n\r\t") << QByteArray(R"("\b\f\n\r\t")");
    QTest::newRow("other controls")
        << QByteArray("a\x01z\x1f", 4) << QByteArray(R"("a\u0001z\u001f")");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray(R"("a\u0000b")");
    QTest::newRow("DEL is not escaped") << QByteArray("\x7f") << QByteArray("\"\x7f\"");
    QTest::newRow("non-ASCII as UTF-8") << QByteArray("Hôtel \xe2\x82\xac \xf0\x9f\x8f\xa8")
                                        << QByteArray("\"Hôtel \xe2\x82\xac \xf0\x9f\x8f\xa8\"");
    QTest::newRow("escape at the end") << QByteArray("x\n") << QByteArray(R"("x\n")");
}

void TestJsonWriter::escapesLikeQJsonDocument() {
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, json);
    QByteArray fromBytes;
    JsonWriter(fromBytes).utf8(utf8);
    QCOMPARE(fromBytes, json);
    QByteArray fromString;
    JsonWriter(fromString).string(QString::fromUtf8(utf8));
    QCOMPARE(fromString, json);

    // What QJsonDocument writes for the same text, inside an array.
    const QByteArray qt =
        QJsonDocument(QJsonArray{QString::fromUtf8(utf8)}).toJson(QJsonDocument::Compact);
    QByteArray ours;
    JsonWriter writer(ours);
    writer.beginArray();
    writer.utf8(utf8);
    writer.endArray();
    QCOMPARE(ours, qt);
}

void TestJsonWriter::byteOrderMarkIsEscaped_data() {
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("at the start") << QByteArray("\xef\xbb\xbf{}") << QByteArray(R"("\ufeff{}")");
    QTest::newRow("in the middle") << QByteArray("a\xef\xbb\xbf") << QByteArray(R"("a\ufeff")");
    QTest::newRow("other 0xEF sequences stay")
        << QByteArray("\xef\xbc\x81\xef\xbb\xbe") << QByteArray("\"\xef\xbc\x81\xef\xbb\xbe\"");
}

void TestJsonWriter::byteOrderMarkIsEscaped() {
    QFETCH(QByteArray, utf8);
    QFETCH(QByteArray, json);
    QByteArray out;
    JsonWriter(out).utf8(utf8);
    QCOMPARE(out, json);
    // QJsonDocument's reader would drop an unescaped one.
    const QString read = QJsonDocument::fromJson("[" + out + "]").array().at(0).toString();
    QCOMPARE(read.toUtf8(), utf8);
}

void TestJsonWriter::invalidUtf8BecomesReplacementCharacters() {
    const QByteArray bad("a\xff\xc3z", 4);
    QByteArray out;
    JsonWriter(out).utf8(bad);
    QCOMPARE(out, QByteArray("\"a\xef\xbf\xbd\xef\xbf\xbdz\""));
    QCOMPARE(QJsonDocument::fromJson("[" + out + "]").array().at(0).toString(),
             QString::fromUtf8(bad));
}

void TestJsonWriter::numbers_data() {
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("zero") << qint64(0) << QByteArray("0");
    QTest::newRow("negative") << qint64(-1) << QByteArray("-1");
    QTest::newRow("beyond a double's 53 bits")
        << qint64(9007199254740993) << QByteArray("9007199254740993");
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << QByteArray("9223372036854775807");
    QTest::newRow("min") << std::numeric_limits<qint64>::min()
                         << QByteArray("-9223372036854775808");
}

void TestJsonWriter::numbers() {
    QFETCH(qint64, value);
    QFETCH(QByteArray, json);
    QByteArray out;
    JsonWriter(out).number(value);
    QCOMPARE(out, json);
}

void TestJsonWriter::nestingAndCommas() {
    QByteArray out;
    JsonWriter json(out);
    json.beginObject();
    json.key(QLatin1StringView("a")).number(1);
    json.key(QLatin1StringView("empty")).beginArray();
    json.endArray();
    json.key(QLatin1StringView("list")).beginArray();
    json.boolean(true);
    json.boolean(false);
    json.null();
    json.beginObject();
    json.endObject();
    json.beginArray();
    json.number(2);
    json.endArray();
    json.endArray();
    json.key(QLatin1StringView("o")).beginObject();
    json.key(QLatin1StringView("s")).stringOrNull(u"x");
    json.key(QLatin1StringView("n")).stringOrNull(u"");
    json.endObject();
    json.endObject();
    QCOMPARE(out, QByteArray(R"({"a":1,"empty":[],"list":[true,false,null,{},[2]],)"
                             R"("o":{"s":"x","n":null}})"));
    QJsonParseError error;
    QJsonDocument::fromJson(out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestJsonWriter::latin1Keys() {
    QByteArray out;
    JsonWriter json(out);
    json.beginObject();
    json.key(QLatin1StringView("quote\"d")).string(QLatin1StringView("caf\xe9"));
    json.endObject();
    QCOMPARE(out, QByteArray("{\"quote\\\"d\":\"caf\xc3\xa9\"}"));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
