#include "mews/webhookdecoder.h"
#include "testsupport.h"
#include "webhookdecodertestdata.h"

#include <QStringEncoder>
#include <QTest>

using namespace WebhookDecoderTestData;

using namespace Qt::Literals::StringLiterals;

class TestWebhookDecoderEncoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void byteOrderMark_data();
    void byteOrderMark();
    void foreignEncodings_data();
    void foreignEncodings();
    void unpairedSurrogates_data();
    void unpairedSurrogates();
    void manyUnpairedSurrogates();
    void invalidUtf8_data();
    void invalidUtf8();
    void rawControlCharacter();
};

void TestWebhookDecoderEncoding::byteOrderMark_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<ContractState>("stateWithout");
    QTest::newRow("Integration") << QStringLiteral("samples/integration-IntegrationCreated.json")
                                 << WebhookKind::Integration << ContractState::Ok;
    QTest::newRow("General") << QStringLiteral("samples/general-current-format.json")
                             << WebhookKind::General << ContractState::Notes;
    QTest::newRow("invalid JSON") << QStringLiteral("malformed/trailing-comma-in-events.txt")
                                  << WebhookKind::InvalidJson << ContractState::InvalidJson;
}

// RFC 8259 lets a parser skip a byte order mark but forbids a sender to add one.
void TestWebhookDecoderEncoding::byteOrderMark() {
    QFETCH(QString, file);
    QFETCH(WebhookKind, kind);
    QFETCH(ContractState, stateWithout);
    const QByteArray body = TestSupport::readData(file);
    const MewsAnalysis without = WebhookDecoder().decode(body, "application/json");
    const MewsAnalysis with =
        WebhookDecoder().decode(QByteArray("\xEF\xBB\xBF") + body, "application/json");
    QCOMPARE(without.contractState(), stateWithout);
    QCOMPARE(with.kind, kind);
    QCOMPARE(with.events.size(), without.events.size());
    QCOMPARE(with.findings.size(), without.findings.size() + 1);
    const ContractFinding &bom = with.findings.constFirst();
    QCOMPARE(bom.path, QString());
    QCOMPARE(bom.severity, FindingSeverity::Warning);
    QVERIFY2(bom.message.startsWith(QLatin1String("The body starts with a UTF-8 byte order mark")),
             qPrintable(bom.message));
    if (stateWithout != ContractState::InvalidJson)
        QCOMPARE(with.contractState(), ContractState::Warnings);
}

void TestWebhookDecoderEncoding::foreignEncodings_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    const QString sample = QString::fromUtf8(
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json")));
    const auto encoded = [&sample](QStringEncoder::Encoding encoding, bool bom) {
        QStringEncoder encoder(encoding, bom ? QStringEncoder::Flag::WriteBom
                                             : QStringEncoder::Flag::Default);
        return QByteArray(encoder.encode(sample));
    };
    QTest::newRow("UTF-16LE, BOM") << encoded(QStringEncoder::Utf16LE, true)
                                   << "UTF-16 text (little-endian, with the byte order mark FF FE)";
    QTest::newRow("UTF-16BE, no BOM") << encoded(QStringEncoder::Utf16BE, false)
                                      << "UTF-16 text (big-endian, without a byte order mark)";
    QTest::newRow("UTF-16LE, no BOM") << encoded(QStringEncoder::Utf16LE, false)
                                      << "UTF-16 text (little-endian, without a byte order mark)";
    QTest::newRow("UTF-32LE, BOM")
        << encoded(QStringEncoder::Utf32LE, true)
        << "UTF-32 text (little-endian, with the byte order mark FF FE 00 00)";
    QTest::newRow("UTF-32BE, no BOM") << encoded(QStringEncoder::Utf32BE, false)
                                      << "UTF-32 text (big-endian, without a byte order mark)";
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10)
                          << "gzip-compressed data (it starts with 1F 8B)";
    QTest::newRow("zlib") << QByteArray("\x78\x9c\xab\x56\x4a", 5)
                          << "zlib-compressed data (it starts with 78 9C)";
    QTest::newRow("zstd") << QByteArray("\x28\xb5\x2f\xfd\x24\x05", 6)
                          << "Zstandard-compressed data (it starts with 28 B5 2F FD)";
    // Text that only begins like a zlib header ("x^") is left to the JSON error.
    QTest::newRow("x^2, not zlib") << QByteArray("x^2 + 1") << QString();
    QTest::newRow("UTF-8 with a NUL") << QByteArray("{\0\"a\":1}", 8) << QString();
}

