#include "mews/secrets.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace MewsTestData;

namespace {

const QString Bullets = QString(8, QChar(0x2022));

// Secret string values of a JSON document, found by walking it (keys compared case-insensitively).
void secretValues(const QJsonValue &value, QStringList &found) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key().toLower();
            if ((key == QLatin1String("accesstoken") || key == QLatin1String("apikey")) &&
                it.value().isString())
                found.append(it.value().toString());
            else
                secretValues(it.value(), found);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            secretValues(element, found);
    }
}

} // namespace

class TestSecrets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isSecretKey_data();
    void isSecretKey();
    void isSecretPath_data();
    void isSecretPath();
    void mask_data();
    void mask();
    void maskWholeHidesEveryCharacter();
    void maskTarget_data();
    void maskTarget();
    void maskUrls_data();
    void maskUrls();
    void maskHeadersKeepsTheFields();
    void maskHeadersFollowsTheMaskedBody();
    void maskBodySamples_data();
    void maskBodySamples();
    void maskBody_data();
    void maskBody();
    void maskBodyWithoutSecretsIsShared();
};

void TestSecrets::isSecretKey_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("secret");
    QTest::newRow("AccessToken") << "AccessToken" << true;
    QTest::newRow("accesstoken") << "accesstoken" << true;
    QTest::newRow("ApiKey") << "ApiKey" << true;
    QTest::newRow("APIKEY") << "APIKEY" << true;
    QTest::newRow("Token") << "Token" << true;
    QTest::newRow("token") << "token" << true;
    QTest::newRow("Id") << "Id" << false;
    QTest::newRow("Name") << "Name" << false;
    QTest::newRow("AccessTokens") << "AccessTokens" << false;
    QTest::newRow("empty") << "" << false;
    // What a sender could write for the same secret: spacing, word separators, letter case.
    QTest::newRow("trailing space") << "ApiKey " << true;
    QTest::newRow("leading space") << " AccessToken" << true;
    QTest::newRow("tab and newline") << "\tToken\n" << true;
    QTest::newRow("space inside") << "Api Key" << true;
    QTest::newRow("camel case") << "apiKey" << true;
    QTest::newRow("snake case") << "ACCESS_TOKEN" << true;
    QTest::newRow("kebab case") << "api-key" << true;
    QTest::newRow("no-break space") << QStringLiteral("ApiKey\u00A0") << true;
    QTest::newRow("zero-width space") << QStringLiteral("\u200BAccessToken") << true;
    QTest::newRow("byte order mark") << QStringLiteral("\uFEFFApiKey") << true;
    // Other names stay other names, and ordinary Mews fields stay shown.
    QTest::newRow("AccessTokenId") << "AccessTokenId" << false;
    QTest::newRow("ApiKeys") << "ApiKeys" << false;
    QTest::newRow("Access.Token") << "Access.Token" << false;
    QTest::newRow("IntegrationId") << "IntegrationId" << false;
    QTest::newRow("Discriminator") << "Discriminator" << false;
    QTest::newRow("Value") << "Value" << false;
    QTest::newRow("separators only") << " _-" << false;
}

void TestSecrets::isSecretKey() {
    QFETCH(QString, key);
    QFETCH(bool, secret);
    QCOMPARE(Secrets::isSecretKey(key), secret);
}

void TestSecrets::isSecretPath_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("secret");
    QTest::newRow("Data.AccessToken") << "Data.AccessToken" << true;
    QTest::newRow("Data.ApiKey") << "Data.ApiKey" << true;
    QTest::newRow("quoted") << "Data[\"accessToken\"]" << true;
    QTest::newRow("below a secret") << "Data.ApiKey[0].Value" << true;
    QTest::newRow("Data.Integration.Id") << "Data.Integration.Id" << false;
    QTest::newRow("root") << "" << false;
    QTest::newRow("malformed, mentions secret") << "Data..ApiKey" << true;
    QTest::newRow("malformed, no secret") << "Data..Name" << false;
    QTest::newRow("quoted, trailing space") << "Data[\"ApiKey \"]" << true;
    QTest::newRow("malformed, snake case") << "Data..api_key" << true;
}

void TestSecrets::isSecretPath() {
    QFETCH(QString, path);
    QFETCH(bool, secret);
    QCOMPARE(Secrets::isSecretPath(path), secret);
}

void TestSecrets::mask_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("masked");
    const QString token =
        QStringLiteral("5F1C0A9E3B7D4C21A86E0F4B9D2C7A13-4E8B2D6F0A1C3E5B7D9F1A3C5E7B9D1");
    QTest::newRow("token") << token << Bullets + token.right(4);
    QTest::newRow("eight") << "ABCDEFGH" << Bullets + QStringLiteral("EFGH");
    QTest::newRow("seven") << "ABCDEFG" << Bullets;
    QTest::newRow("one") << "A" << Bullets;
    QTest::newRow("empty") << ""
                           << "";
    const QString emoji = QStringLiteral("secret-value-😀");
    QTest::newRow("surrogate pair at the cut") << emoji << Bullets + QStringLiteral("ue-😀");
}

