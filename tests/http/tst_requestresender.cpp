// RequestResender against a real server on loopback that records the bytes it receives.
#include "http/requestresender.h"
#include "oneshotserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

Capture captured(const QByteArray &target) {
    Capture c;
    c.method = "PUT";
    c.target = target;
    c.httpVersion = "HTTP/1.1";
    c.headers = {{"Host", "example.mews.invalid"},
                 {"Content-Type", "application/json"},
                 {"X-Trace", "a"},
                 {"Content-Length", "999"},
                 {"x-trace", "b"},
                 {"Connection", "close"},
                 {"User-Agent", "Mews/1.0"}};
    c.body = QByteArray("{\"x\":\"\0\xff\"}", 11);
    return c;
}

QList<QByteArray> headLines(const QByteArray &request) {
    return request.left(request.indexOf("\r\n\r\n")).split('\n');
}

bool hasLine(const QList<QByteArray> &lines, const QByteArray &line) {
    for (const QByteArray &each : lines) {
        if (each.trimmed().compare(line, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

class TestRequestResender : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sendsMethodFieldsAndBodyAsCaptured();
    void destinations_data();
    void destinations();
    void anErrorStatusIsAnAnswer();
    void reportsARefusedConnection();
    void givesUpAfterItsTimeout();
    void oneResendAtATime();
};

void TestRequestResender::sendsMethodFieldsAndBodyAsCaptured() {
    OneShotServer server("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Answer: yes\r\n\r\nok");
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QString error;
    QVERIFY2(resender.send(captured("/hook?Token=abc"),
                           QStringLiteral("http://127.0.0.1:%1").arg(server.port()), &error),
             qPrintable(error));
    QVERIFY(resender.isSending());
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.status, 201);
    QCOMPARE(outcome.reason, QByteArray("Created"));
    QCOMPARE(outcome.body, QByteArray("ok"));
    QVERIFY(outcome.headers.contains(HeaderField{"X-Answer", "yes"}));
    QCOMPARE(outcome.url.toString(),
             QStringLiteral("http://127.0.0.1:%1/hook?Token=abc").arg(server.port()));
    QVERIFY(!resender.isSending());

    const QByteArray request = server.received();
    QVERIFY2(request.startsWith("PUT /hook?Token=abc HTTP/1.1\r\n"), request.constData());
    const QList<QByteArray> lines = headLines(request);
    QVERIFY(hasLine(lines, "Content-Type: application/json"));
    QVERIFY(hasLine(lines, "User-Agent: Mews/1.0"));
    QVERIFY(hasLine(lines, "X-Trace: a, b")); // one field, the values in order
    // the connection's own fields are the new connection's
    QVERIFY(hasLine(lines, "Host: 127.0.0.1:" + QByteArray::number(server.port())));
    QVERIFY(hasLine(lines, "Content-Length: 11"));
    QVERIFY(!hasLine(lines, "Content-Length: 999"));
    QVERIFY(!hasLine(lines, "Host: example.mews.invalid"));
    QVERIFY(!hasLine(lines, "Connection: close"));
    QCOMPARE(request.mid(request.indexOf("\r\n\r\n") + 4), captured("/").body);
}

void TestRequestResender::destinations_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("url"); // empty: refused

    QTest::newRow("no path takes the captured path and query")
        << QByteArray("/hook?Token=abc") << QStringLiteral("http://localhost:3000")
        << QStringLiteral("http://localhost:3000/hook?Token=abc");
    QTest::newRow("a path is used as it is")
        << QByteArray("/hook?Token=abc") << QStringLiteral("https://dev.example/mews/in")
        << QStringLiteral("https://dev.example/mews/in");
    QTest::newRow("a root path too")
        << QByteArray("/hook?Token=abc") << QStringLiteral("http://localhost:3000/")
        << QStringLiteral("http://localhost:3000/");
    QTest::newRow("absolute-form target")
        << QByteArray("http://inspector.local:8089/a/b?c=d") << QStringLiteral("localhost:3000")
        << QStringLiteral("http://localhost:3000/a/b?c=d");
    QTest::newRow("absolute-form target without a path")
        << QByteArray("http://inspector.local:8089?c=d") << QStringLiteral("http://h")
        << QStringLiteral("http://h/?c=d");
    QTest::newRow("not http") << QByteArray("/") << QStringLiteral("ftp://host/x") << QString();
    QTest::newRow("no host") << QByteArray("/") << QStringLiteral("http://") << QString();
    QTest::newRow("empty") << QByteArray("/") << QString() << QString();
}

void TestRequestResender::destinations() {
    QFETCH(QByteArray, target);
    QFETCH(QString, destination);
    QFETCH(QString, url);
    QString error;
    const QUrl result = RequestResender::destinationFor(captured(target), destination, &error);
    if (url.isEmpty()) {
        QVERIFY(!result.isValid());
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(result.toString(), url);
    }
}

void TestRequestResender::anErrorStatusIsAnAnswer() {
    OneShotServer server("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom");
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1/x").arg(server.port()),
                          nullptr));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 500);
    QCOMPARE(outcome.body, QByteArray("boom"));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(server.received().startsWith("PUT /x HTTP/1.1\r\n"));
}

void TestRequestResender::reportsARefusedConnection() {
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1").arg(port), nullptr));
    QVERIFY(finished.wait(WaitMs));
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 0);
    QVERIFY2(outcome.error.contains(QLatin1String("refused"), Qt::CaseInsensitive),
             qPrintable(outcome.error));
}

void TestRequestResender::givesUpAfterItsTimeout() {
    OneShotServer silent{QByteArray()};
    RequestResender resender;
    resender.setTimeout(300);
    QSignalSpy finished(&resender, &RequestResender::finished);
    QVERIFY(resender.send(captured("/"), QStringLiteral("http://127.0.0.1:%1").arg(silent.port()),
                          nullptr));
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(silent.complete()); // it arrived, and no answer came
    const auto outcome = finished.at(0).at(0).value<RequestResender::Outcome>();
    QCOMPARE(outcome.status, 0);
    QCOMPARE(outcome.error, QStringLiteral("no answer within 0.3 s"));
}

void TestRequestResender::oneResendAtATime() {
    OneShotServer silent{QByteArray()};
    RequestResender resender;
    QSignalSpy finished(&resender, &RequestResender::finished);
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(silent.port());
    QVERIFY(resender.send(captured("/"), url, nullptr));
    QString error;
    QVERIFY(!resender.send(captured("/"), url, &error));
    QVERIFY(!error.isEmpty());
    resender.abort(); // may report at once
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
    QCOMPARE(finished.at(0).at(0).value<RequestResender::Outcome>().error,
             QStringLiteral("cancelled"));
    QVERIFY(!resender.isSending());
}

QTEST_GUILESS_MAIN(TestRequestResender)
#include "tst_requestresender.moc"
