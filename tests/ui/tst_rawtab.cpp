#include "../models/detailtestdata.h"

#include "gzipdata.h"
#include "panes/detail/codeeditor.h"
#include "panes/detail/rawtab.h"
#include "panes/detail/rawtext.h"

#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>

using namespace DetailTestData;
using namespace Qt::Literals::StringLiterals;

namespace {

AnalysedCapture captureOf(const QByteArray &body,
                          const QByteArray &target = "/webhook?Token=s3cret-TOKEN-9f2c") {
    return analysed(webhook(body, 1, target));
}

QString squeezed(QString text) {
    return text.remove(QRegularExpression(QStringLiteral("\\s")));
}

} // namespace

class TestRawTab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headThenBodyWithTheTokenMasked();
    void prettyKeepsEveryToken_data();
    void prettyKeepsEveryToken();
    void binaryBodyIsAHexDump();
    void nonUtf8TextIsShownAsLatin1();
    void longBodiesAreCutAtACharacter();
    void errorPositionAccountsForMaskedSecrets();
    void rawTabMarksTheErrorAndNumbersBodyLines();
    void tooDeepIsNotCalledInvalid();
    void emptyBodySaysSo();
    void chunkedBodySaysItIsJoined();
    void compressedBodyIsShownDecompressed();
};

void TestRawTab::headThenBodyWithTheTokenMasked() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"));
    const RawText masked = RawText::build(captureOf(body), false, false);
    QVERIFY(masked.text.startsWith(QStringLiteral("POST /webhook?Token=") +
                                   QString(8, QChar(0x2022)) +
                                   QStringLiteral("9f2c HTTP/1.1\nHost: 127.0.0.1:8089\n")));
    QCOMPARE(masked.bodyFirstLine, 5); // request line, 3 header fields, blank line
    QCOMPARE(masked.form, RawText::BodyForm::Utf8);
    QVERIFY(masked.prettyAvailable);
    QVERIFY(masked.highlight);
    QVERIFY(!masked.text.contains(QStringLiteral("s3cret")));
    QVERIFY(!masked.text.contains(QStringLiteral("5F1C0A9E3B7D4C21")));
    const RawText revealed = RawText::build(captureOf(body), true, false);
    QVERIFY(revealed.text.endsWith(QString::fromUtf8(body)));
    QVERIFY(revealed.text.contains(QStringLiteral("Token=s3cret-TOKEN-9f2c")));
}

void TestRawTab::prettyKeepsEveryToken_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : files(QStringLiteral("samples"), QStringLiteral("*.json")))
        QTest::newRow(qPrintable(file)) << file;
}

void TestRawTab::prettyKeepsEveryToken() {
    QFETCH(QString, file);
    const QByteArray minified =
        QJsonDocument::fromJson(TestSupport::readData(file)).toJson(QJsonDocument::Compact);
    const AnalysedCapture capture = captureOf(minified);
    const RawText exact = RawText::build(capture, true, false);
    const RawText pretty = RawText::build(capture, true, true);
    QVERIFY(!exact.pretty);
    QVERIFY(pretty.pretty);
    QVERIFY(exact.text.endsWith(QString::fromUtf8(minified)));
    QVERIFY(pretty.text.count(u'\n') > exact.text.count(u'\n') + 3);
    QCOMPARE(squeezed(pretty.text), squeezed(exact.text));
}

void TestRawTab::binaryBodyIsAHexDump() {
    const QByteArray body("\x00\x01\xff\xfe{\"a\":1}\x00", 12);
    const RawText raw = RawText::build(captureOf(body), false, true);
    QCOMPARE(raw.form, RawText::BodyForm::HexDump);
    QVERIFY(!raw.prettyAvailable);
    QVERIFY(!raw.highlight);
    QVERIFY(raw.text.contains(QStringLiteral("00000000  00 01 ff fe 7b 22 61 22  3a 31 7d 00")));
    QVERIFY(raw.text.contains(QStringLiteral("|....{\"a\":1}.|")));
    QVERIFY(raw.notices.join(u' ').contains(QStringLiteral("hex dump")));
    QCOMPARE(RawText::hexDump(QByteArray(17, 'A')).count(u'\n'), 2);
    QVERIFY(RawText::looksBinary(QByteArray("\x01\x02\x03\x04", 4)));
    QVERIFY(!RawText::looksBinary(QByteArray("{\"a\":\"\xc3\xa9\"}\r\n\t")));
}