void TestSecrets::mask() {
    QFETCH(QString, value);
    QFETCH(QString, masked);
    QCOMPARE(Secrets::mask(value), masked);
}

void TestSecrets::maskWholeHidesEveryCharacter() {
    QCOMPARE(Secrets::maskWhole(QStringLiteral("s3cret&x y")), Bullets);
    QCOMPARE(Secrets::maskWhole(QStringLiteral("A")), Bullets);
    QCOMPARE(Secrets::maskWhole(QStringLiteral("5F1C0A9E3B7D4C21A86E0F4B9D2C7A13")), Bullets);
    QCOMPARE(Secrets::maskWhole(QString()), QString());
}

void TestSecrets::maskTarget_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("masked");
    const QByteArray bullets = Bullets.toUtf8();
    QTest::newRow("Token") << QByteArray("/webhook?Token=5F1C0A9E3B7D4C21")
                           << "/webhook?Token=" + bullets + "4C21";
    QTest::newRow("token") << QByteArray("/webhook?token=abcdefghij")
                           << "/webhook?token=" + bullets + "ghij";
    QTest::newRow("TOKEN among others") << QByteArray("/hook?a=1&TOKEN=abcdefghij&b=2")
                                        << "/hook?a=1&TOKEN=" + bullets + "ghij&b=2";
    QTest::newRow("encoded name") << QByteArray("/hook?T%6Fken=abcdefghij")
                                  << "/hook?T%6Fken=" + bullets + "ghij";
    QTest::newRow("encoded tail") << QByteArray("/hook?Token=abcdefg%2F%3D%26")
                                  << "/hook?Token=" + bullets + "g%2F%3D%26";
    QTest::newRow("short") << QByteArray("/hook?Token=abc") << "/hook?Token=" + bullets;
    QTest::newRow("twice") << QByteArray("/hook?Token=abcdefghij&Token=0123456789")
                           << "/hook?Token=" + bullets + "ghij&Token=" + bullets + "6789";
    QTest::newRow("absolute form") << QByteArray("http://localhost:8080/hook?Token=abcdefghij#frag")
                                   << "http://localhost:8080/hook?Token=" + bullets + "ghij#frag";
    QTest::newRow("empty value") << QByteArray("/hook?Token=&a=1")
                                 << QByteArray("/hook?Token=&a=1");
    QTest::newRow("no value") << QByteArray("/hook?Token") << QByteArray("/hook?Token");
    QTest::newRow("encoded space after the name")
        << QByteArray("/hook?Token%20=abcdefghij") << "/hook?Token%20=" + bullets + "ghij";
    QTest::newRow("snake case") << QByteArray("/hook?access_token=abcdefghij")
                                << "/hook?access_token=" + bullets + "ghij";
    QTest::newRow("no query") << QByteArray("/hook") << QByteArray("/hook");
    QTest::newRow("other parameter")
        << QByteArray("/hook?Tokens=abcdefghij") << QByteArray("/hook?Tokens=abcdefghij");
    QTest::newRow("in the path") << QByteArray("/Token=abcdefghij")
                                 << QByteArray("/Token=abcdefghij");
}

void TestSecrets::maskTarget() {
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, masked);
    QCOMPARE(Secrets::maskTarget(target), masked);
}

void TestSecrets::maskUrls_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("masked");
    const QByteArray bullets = Bullets.toUtf8();
    QTest::newRow("head") << QByteArray("POST /h?Token=abcdefghij HTTP/1.1\r\nHost: x\r\n"
                                        "Referer: https://a.example/b?Token=0123456789\r\n\r\n")
                          << "POST /h?Token=" + bullets + "ghij HTTP/1.1\r\nHost: x\r\n" +
                                 "Referer: https://a.example/b?Token=" + bullets + "6789\r\n\r\n";
    QTest::newRow("request line that did not parse")
        << QByteArray("POST /h?Token=abcdefghij  HTTP/1.1\r\n")
        << "POST /h?Token=" + bullets + "ghij  HTTP/1.1\r\n";
    QTest::newRow("cut off in the value")
        << QByteArray("POST /h?Token=sekr") << "POST /h?Token=" + bullets;
    QTest::newRow("tab and bare LF") << QByteArray("GET\t/h?Token=abcdefghij\nX: 1")
                                     << "GET\t/h?Token=" + bullets + "ghij\nX: 1";
    QTest::newRow("no secret") << QByteArray("GET /h?a=1 HTTP/1.1\r\n")
                               << QByteArray("GET /h?a=1 HTTP/1.1\r\n");
    QTest::newRow("no query") << QByteArray("GET /Token=abcdefghij HTTP/1.1\r\n")
                              << QByteArray("GET /Token=abcdefghij HTTP/1.1\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestSecrets::maskUrls() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, masked);
    QCOMPARE(Secrets::maskUrls(text), masked);
}

