// The listener against a real external client: curl, as a user sends a webhook by hand.
#include "http/httplistener.h"
#include "listenerfixture.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString curlPath() {
    return QStandardPaths::findExecutable(QStringLiteral("curl"));
}

/// What a curl run left: whether it ended in the time given, and if so how.
struct CurlRun {
    bool finished = false;
    QByteArray failure; // why it did not finish, for the test's failure message
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// curl as a child process. It is waited for with the event loop running, because the
/// listener it talks to lives in the test's own thread.
class CurlProcess {
public:
    void start(const QStringList &arguments) { m_process.start(curlPath(), arguments); }

    /// Waits until curl has ended (it may have already); a curl still running once the time
    /// is up is killed when this object goes.
    CurlRun finish(int timeoutMs) {
        QSignalSpy finished(&m_process, &QProcess::finished);
        CurlRun run;
        run.finished = m_process.state() == QProcess::NotRunning || finished.wait(timeoutMs);
        run.exitCode = m_process.exitCode();
        run.out = m_process.readAllStandardOutput();
        run.err = m_process.readAllStandardError();
        if (m_process.error() == QProcess::FailedToStart) {
            run.finished = false;
            run.failure = "curl did not start: " + m_process.errorString().toUtf8();
        } else if (!run.finished) {
            run.failure = "curl did not finish within " + QByteArray::number(timeoutMs) +
                          " ms; its stderr: " + run.err;
        }
        return run;
    }

private:
    QProcess m_process;
};

CurlRun runCurl(const QStringList &arguments, int timeoutMs) {
    CurlProcess curl;
    curl.start(arguments);
    return curl.finish(timeoutMs);
}

/// curl's arguments to POST a file's bytes as they are to url, the response body written to
/// output and only the status code printed.
QStringList postFile(const QString &output, const QString &file, const QString &url,
                     const QStringList &headers = {}) {
    QStringList arguments{QStringLiteral("-sS"), QStringLiteral("-o"), output, QStringLiteral("-w"),
                          QStringLiteral("%{http_code}")};
    for (const QString &header : headers)
        arguments << QStringLiteral("-H") << header;
    arguments << QStringLiteral("--data-binary") << QStringLiteral("@") + file << url;
    return arguments;
}

} // namespace

class TestHttpListenerCurl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void curlPostsJson();
    void curlLargeBodyUsesExpectContinue();
    void curlChunkedUpload();
    void curlOverLimitGets413();
    void curlHttpsIsTurnedAwayAtOnce();
};

void TestHttpListenerCurl::initTestCase() {
    qRegisterMetaType<QList<Capture>>();
    if (curlPath().isEmpty())
        QSKIP("curl is not installed");
}

void TestHttpListenerCurl::curlPostsJson() {
    Fixture fixture;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const CurlRun run =
        runCurl(postFile(dir.filePath(QStringLiteral("out")),
                         TestSupport::dataPath(QStringLiteral("samples/general-mixed.json")),
                         QStringLiteral("http://127.0.0.1:%1/webhook").arg(fixture.port),
                         {QStringLiteral("Content-Type: application/json")}),
                20000);
    QVERIFY2(run.finished, run.failure.constData());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.body, body);
    QCOMPARE(capture.method, QByteArray("POST"));
    QVERIFY(capture.headerValue("User-Agent").startsWith("curl/"));
}

void TestHttpListenerCurl::curlLargeBodyUsesExpectContinue() {
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
    const CurlRun run =
        runCurl(postFile(dir.filePath(QStringLiteral("out")), path,
                         QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)),
                30000);
    QVERIFY2(run.finished, run.failure.constData());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.headerValue("Expect"), QByteArray("100-continue"));
    QCOMPARE(capture.body.size(), body.size());
    QVERIFY(capture.body == body);
}

void TestHttpListenerCurl::curlChunkedUpload() {
    Fixture fixture;
    QTemporaryDir dir;
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/general-current-format.json"));
    const CurlRun run = runCurl(
        postFile(dir.filePath(QStringLiteral("out")),
                 TestSupport::dataPath(QStringLiteral("samples/general-current-format.json")),
                 QStringLiteral("http://127.0.0.1:%1/chunked").arg(fixture.port),
                 {QStringLiteral("Transfer-Encoding: chunked")}),
        20000);
    QVERIFY2(run.finished, run.failure.constData());
    QCOMPARE(run.out, QByteArray("200"));
    QVERIFY(fixture.waitForCaptures(1));
    const Capture capture = fixture.captures.front();
    QVERIFY(capture.chunked);
    QCOMPARE(capture.body, body);
}

void TestHttpListenerCurl::curlOverLimitGets413() {
    ListenerConfig config;
    config.maxBodyBytes = 1024 * 1024;
    Fixture fixture(config);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(2 * 1024 * 1024, 'z'));
    file.close();
    const CurlRun run =
        runCurl(postFile(dir.filePath(QStringLiteral("out")), path,
                         QStringLiteral("http://127.0.0.1:%1/big").arg(fixture.port)),
                20000);
    QVERIFY2(run.finished, run.failure.constData());
    QCOMPARE(run.out, QByteArray("413"));
    QVERIFY(fixture.waitForCaptures(1));
    QCOMPARE(fixture.captures.front().response.status, 413);
    QVERIFY(fixture.captures.front().body.isEmpty());
}

// An https:// URL pointed at the listener (a tunnel set up the wrong way round) sends a
// TLS handshake: it is recorded with a reason that says so, at once rather than after
// the request timeout (a ClientHello need not hold a line end).
void TestHttpListenerCurl::curlHttpsIsTurnedAwayAtOnce() {
    Fixture fixture; // the default request timeout: 30 s
    CurlProcess curl;
    curl.start({QStringLiteral("-sSk"), QStringLiteral("--max-time"), QStringLiteral("20"),
                QStringLiteral("-o"), QStringLiteral("/dev/null"),
                QStringLiteral("https://127.0.0.1:%1/webhook").arg(fixture.port)});
    QVERIFY(fixture.waitForCaptures(1, 5000));
    const Capture capture = fixture.captures.front();
    QCOMPARE(capture.response.status, 400);
    QVERIFY2(capture.rejection.startsWith(
                 QStringLiteral("a TLS handshake: this listener speaks plain HTTP")),
             qPrintable(capture.rejection));
    QCOMPARE(capture.rawHead, QByteArray("\x16"));
    const CurlRun run = curl.finish(20000);
    QVERIFY2(run.finished, run.failure.constData());
    QVERIFY(run.exitCode != 0); // curl found no TLS server
}

QTEST_GUILESS_MAIN(TestHttpListenerCurl)
#include "tst_httplistenercurl.moc"
