#include "http/messageframing.h"

#include <QTest>

// MessageFraming decides on a head already split into fields; tst_requestparser covers the
// framing rules through the parser. Here: the Host field's value (RFC 9112 §3.2).
class TestMessageFraming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checksHostValue_data();
    void checksHostValue();
};

void TestMessageFraming::checksHostValue_data() {
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("valid");

    auto valid = [](const char *name, const QByteArray &host) {
        QTest::newRow(name) << host << true;
    };
    auto invalid = [](const char *name, const QByteArray &host) {
        QTest::newRow(name) << host << false;
    };
    // Host = uri-host [ ":" port ]
    valid("reg-name", "a");
    valid("domain with port", "hooks.example.com:8089");
    valid("IPv4 with port", "127.0.0.1:18777");
    valid("empty (RFC 9110 §7.2)", "");
    valid("empty port", "a:");
    valid("unreserved marks", "a-b.c_d~e");
    valid("comma is a sub-delim", "a,b");
    valid("other sub-delims", "a!$&'()*+;=b");
    valid("pct-encoded", "caf%C3%a9.example");
    valid("digits that are no IPv4 address are a reg-name", "999.1");
    valid("IPv6 loopback", "[::1]");
    valid("IPv6 with port", "[2001:db8::7]:443");
    valid("IPv6 full", "[1:2:3:4:5:6:7:8]");
    valid("IPv6 gap at the end", "[1:2:3:4:5:6:7::]");
    valid("IPv6 all zero", "[::]");
    valid("IPv6 ending in IPv4", "[::ffff:192.0.2.1]");
    valid("IPv6 full with IPv4", "[1:2:3:4:5:6:192.0.2.1]");
    valid("IPvFuture", "[v1f.a:b!]:80");

    invalid("space", "a b");
    invalid("comma and space", "a, b");
    invalid("tab inside", "a\tb");
    invalid("userinfo", "user@evil");
    invalid("userinfo with port", "user:pw@evil:80");
    invalid("port not digits", "a:xyz");
    invalid("port with sign", "a:+80");
    invalid("two ports", "a:1:2");
    invalid("path and query", "a/b?c");
    invalid("fragment", "a#b");
    invalid("quote", "a\"b");
    invalid("obs-text", "caf\xc3\xa9");
    invalid("short pct-encoding", "a%4");
    invalid("pct-encoding not hex", "a%zz");
    invalid("IPv6 without brackets", "::1");
    invalid("unclosed bracket", "[::1");
    invalid("empty brackets", "[]");
    invalid("text after the bracket", "[::1]x");
    invalid("IPv6 port not digits", "[::1]:x");
    invalid("IPv6 two gaps", "[1::2::3]");
    invalid("IPv6 triple colon", "[1:::2]");
    invalid("IPv6 nine pieces", "[1:2:3:4:5:6:7:8:9]");
    invalid("IPv6 seven pieces", "[1:2:3:4:5:6:7]");
    invalid("IPv6 piece of five digits", "[12345::]");
    invalid("IPv6 piece not hex", "[::g]");
    invalid("IPv6 with zone", "[fe80::1%25eth0]");
    invalid("IPv4 octet over 255", "[::256.0.0.1]");
    invalid("IPv4 leading zero", "[::01.0.0.1]");
    invalid("IPv4 three octets", "[::1.2.3]");
    invalid("IPv4 in the middle", "[::1.2.3.4:5]");
    invalid("IPvFuture without version", "[v.a]");
    invalid("IPvFuture without address", "[v1.]");
    invalid("reg-name in brackets", "[a.example]");
}

void TestMessageFraming::checksHostValue() {
    QFETCH(QByteArray, host);
    QFETCH(bool, valid);
    for (const QByteArray &version : {QByteArray("HTTP/1.1"), QByteArray("HTTP/1.0")}) {
        HttpRequest request;
        request.method = "GET";
        request.target = "/";
        request.version = version;
        request.headers = {{"Host", host}, {"Accept", "*/*"}};
        const MessageFraming framing = MessageFraming::examine(request);
        if (valid) {
            QCOMPARE(framing.errorStatus, 0);
        } else {
            QCOMPARE(framing.errorStatus, 400);
            QCOMPARE(framing.errorReason, QByteArray("invalid Host header value"));
        }
    }
}

QTEST_APPLESS_MAIN(TestMessageFraming)

#include "tst_messageframing.moc"
