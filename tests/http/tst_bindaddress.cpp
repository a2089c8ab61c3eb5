#include "http/bindaddress.h"
#include "http/httplistener.h"
#include "httptestclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// BindAddress: what --bind and Listener settings can name, and where the listener then
// listens.
class TestBindAddress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listenable_data();
    void listenable();
    void problem_data();
    void problem();
    void sameEndpoint();
    void aMappedAddressListensOnItsIPv4Address();
};

void TestBindAddress::listenable_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("listensOn");
    QTest::newRow("IPv4-mapped loopback") << u"::ffff:127.0.0.1"_s << u"127.0.0.1"_s;
    QTest::newRow("IPv4-mapped, written in hex") << u"::ffff:7f00:1"_s << u"127.0.0.1"_s;
    QTest::newRow("IPv4-mapped any") << u"::ffff:0.0.0.0"_s << u"0.0.0.0"_s;
    QTest::newRow("IPv4") << u"192.0.2.1"_s << u"192.0.2.1"_s;
    QTest::newRow("IPv6 loopback") << u"::1"_s << u"::1"_s;
    // QHostAddress::toIPv4Address() would make these two IPv4.
    QTest::newRow("IPv6 any") << u"::"_s << u"::"_s;
    QTest::newRow("IPv4-compatible") << u"::127.0.0.1"_s << u"::7f00:1"_s;
    QTest::newRow("IPv4-translated") << u"::ffff:0:127.0.0.1"_s << u"::ffff:0:7f00:1"_s;
    QTest::newRow("NAT64") << u"64:ff9b::7f00:1"_s << u"64:ff9b::7f00:1"_s;
}

void TestBindAddress::listenable() {
    QFETCH(QString, address);
    QFETCH(QString, listensOn);
    QCOMPARE(BindAddress::listenable(QHostAddress(address)), QHostAddress(listensOn));
}

void TestBindAddress::problem_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QStringList>("mentions"); // empty: no problem
    QTest::newRow("IPv4 loopback") << u"127.0.0.1"_s << QStringList();
    QTest::newRow("not on this machine, which only listening finds out")
        << u"192.0.2.1"_s << QStringList();
    QTest::newRow("IPv4-mapped") << u"::ffff:127.0.0.1"_s << QStringList();
    QTest::newRow("IPv6 any") << u"::"_s << QStringList();
    QTest::newRow("link-local with its interface") << u"fe80::1%lo"_s << QStringList();
    QTest::newRow("IPv4 link-local") << u"169.254.1.1"_s << QStringList();
    QTest::newRow("link-local without its interface")
        << u"fe80::1"_s << QStringList{u"fe80::1 is a link-local address"_s, u"fe80::1%"_s};
    QTest::newRow("IPv4 multicast")
        << u"224.0.0.1"_s << QStringList{u"224.0.0.1 is a multicast address"_s};
    QTest::newRow("IPv6 multicast")
        << u"ff02::1"_s << QStringList{u"ff02::1 is a multicast address"_s};
    QTest::newRow("IPv4-mapped multicast")
        << u"::ffff:224.0.0.1"_s << QStringList{u"224.0.0.1 is a multicast address"_s};
    QTest::newRow("broadcast") << u"255.255.255.255"_s
                               << QStringList{u"255.255.255.255 is the broadcast address"_s};
}

void TestBindAddress::problem() {
    QFETCH(QString, address);
    QFETCH(QStringList, mentions);
    const QString problem = BindAddress::problem(QHostAddress(address));
    QCOMPARE(problem.isEmpty(), mentions.isEmpty());
    for (const QString &text : std::as_const(mentions))
        QVERIFY2(problem.contains(text), qPrintable(problem));
    QVERIFY(!problem.contains(u'\n'));
    // The listener (and with it the settings dialog) refuses the same addresses.
    ListenerConfig config;
    config.bindAddress = QHostAddress(address);
    QCOMPARE(HttpListener::checkConfig(config), problem);
}

void TestBindAddress::sameEndpoint() {
    ListenerConfig plain;
    ListenerConfig mapped = plain;
    mapped.bindAddress = QHostAddress(u"::ffff:127.0.0.1"_s);
    mapped.token = u"changes nothing of where"_s;
    QVERIFY(BindAddress::sameEndpoint(plain, mapped));
    ListenerConfig otherPort = mapped;
    otherPort.port = plain.port + 1;
    QVERIFY(!BindAddress::sameEndpoint(plain, otherPort));
    ListenerConfig ipv6 = plain;
    ipv6.bindAddress = QHostAddress(QHostAddress::LocalHostIPv6);
    QVERIFY(!BindAddress::sameEndpoint(plain, ipv6));
}

// A listening IPv6 socket takes IPv6 connections only, so ::ffff:127.0.0.1 failed with
// "Unsupported socket operation"; it listens on 127.0.0.1, and says so.
void TestBindAddress::aMappedAddressListensOnItsIPv4Address() {
    const QHostAddress loopback(QHostAddress::LocalHost);
    ListenerConfig config;
    config.bindAddress = QHostAddress(u"::ffff:127.0.0.1"_s);
    config.port = 0;
    HttpListener listener;
    QSignalSpy listening(&listener, &HttpListener::listening);
    QSignalSpy failed(&listener, &HttpListener::listenerFailed);
    QVERIFY2(listener.start(config),
             qPrintable(failed.value(0).value(0).value<ListenerFailure>().message));
    QCOMPARE(listening.size(), 1);
    QCOMPARE(listening.at(0).at(0).value<QHostAddress>(), loopback);
    HttpTestClient client;
    QVERIFY(client.connectTo(listener.serverPort(), loopback));

    // Moving there from elsewhere (Listener settings while listening) does the same.
    ListenerConfig elsewhere;
    elsewhere.port = 0;
    HttpListener moved;
    QVERIFY(moved.start(elsewhere));
    QSignalSpy movedListening(&moved, &HttpListener::listening);
    QString error;
    QVERIFY2(moved.rebind(config, &error), qPrintable(error));
    QCOMPARE(movedListening.size(), 1);
    QCOMPARE(movedListening.at(0).at(0).value<QHostAddress>(), loopback);
    HttpTestClient movedClient;
    QVERIFY(movedClient.connectTo(moved.serverPort(), loopback));
}

QTEST_GUILESS_MAIN(TestBindAddress)
#include "tst_bindaddress.moc"