void TestRawTab::nonUtf8TextIsShownAsLatin1() {
    const QByteArray body("{\"Text\":\"d\xe9j\xe0 vu\"}");
    const RawText raw = RawText::build(captureOf(body), false, false);
    QCOMPARE(raw.form, RawText::BodyForm::Latin1);
    QVERIFY(raw.text.endsWith(QString::fromLatin1(body)));
    QVERIFY(raw.notices.join(u' ').contains(QStringLiteral("Latin-1")));
}

void TestRawTab::longBodiesAreCutAtACharacter() {
    // A body of "é" characters whose cut would fall in the middle of one.
    QByteArray body = "\"" + QByteArray(RawText::MaxShownBytes + 11, 'x') + "\"";
    body.replace(RawText::MaxShownBytes - 1, 2, "\xc3\xa9");
    const RawText raw = RawText::build(captureOf(body, "/webhook"), true, false);
    QVERIFY(raw.cut);
    QCOMPARE(raw.form, RawText::BodyForm::Utf8);
    QVERIFY(!raw.text.contains(QChar::ReplacementCharacter));
    QVERIFY(!raw.highlight);
    QVERIFY(raw.notices.join(u' ').contains(QStringLiteral("Showing the first")));
}

void TestRawTab::errorPositionAccountsForMaskedSecrets() {
    // A secret before the error: masking changes its length, the marker must follow.
    const QByteArray body =
        R"({"Action":"IntegrationApiKeyCreated","Data":{"ApiKey":"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",}, "x": })";
    const AnalysedCapture capture = captureOf(body);
    QVERIFY(capture.analysis.jsonError.isValid());
    for (const bool revealed : {false, true}) {
        const RawText raw = RawText::build(capture, revealed, true);
        QVERIFY(!raw.pretty); // invalid JSON is never indented
        QVERIFY(raw.errorPosition > 0);
        const QString shownBody = raw.text.mid(raw.text.indexOf(u'{'));
        const qsizetype inBody = raw.errorPosition - raw.text.indexOf(u'{');
        // The character at the marker is the one strict parsing stopped at.
        QCOMPARE(shownBody.at(inBody),
                 QChar::fromLatin1(body.at(capture.analysis.jsonError.offset)));
        QCOMPARE(raw.text.contains(QStringLiteral("ABCDEFGHIJ")), revealed);
    }
}

void TestRawTab::rawTabMarksTheErrorAndNumbersBodyLines() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("malformed/resourceblocks-inside-messages-array.txt"));
    const AnalysedCapture capture = captureOf(body);
    const RawText raw = RawText::build(capture, false, true);
    RawTab tab;
    tab.resize(800, 500);
    tab.show();
    tab.setText(raw);
    CodeEditor *editor = tab.editor();
    QCOMPARE(editor->firstNumberedLine(), raw.bodyFirstLine);
    QCOMPARE(editor->textCursor().position(), int(raw.errorPosition));
    QCOMPARE(editor->markedLine(), editor->textCursor().blockNumber());
    QCOMPARE(editor->textCursor().blockNumber() - raw.bodyFirstLine + 1,
             capture.analysis.jsonError.line);
    QCOMPARE(tab.errorText(), raw.errorText);
    QVERIFY(tab.errorText().contains(capture.analysis.jsonError.message));
    QVERIFY(editor->gutterWidth() > 0);
    QVERIFY(editor->isReadOnly());
    for (QToolButton *button : tab.findChildren<QToolButton *>())
        QVERIFY(!button->isEnabled());
    // The highlighter coloured the body: a member name has a format of its own.
    const QTextBlock line = editor->document()->findBlockByNumber(raw.bodyFirstLine + 1);
    QVERIFY(!line.layout()->formats().isEmpty());

    tab.showMessage(QStringLiteral("Reading…"));
    QCOMPARE(tab.noticeText(), QStringLiteral("Reading…"));
    QCOMPARE(editor->markedLine(), -1);
    QVERIFY(editor->toPlainText().isEmpty());
}

void TestRawTab::tooDeepIsNotCalledInvalid() {
    const QByteArray body = "{\"Extra\":" + QByteArray(1100, '[') + QByteArray(1100, ']') + '}';
    const RawText raw = RawText::build(captureOf(body), false, true);
    QCOMPARE(raw.errorText,
             QStringLiteral("Not decoded: nesting deeper than this inspector's limit of 1024 "
                            "levels at line 1, column 1033 (byte 1032). It may well be valid "
                            "JSON."));
    QCOMPARE(raw.text.at(raw.errorPosition), QLatin1Char('['));
}

