#include "capture/capture.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCapture : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerValueIgnoresCase() {
        Capture c;
        c.headers = {{"Content-Type", "application/json"}, {"X-Dup", "one"}, {"x-dup", "two"}};
        QCOMPARE(c.headerValue("content-type"), QByteArray("application/json"));
        QCOMPARE(c.headerValue("X-DUP"), QByteArray("one")); // the first of duplicates
        QVERIFY(c.headerValue("Authorization").isNull());
    }

    void pathDropsQueryAndAuthority_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("origin") << QByteArray("/webhook") << QByteArray("/webhook");
        QTest::newRow("query") << QByteArray("/webhook?Token=abc") << QByteArray("/webhook");
        QTest::newRow("absolute") << QByteArray("http://example.com/hook?x=1")
                                  << QByteArray("/hook");
        QTest::newRow("absolute, no path") << QByteArray("http://example.com") << QByteArray("/");
        QTest::newRow("asterisk") << QByteArray("*") << QByteArray("*");
    }
    void pathDropsQueryAndAuthority() {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, path);
        Capture c;
        c.target = target;
        QCOMPARE(c.path(), path);
    }

    void remoteEndpointBracketsIPv6_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("IPv4") << u"127.0.0.1"_s << 51234 << u"127.0.0.1:51234"_s;
        QTest::newRow("IPv6 loopback") << u"::1"_s << 39620 << u"[::1]:39620"_s;
        QTest::newRow("IPv6 scoped") << u"fe80::1%eth0"_s << 8 << u"[fe80::1%eth0]:8"_s;
        QTest::newRow("IPv4-mapped")
            << u"::ffff:10.0.0.2"_s << 65535 << u"[::ffff:10.0.0.2]:65535"_s;
        // What a session file's damaged or lost port is read as.
        QTest::newRow("port not known") << u"127.0.0.1"_s << 0 << u"127.0.0.1:?"_s;
    }
    void remoteEndpointBracketsIPv6() {
        QFETCH(QString, address);
        QFETCH(int, port);
        QFETCH(QString, endpoint);
        Capture c;
        c.remoteAddress = address;
        c.remotePort = quint16(port);
        QCOMPARE(c.remoteEndpoint(), endpoint);
    }
    void answerDelayCountsFromTheFirstByte() {
        Capture c;
        QCOMPARE(c.answerDelayMs(), -1); // nothing sent
        c.firstByteUtcMs = 1000;
        c.completeUtcMs = 1400;
        c.response.sentUtcMs = 7000;
        QCOMPARE(c.answerDelayMs(), 6000);
        c.firstByteUtcMs = 0;
        QCOMPARE(c.answerDelayMs(), -1); // the first byte's time is not known
        c.firstByteUtcMs = 7500;         // a clock step backwards is no negative wait
        QCOMPARE(c.answerDelayMs(), 0);
    }
    // The rule the capture and the index row share: a status first, then where the
    // capture came from, then whether the listener turned it away.
    void responseRecordOfWeighsStatusThenOriginThenRejection_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("harImported");
        QTest::addColumn<bool>("rejected");
        QTest::addColumn<ResponseRecord>("record");
        QTest::newRow("answered") << 200 << false << false << ResponseRecord::Answered;
        QTest::newRow("answered, rejected") << 401 << false << true << ResponseRecord::Answered;
        QTest::newRow("HAR, answered") << 204 << true << false << ResponseRecord::Answered;
        QTest::newRow("HAR, answered, rejected") << 503 << true << true << ResponseRecord::Answered;
        QTest::newRow("HAR, status 0") << 0 << true << false << ResponseRecord::NotInHar;
        QTest::newRow("HAR, status 0, rejected") << 0 << true << true << ResponseRecord::NotInHar;
        QTest::newRow("cut short by its client") << 0 << false << true << ResponseRecord::NotSent;
        QTest::newRow("salvaged") << 0 << false << false << ResponseRecord::Unknown;
    }
    void responseRecordOfWeighsStatusThenOriginThenRejection() {
        QFETCH(int, status);
        QFETCH(bool, harImported);
        QFETCH(bool, rejected);
        QFETCH(ResponseRecord, record);
        QCOMPARE(responseRecordOf(status, harImported, rejected), record);
    }
    // Status 0 is no answer, never an answer with status 0.
    void responseRecordSaysWhetherThereWasAnAnswer() {
        Capture c;
        QCOMPARE(c.responseRecord(), ResponseRecord::Unknown); // a salvage lost the status
        c.rejection = QStringLiteral("the client closed the connection before the request was "
                                     "complete");
        QCOMPARE(c.responseRecord(), ResponseRecord::NotSent); // cut short by its client
        c.origin = CaptureOrigin::HarImport;
        QCOMPARE(c.responseRecord(), ResponseRecord::NotInHar); // HAR's status 0
        c.response.status = 200;
        QCOMPARE(c.responseRecord(), ResponseRecord::Answered);
        c.origin = CaptureOrigin::Listener;
        QCOMPARE(c.responseRecord(), ResponseRecord::Answered);
    }
};

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
