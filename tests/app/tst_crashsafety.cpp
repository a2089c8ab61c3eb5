// Kill test: the real executable captures under load and is killed with SIGKILL part way
// through; every request it answered with a 2xx must be in its session file afterwards.
#include "appprocess.h"

#include "session/capturereader.h"

#include <QSet>
#include <QTcpSocket>

namespace {

constexpr int Connections = 8;
constexpr int AcknowledgedBeforeKill = 1500;

// One keep-alive connection sending numbered webhooks back to back.
class Sender : public QObject {
public:
    Sender(quint16 port, int connection, QSet<int> *acknowledged)
        : m_connection(connection)
        , m_acknowledged(acknowledged) {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

private:
    void sendNext() {
        m_current = m_connection * 1000000 + m_sent++;
        const QByteArray body =
            R"({"EnterpriseId":"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15",)"
            R"("IntegrationId":"0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6","Events":[],)"
            R"("Probe":)" +
            QByteArray::number(m_current) + "}";
        m_socket.write(
            "POST /kill HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    void onReadyRead() {
        m_buffer += m_socket.readAll();
        // Each response is small and ends with its Content-Length body; look for full heads.
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = m_buffer.left(end);
            const qsizetype lengthAt = head.toLower().indexOf("content-length:");
            const int length =
                lengthAt < 0 ? 0 : head.mid(lengthAt + 15).split('\r').first().trimmed().toInt();
            if (m_buffer.size() < end + 4 + length)
                return;
            m_buffer.remove(0, end + 4 + length);
            if (head.startsWith("HTTP/1.1 2"))
                m_acknowledged->insert(m_current);
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    int m_connection;
    int m_sent = 0;
    int m_current = 0;
    QSet<int> *m_acknowledged;
};

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyAcknowledgedCaptureSurvivesSigkill();
};

void TestCrashSafety::everyAcknowledgedCaptureSurvivesSigkill() {
    QTemporaryDir home;
    const QString session = home.filePath(QStringLiteral("load.mwsession"));
    AppProcess app(home.path());
    const quint16 port = app.listen({QStringLiteral("--session"), session});
    QVERIFY2(port != 0, app.err.constData());

    QSet<int> acknowledged;
    std::vector<std::unique_ptr<Sender>> senders;
    for (int i = 0; i < Connections; ++i)
        senders.push_back(std::make_unique<Sender>(port, i + 1, &acknowledged));
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() >= AcknowledgedBeforeKill, 60000);
    app.process.kill(); // SIGKILL while requests are still arriving
    QVERIFY(app.finish());
    QCOMPARE(app.process.exitStatus(), QProcess::CrashExit);
    senders.clear();
    const QSet<int> answered = acknowledged;

    CaptureReader reader;
    QString error;
    QVERIFY2(reader.open(session, &error), qPrintable(error));
    QSet<int> stored;
    QVERIFY2(reader.forEach(
                 {},
                 [&](const AnalysedCapture &capture) {
                     const qsizetype at = capture.capture.body.indexOf("\"Probe\":");
                     if (at >= 0)
                         stored.insert(capture.capture.body.mid(at + 8).chopped(1).toInt());
                     return true;
                 },
                 &error),
             qPrintable(error));
    QSet<int> lost = answered;
    lost.subtract(stored);
    QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 of %2 acknowledged captures are missing")
                                            .arg(lost.size())
                                            .arg(answered.size())));
    QVERIFY(stored.size() >= answered.size());
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
