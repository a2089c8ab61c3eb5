#include "http/urisyntax.h"

#include <QTest>

class TestUriSyntax : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hostValue_data();
    void hostValue();
    void target_data();
    void target();
};

void TestUriSyntax::hostValue_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char *value, bool valid) {
        QTest::addRow("%s", value) << QByteArray(value) << valid;
    };
    row("", true);
    row("example.com", true);
    row("example.com:8089", true);
    row("example.com:", true); // port = *DIGIT
    row("127.0.0.1:80", true);
    row("[::1]", true);
    row("[::1]:8089", true);
    row("[2001:db8::7]", true);
    row("[1:2:3:4:5:6:7:8]", true);
    row("[::ffff:192.0.2.1]", true);
    row("[v1.fe80::a+en1]", true);
    row("a%20b", true);
    row("a b", false);
    row("a, b", false);
    row("user@evil", false);
    row("a:xyz", false);
    row("a/b?c", false);
    row("a%2", false);
    row("[::1", false);
    row("::1", false);
    row("[1:2:3:4:5:6:7:8:9]", false);
    row("[1::2::3]", false);
    row("[1:2:3:4::5:6:7:8]", false); // "::" stands for at least one piece
    row("[1:2:3::5:6:7:8]", true);
    row("[::1]x", false);
    row("[12345::]", false);
    row("[::256.0.0.1]", false);
    row("[v.x]", false);
}

void TestUriSyntax::hostValue() {
    QFETCH(QByteArray, value);
    QTEST(UriSyntax::isHostValue(value), "valid");
}

void TestUriSyntax::target_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("problem"); // null: valid
    const auto ok = [](const char *name, const char *method, const char *target) {
        QTest::newRow(name) << QByteArray(method) << QByteArray(target) << QByteArray();
    };
    const auto bad = [](const char *name, const char *method, const char *target,
                        const char *problem) {
        QTest::newRow(name) << QByteArray(method) << QByteArray(target) << QByteArray(problem);
    };
    ok("origin-form", "POST", "/webhook");
    ok("origin-form with query", "POST", "/webhook?Token=a%2Bb&x=1;y=2");
    ok("root", "GET", "/");
    ok("pchar marks", "GET", "/a:b@c!$&'()*+,;=-._~");
    ok("absolute-form", "GET", "http://example.com/a?b");
    ok("absolute-form with userinfo and IPv6", "GET", "http://u:p@[::1]:8089/x");
    ok("absolute-form without authority", "GET", "urn:example:a");
    ok("asterisk-form", "OPTIONS", "*");
    ok("authority-form", "CONNECT", "example.com:443");
    ok("authority-form IPv6", "CONNECT", "[::1]:443");
    bad("asterisk for POST", "POST", "*", "the * target is only valid for OPTIONS");
    bad("relative", "GET", "webhook", "the request target is neither a path nor an absolute URI");
    bad("scheme only", "GET", "http:", "the request target is neither a path nor an absolute URI");
    bad("scheme starting with a digit", "GET", "1http://a/",
        "the request target is neither a path nor an absolute URI");
    bad("fragment", "GET", "/a#b", "invalid character '#' in the request target");
    bad("space", "GET", "/a b", "invalid byte 0x20 in the request target");
    bad("control", "GET", "/a\x01", "invalid byte 0x01 in the request target");
    bad("high byte", "GET", "/caf\xc3\xa9", "invalid byte 0xC3 in the request target");
    bad("lone percent", "GET", "/100%", "invalid percent-encoding in the request target");
    bad("percent not hex", "GET", "/a%zz", "invalid percent-encoding in the request target");
    bad("bracket in a path", "GET", "/a[0]", "invalid character '[' in the request target");
    bad("bracket after the authority", "GET", "http://a/[x]",
        "invalid character '[' in the request target");
    bad("bad port", "GET", "http://a:b/", "invalid authority in the request target");
    bad("unclosed IPv6", "GET", "http://[::1/x", "invalid authority in the request target");
    bad("CONNECT without port", "CONNECT", "example.com", "CONNECT needs a host:port target");
    bad("CONNECT with empty port", "CONNECT", "example.com:", "CONNECT needs a host:port target");
    bad("CONNECT with a path", "CONNECT", "/a", "CONNECT needs a host:port target");
}

void TestUriSyntax::target() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, problem);
    const QByteArray found = UriSyntax::checkTarget(method, target);
    QCOMPARE(found.isNull(), problem.isNull());
    QCOMPARE(found, problem);
}

QTEST_APPLESS_MAIN(TestUriSyntax)
#include "tst_urisyntax.moc"
