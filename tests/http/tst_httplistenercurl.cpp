// The listener against a real external client: curl, as a user sends a webhook by hand.
#include "http/httplistener.h"
#include "listenerfixture.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestHttpListenerCurl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void curlPostsJson();
    void curlLargeBodyUsesExpectContinue();
    void curlChunkedUpload();
    void curlOverLimitGets413();
    void curlHttpsIsTurnedAwayAtOnce();

private:
    QString curlPath() const;
};

void TestHttpListenerCurl::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
}

QString TestHttpListenerCurl::curlPath() const {
    return QStandardPaths::findExecutable(QStringLiteral("curl"));
}

void TestHttpListenerCurl::curlPostsJson() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    QProcess process;
    process.start(
        curl,
        {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
         QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-H"),
         QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-binary"),
         QStringLiteral("@") + TestSupport::dataPath(QStringLiteral("samples/general-mixed.json")),
         QStringLiteral("http://127.0.0.1:%1/webhook").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.body, body);
    QCOMPARE(capture.method, QByteArray("POST"));
    QVERIFY(capture.headerValue("User-Agent").startsWith("curl/"));
}

void TestHttpListenerCurl::curlLargeBodyUsesExpectContinue() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray body(3 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('A' + i % 23);
    const QString path = dir.filePath(QStringLiteral("big.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(body);
    file.close();
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                   QStringLiteral("--data-binary"), QStringLiteral("@") + path,
                   QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.headerValue("Expect"), QByteArray("100-continue"));
    QCOMPARE(capture.body.size(), body.size());
    QVERIFY(capture.body == body);
}

void TestHttpListenerCurl::curlChunkedUpload() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture;
    QTemporaryDir dir;
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/general-current-format.json"));
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-H"),
                   QStringLiteral("Transfer-Encoding: chunked"), QStringLiteral("--data-binary"),
                   QStringLiteral("@") +
                       TestSupport::dataPath(QStringLiteral("samples/general-current-format.json")),
                   QStringLiteral("http://127.0.0.1:%1/chunked").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.readAllStandardOutput(), QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.chunked);
    QCOMPARE(capture.body, body);
}

void TestHttpListenerCurl::curlOverLimitGets413() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    ListenerConfig config;
    config.maxBodyBytes = 1024 * 1024;
    Fixture fixture(config);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2 * 1024 * 1024, 'z'));
    file.close();
    QProcess process;
    process.start(curl,
                  {QStringLiteral("-sS"), QStringLiteral("-o"), dir.filePath(QStringLiteral("out")),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                   QStringLiteral("--data-binary"), QStringLiteral("@") + path,
                   QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)});
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(process.readAllStandardOutput(), QByteArray("413"));
    QVERIFY(fixture.waitForCaptures(1));
    QCOMPARE(fixture.captures.front().response.status, 413);
    QVERIFY(fixture.captures.front().body.isEmpty());
}

// An https:// URL pointed at the listener (a tunnel set up the wrong way round) sends a
// TLS handshake: it is recorded with a reason that says so, at once rather than after
// the request timeout (a ClientHello need not hold a line end).
void TestHttpListenerCurl::curlHttpsIsTurnedAwayAtOnce() {
    const QString curl = curlPath();
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    Fixture fixture; // the default request timeout: 30 s
    QProcess process;
    process.start(curl, {QStringLiteral("-sSk"), QStringLiteral("--max-time"), QStringLiteral("20"),
                         QStringLiteral("-o"), QStringLiteral("/dev/null"),
                         QStringLiteral("https://127.0.0.1:%1/webhook").arg(fixture.port)});
    QVERIFY(fixture.waitForCaptures(1, 5000));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.response.status, 400);
    QVERIFY2(capture.rejection.startsWith(
                 QStringLiteral("a TLS handshake: this listener speaks plain HTTP")),
             qPrintable(capture.rejection));
    QCOMPARE(capture.rawHead, QByteArray("\x16"));
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(process.state() == QProcess::NotRunning || finished.wait(20000));
    QVERIFY(process.exitCode() != 0); // curl found no TLS server
}

QTEST_GUILESS_MAIN(TestHttpListenerCurl)
#include "tst_httplistenercurl.moc"