void TestSecrets::maskHeadersKeepsTheFields() {
    const HeaderList fields{{"Host", "x"},
                            {"referer", "http://a/b?x=1&Token=abcdefghij"},
                            {"X-Note", "a ? b"},
                            {"Referer", "http://a/?token=0123456789"}};
    const HeaderList masked = Secrets::maskHeaders(fields);
    QCOMPARE(masked.size(), fields.size());
    const QByteArray bullets = Bullets.toUtf8();
    QCOMPARE(masked.at(0).value, QByteArray("x"));
    QCOMPARE(masked.at(1).name, QByteArray("referer"));
    QCOMPARE(masked.at(1).value, "http://a/b?x=1&Token=" + bullets + "ghij");
    QCOMPARE(masked.at(2).value, QByteArray("a ? b"));
    QCOMPARE(masked.at(3).name, QByteArray("Referer"));
    QCOMPARE(masked.at(3).value, "http://a/?token=" + bullets + "6789");
}

void TestSecrets::maskHeadersFollowsTheMaskedBody() {
    const QByteArray body = R"({"AccessToken":"0123456789ABCDEF0123456789ABCDEF"})";
    const QByteArray masked = Secrets::maskBody(body);
    QVERIFY(masked.size() != body.size());
    const HeaderList fields{{"content-length", QByteArray::number(body.size())},
                            {"Referer", "http://a/?Token=0123456789"},
                            {"X-Content-Length", QByteArray::number(body.size())}};
    const HeaderList sent = Secrets::maskHeaders(fields, body.size(), masked.size());
    QCOMPARE(sent.size(), fields.size());
    QCOMPARE(sent.at(0).name, QByteArray("content-length"));
    QCOMPARE(sent.at(0).value, QByteArray::number(masked.size()));
    QCOMPARE(sent.at(1).value, Secrets::maskHeaders(fields).at(1).value);
    QCOMPARE(sent.at(2).value, fields.at(2).value); // not the framing field
    // a body the masking did not change keeps every Content-Length as sent
    QCOMPARE(Secrets::maskHeaders(fields, body.size(), body.size()), Secrets::maskHeaders(fields));
}

void TestSecrets::maskBodySamples_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : sampleFiles() + malformedFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestSecrets::maskBodySamples() {
    QFETCH(QString, file);
    const QByteArray body = TestSupport::readData(file);
    QStringList secrets;
    secretValues(strict(repairedText(body)).object(), secrets);
    const QByteArray masked = Secrets::maskBody(body);
    // Putting each original value back where its masked form is must give the body back.
    QByteArray restored = masked;
    for (const QString &secret : std::as_const(secrets)) {
        QVERIFY(!masked.contains(secret.toUtf8()));
        const QByteArray shown = '"' + (Bullets + secret.right(4)).toUtf8() + '"';
        QVERIFY2(masked.contains(shown), masked.constData());
        restored.replace(shown, QByteArray('"' + secret.toUtf8() + '"'));
    }
    QCOMPARE(restored, body);
    if (secrets.isEmpty())
        QCOMPARE(masked, body);
}