// A body in another encoding is named as such: "found byte 0xFF at line 1, column 1" said
// nothing of why.
void TestWebhookDecoderEncoding::foreignEncodings() {
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.count(FindingSeverity::Error), 1);
    const QString message = analysis.findings.constLast().message;
    if (named.isEmpty()) {
        QVERIFY2(!message.contains(u"compressed") && !message.contains(u"UTF-"),
                 qPrintable(message));
        QVERIFY2(message.contains(u"found"), qPrintable(message));
        return;
    }
    QCOMPARE(message, QStringLiteral("The body is not valid JSON: it is ") + named +
                          (named.startsWith(u"UTF")
                               ? QStringLiteral(", and JSON sent between systems must be UTF-8 "
                                                "(RFC 8259 §8.1).")
                               : QStringLiteral(".")));
    QVERIFY2(analysis.summary().endsWith(u": the body is " + named),
             qPrintable(analysis.summary()));
    // Said once in the summary, and not again in the kind's reason beside it.
    QVERIFY2(analysis.kindReason.endsWith(u", but it is not valid JSON"_s) &&
                 !analysis.kindReason.contains(named),
             qPrintable(analysis.kindReason));
}

void TestWebhookDecoderEncoding::unpairedSurrogates_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<WebhookKind>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QByteArray enabled = R"({"Action":"IntegrationEnabled","Data":{"Integration":{"Id":)"
                               R"("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Name":"\ud800"}}})";
    const QString name = QStringLiteral("Data.Integration.Name");
    const QString holds =
        QStringLiteral("This string holds an unpaired UTF-16 surrogate (\\ud800, at line 1, "
                       "column 107): JSON allows the escape, but it stands for no character, "
                       "and many JSON readers reject it or replace it. It reads here as U+FFFD.");
    QTest::newRow("valid JSON") << enabled << WebhookKind::Integration << name << holds;
    // Read by LenientJson: with a repeated name (valid), and with a trailing comma (not).
    QTest::newRow("repeated name")
        << QByteArray(enabled).insert(1, R"("Action":"IntegrationEnabled",)")
        << WebhookKind::Integration << name
        << QString(holds).replace(QStringLiteral("107"), QStringLiteral("137"));
    QTest::newRow("trailing comma")
        << QByteArray(enabled).replace("}}}", "},}}") << WebhookKind::InvalidJson << name << holds;
    QTest::newRow("in a member name")
        << QByteArray(enabled).replace(R"("Name":"\ud800")", R"("Name":"x","\uDBFF":1)")
        << WebhookKind::Integration << QStringLiteral("Data.Integration.") + QChar(0xFFFD)
        << QStringLiteral("This member's name holds an unpaired UTF-16 surrogate (\\uDBFF, at "
                          "line 1, column 111): JSON allows the escape, but it stands for no "
                          "character, and many JSON readers reject it or replace it. It reads "
                          "here as U+FFFD.");
}

