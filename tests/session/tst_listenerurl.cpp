#include "mews/webhookdecoder.h"
#include "session/listenerurl.h"

#include <QTest>
#include <QUrl>
#include <QUrlQuery>

// The addresses and the example command the window shows for the listener.
class TestListenerUrl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theBaseNamesTheAddressAndPort_data();
    void theBaseNamesTheAddressAndPort();
    void theExamplePayloadKeepsTheContract_data();
    void theExamplePayloadKeepsTheContract();
    void theTokenIsEncodedOrWhollyMasked_data();
    void theTokenIsEncodedOrWhollyMasked();
    void theReachSaysWhoCanSend_data();
    void theReachSaysWhoCanSend();
    void theListeningLineAddsReachAndToken_data();
    void theListeningLineAddsReachAndToken();
};

void TestListenerUrl::theBaseNamesTheAddressAndPort_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("bound");
    QTest::addColumn<QString>("base");
    QTest::newRow("IPv4 loopback")
        << QStringLiteral("127.0.0.1") << QStringLiteral("http://127.0.0.1:8089/")
        << QStringLiteral("http://127.0.0.1:8089/");
    QTest::newRow("any IPv4") << QStringLiteral("0.0.0.0") << QStringLiteral("http://0.0.0.0:8089/")
                              << QStringLiteral("http://127.0.0.1:8089/");
    QTest::newRow("any IPv6") << QStringLiteral("::") << QStringLiteral("http://[::]:8089/")
                              << QStringLiteral("http://[::1]:8089/");
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << QStringLiteral("http://[::1]:8089/")
                                   << QStringLiteral("http://[::1]:8089/");
    // A zone such as %2 is the address's own, not the place of the port; in a URI its
    // "%" is written "%25" (RFC 6874), which curl and QUrl read back.
    QTest::newRow("link-local with a zone")
        << QStringLiteral("fe80::1%2") << QStringLiteral("http://[fe80::1%252]:8089/")
        << QStringLiteral("http://[fe80::1%252]:8089/");
}

void TestListenerUrl::theBaseNamesTheAddressAndPort() {
    QFETCH(QString, address);
    QFETCH(QString, bound);
    QFETCH(QString, base);
    const QHostAddress host(address);
    QCOMPARE(ListenerUrl::bound(host, 8089), bound);
    QCOMPARE(ListenerUrl::base(host, 8089), base);
    const QUrl url(bound);
    QVERIFY2(url.isValid(), qPrintable(url.errorString()));
    QCOMPARE(QHostAddress(url.host()), host);
    QCOMPARE(url.port(), 8089);
}

void TestListenerUrl::theExamplePayloadKeepsTheContract_data() {
    QTest::addColumn<bool>("severalLines");
    QTest::newRow("one line (clipboard)") << false;
    QTest::newRow("several lines (empty table)") << true;
}

void TestListenerUrl::theExamplePayloadKeepsTheContract() {
    QFETCH(bool, severalLines);
    // What the command sends, taken from the command: it must not rot apart from
    // examplePayload().
    const QString url = QStringLiteral("http://127.0.0.1:8089/");
    const QString command = ListenerUrl::curlExample(url, severalLines);
    const QLatin1String option("--data-binary '");
    const qsizetype from = command.indexOf(option) + option.size();
    QVERIFY(from > option.size());
    const qsizetype to = command.indexOf(QLatin1Char('\''), from);
    QVERIFY(to > from);
    const QByteArray sent = command.sliced(from, to - from).toUtf8();
    QVERIFY(command.endsWith(QLatin1Char('\'') + url + QLatin1Char('\'')));
    QCOMPARE(sent.contains('\n'), severalLines);
    QCOMPARE(QByteArray(sent).replace("\n  ", ""), ListenerUrl::examplePayload());

    const MewsAnalysis analysis = WebhookDecoder().decode(sent, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::Integration);
    QStringList findings;
    for (const ContractFinding &finding : analysis.findings)
        findings << finding.path + QStringLiteral(": ") + finding.message;
    QVERIFY2(analysis.count(FindingSeverity::Error) == 0 &&
                 analysis.count(FindingSeverity::Warning) == 0,
             qPrintable(findings.join(QLatin1Char('\n'))));
    QCOMPARE(analysis.contractState(), ContractState::Ok);
}

void TestListenerUrl::theTokenIsEncodedOrWhollyMasked_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("reveal");
    QTest::addColumn<QString>("url");
    const QString base = QStringLiteral("http://127.0.0.1:8089/");
    const QString bullets(8, QChar(0x2022));
    QTest::newRow("no token") << QString() << false << base;
    QTest::newRow("revealed") << QStringLiteral("s3cret&x y") << true
                              << base + QStringLiteral("?Token=s3cret%26x%20y");
    QTest::newRow("masked") << QStringLiteral("s3cret&x y") << false
                            << base + QStringLiteral("?Token=") + bullets;
    QTest::newRow("masked, long") << QStringLiteral("s3cret-TOKEN-9f2c41d7") << false
                                  << base + QStringLiteral("?Token=") + bullets;
    QTest::newRow("masked, short")
        << QStringLiteral("abc") << false << base + QStringLiteral("?Token=") + bullets;
}