void TestSecrets::maskBody_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("masked");
    const QByteArray b = Bullets.toUtf8();
    QTest::newRow("spacing kept") << QByteArray("{ \"ApiKey\" :\n  \"ABCDEFGHIJ\" , \"Id\": 1}")
                                  << "{ \"ApiKey\" :\n  \"" + b + "GHIJ\" , \"Id\": 1}";
    QTest::newRow("any case") << QByteArray("{\"accessTOKEN\":\"ABCDEFGHIJ\"}")
                              << "{\"accessTOKEN\":\"" + b + "GHIJ\"}";
    QTest::newRow("escaped key") << QByteArray("{\"Api\\u004bey\":\"ABCDEFGHIJ\"}")
                                 << "{\"Api\\u004bey\":\"" + b + "GHIJ\"}";
    QTest::newRow("escaped value") << QByteArray("{\"ApiKey\":\"ABCDEF\\\"GH\\\\\"}")
                                   << "{\"ApiKey\":\"" + b + "\\\"GH\\\\\"}";
    QTest::newRow("number value") << QByteArray("{\"ApiKey\": 1234567890}")
                                  << "{\"ApiKey\": \"" + b + "7890\"}";
    QTest::newRow("null value") << QByteArray("{\"ApiKey\": null}")
                                << QByteArray("{\"ApiKey\": null}");
    QTest::newRow("nested") << QByteArray("[{\"a\":{\"AccessToken\":\"ABCDEFGHIJ\"}}]")
                            << "[{\"a\":{\"AccessToken\":\"" + b + "GHIJ\"}}]";
    // Not the documented string, but still below a secret name, as the JSON tree masks it.
    QTest::newRow("array value")
        << QByteArray(
               "{\"ApiKey\": [\"ABCDEFGHIJ\", 1234567890, null, []], \"Id\": \"ABCDEFGHIJ\"}")
        << "{\"ApiKey\": [\"" + b + "GHIJ\", \"" + b + "7890\", null, []], \"Id\": \"ABCDEFGHIJ\"}";
    QTest::newRow("object value")
        << QByteArray(
               "{\"AccessToken\":{\"Value\":\"ABCDEFGHIJ\",\"On\":true,\"In\":{\"A\":\"xyz\"}},"
               "\"Name\":\"ABCDEFGHIJ\"}")
        << "{\"AccessToken\":{\"Value\":\"" + b + "GHIJ\",\"On\":true,\"In\":{\"A\":\"" + b +
               "\"}},\"Name\":\"ABCDEFGHIJ\"}";
    QTest::newRow("array value cut off") << QByteArray("{\"ApiKey\": [\"ABCDEFGHIJ\", \"KLMNOPQRST")
                                         << "{\"ApiKey\": [\"" + b + "GHIJ\", \"" + b + "QRST";
    QTest::newRow("secret name as a value")
        << QByteArray("{\"Name\":\"ApiKey\",\"x\":\"ABCDEFGHIJ\"}")
        << QByteArray("{\"Name\":\"ApiKey\",\"x\":\"ABCDEFGHIJ\"}");
    QTest::newRow("trailing comma")
        << QByteArray("{\"ApiKey\":\"ABCDEFGHIJ\",}") << "{\"ApiKey\":\"" + b + "GHIJ\",}";
    QTest::newRow("truncated value")
        << QByteArray("{\"ApiKey\": \"ABCDEFGHIJ") << "{\"ApiKey\": \"" + b + "GHIJ";
    QTest::newRow("truncated after colon")
        << QByteArray("{\"ApiKey\": ") << QByteArray("{\"ApiKey\": ");
    QTest::newRow("key inside array") << QByteArray("{\"a\":[{}, \"ApiKey\": \"ABCDEFGHIJ\"]}")
                                      << "{\"a\":[{}, \"ApiKey\": \"" + b + "GHIJ\"]}";
    QTest::newRow("not JSON") << QByteArray("ApiKey=ABCDEFGHIJ") << QByteArray("ApiKey=ABCDEFGHIJ");
    QTest::newRow("trailing space in the name")
        << QByteArray("{\"ApiKey \":\"ABCDEFGHIJ\"}") << "{\"ApiKey \":\"" + b + "GHIJ\"}";
    QTest::newRow("leading space in the name") << QByteArray("{\" AccessToken\": \"ABCDEFGHIJ\"}")
                                               << "{\" AccessToken\": \"" + b + "GHIJ\"}";
    QTest::newRow("snake case name") << QByteArray("{\"ACCESS_TOKEN\":\"ABCDEFGHIJ\"}")
                                     << "{\"ACCESS_TOKEN\":\"" + b + "GHIJ\"}";
    QTest::newRow("escaped space in the name") << QByteArray("{\"ApiKey\\u0020\":\"ABCDEFGHIJ\"}")
                                               << "{\"ApiKey\\u0020\":\"" + b + "GHIJ\"}";
    QTest::newRow("no-break space in the name (UTF-8)")
        << QByteArray("{\"ApiKey\xC2\xA0\":\"ABCDEFGHIJ\"}")
        << "{\"ApiKey\xC2\xA0\":\"" + b + "GHIJ\"}";
    QTest::newRow("longer name kept") << QByteArray("{\"ApiKeyId\":\"ABCDEFGHIJ\"}")
                                      << QByteArray("{\"ApiKeyId\":\"ABCDEFGHIJ\"}");
    QTest::newRow("invalid UTF-8 elsewhere")
        << QByteArray("{\"x\":\"\xFF\",\"ApiKey\":\"ABCDEFGHIJ\"}")
        << "{\"x\":\"\xFF\",\"ApiKey\":\"" + b + "GHIJ\"}";
}

void TestSecrets::maskBody() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, masked);
    QCOMPARE(Secrets::maskBody(body), masked);
}

void TestSecrets::maskBodyWithoutSecretsIsShared() {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    QVERIFY(Secrets::maskBody(body).isSharedWith(body));
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