// RFC 8259 allows an unpaired surrogate escape: the body is decoded, with a warning there.
void TestWebhookDecoderEncoding::unpairedSurrogates() {
    QFETCH(QByteArray, body);
    QFETCH(WebhookKind, kind);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, kind);
    QCOMPARE(analysis.action, QStringLiteral("IntegrationEnabled"));
    QCOMPARE(analysis.integrationId, QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6"));
    QVERIFY2(analysis.findings.contains(ContractFinding{path, FindingSeverity::Warning, message}),
             qPrintable(findingsText(analysis)));
    if (kind == WebhookKind::InvalidJson) {
        // The comma is the problem, not the escape.
        QCOMPARE(analysis.jsonError.message, QStringLiteral("trailing comma before }"));
        QVERIFY(analysis.lenient);
    } else {
        QVERIFY(!analysis.jsonError.isValid());
        QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    }
    for (const ContractFinding &finding : analysis.findings)
        QVERIFY2(!finding.message.contains(QLatin1String("not valid JSON")) ||
                     kind == WebhookKind::InvalidJson,
                 qPrintable(finding.message));
}

void TestWebhookDecoderEncoding::manyUnpairedSurrogates() {
    QByteArray body = R"({"Action":"IntegrationEnabled","Data":{"Note":")";
    for (int i = 0; i < 60; ++i)
        body += "\\udc00";
    const MewsAnalysis analysis = WebhookDecoder().decode(body + "\"}}", "application/json");
    QCOMPARE(analysis.kind, WebhookKind::Integration);
    qsizetype atNote = 0;
    for (const ContractFinding &finding : analysis.findings)
        atNote += finding.path == QLatin1String("Data.Note") &&
                  finding.message.contains(QLatin1String("unpaired"));
    QCOMPARE(atNote, JsonTree::MaxRecordedSurrogates);
    QVERIFY2(analysis.findings.contains(
                 ContractFinding{QString(), FindingSeverity::Warning,
                                 QStringLiteral("10 more unpaired UTF-16 surrogates.")}),
             qPrintable(findingsText(analysis)));
}

void TestWebhookDecoderEncoding::invalidUtf8_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("badByte");
    const QByteArray prefix =
        "{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":{\"Id\":"
        "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Name\":\"Aurora ";
    QTest::newRow("0xFF") << prefix + "\xFF Sync\"}}}" << QByteArray("0xFF");
    QTest::newRow("overlong /") << prefix + "\xC0\xAF Sync\"}}}" << QByteArray("0xC0");
    QTest::newRow("surrogate") << prefix + "\xED\xA0\x80 Sync\"}}}" << QByteArray("0xED");
    QTest::newRow("cut sequence") << prefix + "\xE2\x82 Sync\"}}}" << QByteArray("0xE2");
}

void TestWebhookDecoderEncoding::invalidUtf8() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, badByte);
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, qint64(body.indexOf("Aurora ") + 7));
    QVERIFY2(analysis.jsonError.message.contains(QLatin1String("UTF-8")),
             qPrintable(analysis.jsonError.message));
    QVERIFY(analysis.jsonError.message.contains(QLatin1String(badByte)));
    // Still browsable: the rest of the name survives around a replacement character.
    QVERIFY(analysis.lenient);
    QCOMPARE(analysis.action, QStringLiteral("IntegrationEnabled"));
    QVERIFY(analysis.integrationName.startsWith(QLatin1String("Aurora ")));
    QVERIFY(analysis.integrationName.contains(QChar(QChar::ReplacementCharacter)));
    QVERIFY(analysis.integrationName.endsWith(QLatin1String(" Sync")));
}

void TestWebhookDecoderEncoding::rawControlCharacter() {
    // QJsonDocument accepts a raw line feed inside a string; RFC 8259 does not.
    const QByteArray body = "{\"Action\":\"IntegrationEnabled\",\"Data\":{\"Integration\":{\"Id\":"
                            "\"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6\",\"Name\":\"two\nlines\"}}}";
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::InvalidJson);
    QCOMPARE(analysis.jsonError.offset, qint64(body.indexOf('\n')));
    QVERIFY(analysis.jsonError.message.contains(QLatin1String("U+000A")));
    QVERIFY(analysis.lenient);
    QCOMPARE(analysis.integrationName, QStringLiteral("two\nlines"));
}

QTEST_GUILESS_MAIN(TestWebhookDecoderEncoding)
#include "tst_webhookdecoderencoding.moc"
