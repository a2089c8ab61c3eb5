#include "sessiontestdata.h"

#include "mews/secrets.h"
#include "session/curlcommand.h"
#include "session/sqlitedatabase.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

using namespace SessionTestData;

namespace {

/// Reads one request from the socket; returns the raw bytes once complete.
class OneRequestServer : public QObject {
public:
    OneRequestServer() {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                m_received += socket->readAll();
                if (complete()) {
                    socket->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: "
                                  "close\r\n\r\n");
                    socket->disconnectFromHost();
                }
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    const QByteArray &received() const { return m_received; }
    bool complete() const {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = m_received.left(end + 4).toLower();
        const qsizetype length = head.indexOf("\r\ncontent-length:");
        if (head.contains("\r\ntransfer-encoding: chunked"))
            return m_received.indexOf("\r\n0\r\n", end) >= 0 && m_received.endsWith("\r\n\r\n");
        if (length < 0)
            return true;
        const qsizetype eol = head.indexOf("\r\n", length + 2);
        const qint64 bodySize = head.mid(length + 17, eol - length - 17).trimmed().toLongLong();
        return m_received.size() >= end + 4 + bodySize;
    }

private:
    QTcpServer m_server;
    QByteArray m_received;
};

HeaderList parseHeaders(const QByteArray &head) {
    HeaderList headers;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

QByteArray dechunk(QByteArray chunked) {
    QByteArray body;
    while (true) {
        const qsizetype eol = chunked.indexOf("\r\n");
        const qint64 size = chunked.left(eol).toLongLong(nullptr, 16);
        if (size == 0)
            return body;
        body += chunked.mid(eol + 2, size);
        chunked = chunked.mid(eol + 2 + size + 2);
    }
}

} // namespace

class TestCurlCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reproducesTheRequest_data();
    void reproducesTheRequest();
    void lengthFollowsTheBodySent();
    void secretsAreMaskedUnlessRevealed();
    void quoting();

private:
    void runCommand(const Capture &capture, QByteArray *received);
    QString m_curl;
};

void TestCurlCommand::initTestCase() {
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (m_curl.isEmpty())
        QSKIP("curl is not installed");
}

void TestCurlCommand::reproducesTheRequest_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<bool>("exactBytes");
    const QList<Capture> odd = oddCaptures();
    QTest::newRow("General webhook")
        << webhook(TestSupport::readData(QStringLiteral("samples/general-mixed.json")), 1) << true;
    QTest::newRow("Integration webhook")
        << webhook(
               TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json")),
               2)
        << true;
    QTest::newRow("binary body with NUL bytes") << odd.at(0) << true;
    QTest::newRow("non-UTF-8 target and header, empty value") << odd.at(1) << false;
    QTest::newRow("GET without body") << odd.at(2) << true;
    QTest::newRow("chunked") << odd.at(3) << false;

    Capture quotes =
        webhook(QByteArrayLiteral("{\"a\":\"it's 100% \\\\ \\\"quoted\\\" $HOME `id` \\n\"}\n"), 3,
                "/a/../b/%7Bx%7D?list=[1,2]&q=%27");
    quotes.headers.append(HeaderField{"X-Dup", "one"});
    quotes.headers.append(HeaderField{"x-dup", "two"});
    quotes.headers.append(HeaderField{"Accept", "*/*"});
    quotes.rawHead = headFor(quotes.method, quotes.target, quotes.httpVersion, quotes.headers);
    QTest::newRow("shell metacharacters, dot segments, duplicates") << quotes << true;

    Capture big = webhook(QByteArray(300 * 1024, 'z'), 4);
    QTest::newRow("300 KiB body (over the argument size limit)") << big << true;

    Capture http10 = webhook(QByteArrayLiteral("{}"), 5);
    http10.httpVersion = QByteArrayLiteral("HTTP/1.0");
    http10.headers = {{"Content-Type", "application/json"}, {"Content-Length", "2"}};
    http10.rawHead = headFor(http10.method, http10.target, http10.httpVersion, http10.headers);
    QTest::newRow("HTTP/1.0 without Host") << http10 << true;
}

void TestCurlCommand::runCommand(const Capture &capture, QByteArray *received) {
    OneRequestServer server;
    QVERIFY(server.port() != 0);
    CurlCommand::Options options;
    options.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    options.revealSecrets = true;
    const QByteArray command = CurlCommand::build(capture, options);

    QVERIFY(isValidUtf8(command));
    // As pasted into a terminal; a file, because one argv string is limited to 128 KiB.
    QTemporaryFile script;
    QVERIFY(script.open());
    script.write(command + '\n');
    script.close();
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {script.fileName()});
    QVERIFY(shell.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 20000);
    QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
    QVERIFY2(server.complete(), server.received().left(400).constData());
    *received = server.received();
}

void TestCurlCommand::reproducesTheRequest() {
    QFETCH(Capture, capture);
    QFETCH(bool, exactBytes);
    QByteArray received;
    runCommand(capture, &received);
    if (QTest::currentTestFailed())
        return;
    const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
    const QByteArray head = received.left(headEnd);
    const QByteArray body = received.mid(headEnd);
    if (exactBytes) {
        QCOMPARE(head, capture.rawHead);
        QCOMPARE(body, capture.body);
    }
    QVERIFY(head.startsWith(
        QByteArray(capture.method + ' ' + capture.target + ' ' + capture.httpVersion + "\r\n")));
    QCOMPARE(parseHeaders(head), capture.headers);
    QCOMPARE(capture.chunked ? dechunk(body) : body, capture.body);
}

void TestCurlCommand::lengthFollowsTheBodySent() {
    // mitmproxy's HAR: the body decompressed, the fields as they came, with the gzip size.
    Capture imported = webhook(QByteArray(215, 'x'), 6);
    imported.origin = CaptureOrigin::HarImport;
    imported.headers = {{"Content-Type", "application/json"},
                        {"Content-Encoding", "gzip"},
                        {"Content-Length", "196"}};
    imported.rawHead =
        headFor(imported.method, imported.target, imported.httpVersion, imported.headers);
    QByteArray received;
    runCommand(imported, &received);
    if (QTest::currentTestFailed())
        return;
    const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
    QVERIFY2(received.left(headEnd).contains("\r\nContent-Length: 215\r\n"),
             received.left(headEnd).constData());
    QCOMPARE(received.mid(headEnd), imported.body);
    QVERIFY(received.left(headEnd).contains("\r\nContent-Encoding: gzip\r\n"));
}

void TestCurlCommand::secretsAreMaskedUnlessRevealed() {
    const Capture c = webhook(
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationApiKeyCreated.json")),
        1);
    const QByteArray masked = CurlCommand::build(c, {});
    QVERIFY(!masked.contains("s3cret-TOKEN"));
    QVERIFY(masked.contains("Content-Length: "));
    // The masked body is what would be sent, so Content-Length follows it.
    const QByteArray maskedLength =
        "Content-Length: " + QByteArray::number(Secrets::maskBody(c.body).size()) + '\'';
    QVERIFY(masked.contains(maskedLength));
    const QByteArray revealed = CurlCommand::build(c, {QStringLiteral("http://x"), true});
    QVERIFY(revealed.contains("s3cret-TOKEN-9f2c"));
}

void TestCurlCommand::quoting() {
    QCOMPARE(CurlCommand::shellQuote("it's"), QByteArrayLiteral("'it'\\''s'"));
    QCOMPARE(CurlCommand::printfFormat(QByteArray("a%b\\c\0\n'", 8)),
             QByteArrayLiteral("'a%%b\\\\c\\000\\012'\\'''"));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