void TestListenerUrl::theTokenIsEncodedOrWhollyMasked() {
    QFETCH(QString, token);
    QFETCH(bool, reveal);
    QFETCH(QString, url);
    const QString shown =
        ListenerUrl::withToken(QStringLiteral("http://127.0.0.1:8089/"), token, reveal);
    QCOMPARE(shown, url);
    // What a sender uses: one query parameter, and the revealed one gives the token back.
    const QUrlQuery query(QUrl(shown).query());
    QCOMPARE(query.queryItems().size(), token.isEmpty() ? 0 : 1);
    if (reveal)
        QCOMPARE(query.queryItemValue(QStringLiteral("Token"), QUrl::FullyDecoded), token);
}

void TestListenerUrl::theReachSaysWhoCanSend_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("reach");
    QTest::addColumn<QString>("detail"); // a part of it
    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << QString()
                                   << QStringLiteral("only programs on this machine");
    QTest::newRow("IPv6 loopback")
        << QStringLiteral("::1") << QString() << QStringLiteral("Bound to [::1]: only programs");
    QTest::newRow("any IPv4")
        << QStringLiteral("0.0.0.0")
        << QStringLiteral("bound to 0.0.0.0, every interface: other machines can send to it")
        << QStringLiteral("Bound to 0.0.0.0, every network interface");
    QTest::newRow("any IPv6")
        << QStringLiteral("::")
        << QStringLiteral("bound to [::], every interface: other machines can send to it")
        << QStringLiteral("Bound to [::], every network interface");
    QTest::newRow("a LAN IPv6 address")
        << QStringLiteral("fd00::5")
        << QStringLiteral("bound to [fd00::5]: other machines can send to it")
        << QStringLiteral("machines that can reach that address");
    QTest::newRow("a LAN address")
        << QStringLiteral("192.168.1.5")
        << QStringLiteral("bound to 192.168.1.5: other machines can send to it")
        << QStringLiteral("machines that can reach that address");
}

void TestListenerUrl::theReachSaysWhoCanSend() {
    QFETCH(QString, address);
    QFETCH(QString, reach);
    QFETCH(QString, detail);
    QString said;
    QCOMPARE(ListenerUrl::reach(QHostAddress(address), &said), reach);
    QVERIFY2(said.contains(detail), qPrintable(said));
    // Beyond this machine, it says how to keep the listener to it.
    QCOMPARE(said.contains(QLatin1String("bind to 127.0.0.1")), !reach.isEmpty());
    QCOMPARE(ListenerUrl::reach(QHostAddress(address)), reach);
}

void TestListenerUrl::theListeningLineAddsReachAndToken_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("reveal");
    QTest::addColumn<QString>("line");
    const QString url = QStringLiteral("http://127.0.0.1:8089/");
    const QString masked = QString(8, QChar(0x2022));
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << QString() << false
                              << QStringLiteral("listening on ") + url;
    QTest::newRow("loopback, token masked")
        << QStringLiteral("127.0.0.1") << QStringLiteral("a&b") << false
        << QStringLiteral("listening on ") + url + QStringLiteral(" (requests must carry ?Token=") +
               masked + u')';
    QTest::newRow("loopback, token revealed")
        << QStringLiteral("127.0.0.1") << QStringLiteral("a&b") << true
        << QStringLiteral("listening on ") + url +
               QStringLiteral(" (requests must carry ?Token=a%26b)");
    QTest::newRow("every interface, no token")
        << QStringLiteral("0.0.0.0") << QString() << false
        << QStringLiteral("listening on ") + url +
               QStringLiteral(" (bound to 0.0.0.0, every interface: other machines can send "
                              "to it)");
    QTest::newRow("one interface, token")
        << QStringLiteral("192.0.2.7") << QStringLiteral("t") << false
        << QStringLiteral("listening on ") + url +
               QStringLiteral(" (bound to 192.0.2.7: other machines can send to it) (requests "
                              "must carry ?Token=") +
               masked + u')';
}

void TestListenerUrl::theListeningLineAddsReachAndToken() {
    QFETCH(QString, address);
    QFETCH(QString, token);
    QFETCH(bool, reveal);
    QFETCH(QString, line);
    QCOMPARE(ListenerUrl::listeningLine(QStringLiteral("http://127.0.0.1:8089/"),
                                        QHostAddress(address), token, reveal),
             line);
}

QTEST_GUILESS_MAIN(TestListenerUrl)
#include "tst_listenerurl.moc"