void TestRawTab::emptyBodySaysSo() {
    const RawText raw = RawText::build(captureOf(QByteArray()), false, true);
    QCOMPARE(raw.form, RawText::BodyForm::Empty);
    QVERIFY(raw.notices.join(u' ').contains(QStringLiteral("no body")));
    QVERIFY(raw.text.startsWith(QStringLiteral("POST ")));
    QCOMPARE(raw.errorPosition, -1);
}

void TestRawTab::chunkedBodySaysItIsJoined() {
    AnalysedCapture plain = captureOf("{\"a\":1}");
    QVERIFY(!RawText::build(plain, false, false).notices.join(u' ').contains(u"chunk"_s));

    AnalysedCapture chunked = plain;
    chunked.capture.chunked = true;
    RawText raw = RawText::build(chunked, false, false);
    QVERIFY(raw.text.endsWith(u"{\"a\":1}"_s)); // the body as it is, no framing
    QString notices = raw.notices.join(u' ');
    QVERIFY2(notices.contains(u"chunked"_s) && notices.contains(u"joined"_s), qPrintable(notices));
    QVERIFY2(!notices.contains(u"trailer"_s), qPrintable(notices));

    chunked.capture.trailers = {{"X-Checksum", "abc"}};
    notices = RawText::build(chunked, false, false).notices.join(u' ');
    QVERIFY2(notices.contains(u"1 trailer field followed it"_s), qPrintable(notices));
    chunked.capture.trailers.append(HeaderField{"X-Other", "1"});
    notices = RawText::build(chunked, false, false).notices.join(u' ');
    QVERIFY2(notices.contains(u"2 trailer fields followed it"_s), qPrintable(notices));

    // A chunked request with an empty body says both.
    chunked.capture.body.clear();
    notices = RawText::build(chunked, false, false).notices.join(u' ');
    QVERIFY(notices.contains(u"chunked"_s) && notices.contains(u"no body"_s));
}

void TestRawTab::compressedBodyIsShownDecompressed() {
    const QByteArray json = R"({"Action":"IntegrationCreated","Data":[1,}})";
    Capture capture = webhook(GzipData::compressed(json), 1);
    capture.headers.append(HeaderField{"Content-Encoding", "gzip"});
    const AnalysedCapture coded = analysed(capture);
    const RawText raw = RawText::build(coded, true, false);
    QCOMPARE(raw.form, RawText::BodyForm::Utf8);
    QVERIFY2(raw.text.endsWith(QString::fromUtf8(json)), qPrintable(raw.text));
    const QString notices = raw.notices.join(u' ');
    QVERIFY2(notices.contains(u"The body arrived with Content-Encoding: gzip"_s) &&
                 notices.contains(u"shown decompressed"_s),
             qPrintable(notices));
    // The JSON error is placed in the decompressed text, where the analysis found it.
    QVERIFY(coded.analysis.jsonError.isValid());
    QCOMPARE(raw.errorPosition, raw.text.size() - json.size() + coded.analysis.jsonError.offset);

    // A coding that cannot be taken off: the body as it arrived, and why.
    capture.headers.last().value = "br";
    const RawText asItArrived = RawText::build(analysed(capture), true, false);
    QCOMPARE(asItArrived.form, RawText::BodyForm::HexDump);
    QVERIFY2(asItArrived.notices.join(u' ').contains(
                 u"The body arrived with Content-Encoding: br and is shown as it arrived"_s),
             qPrintable(asItArrived.notices.join(u' ')));

    // Imported from a HAR file that holds the text decompressed (mitmproxy): as stored.
    capture.origin = CaptureOrigin::HarImport;
    capture.body = json;
    const RawText stored = RawText::build(analysed(capture), true, false);
    QCOMPARE(stored.form, RawText::BodyForm::Utf8);
    QVERIFY(stored.text.endsWith(QString::fromUtf8(json)));
    QVERIFY2(stored.notices.join(u' ').contains(u"mitmproxy's HAR export writes it; it is "
                                                u"shown as stored"_s),
             qPrintable(stored.notices.join(u' ')));
}

QTEST_MAIN(TestRawTab)
#include "tst_rawtab.moc"
