#include "requestresender.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace {

/// The target as origin-form (path and query), also when it came in absolute-form.
QByteArray originForm(const QByteArray &target) {
    const qsizetype scheme = target.indexOf("://");
    if (scheme < 0 || target.startsWith('/'))
        return target;
    const qsizetype path = target.indexOf('/', scheme + 3);
    const qsizetype query = target.indexOf('?', scheme + 3);
    if (path < 0 && query < 0)
        return QByteArrayLiteral("/");
    if (path < 0 || (query >= 0 && query < path))
        return '/' + target.mid(query);
    return target.mid(path);
}

} // namespace

RequestResender::RequestResender(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<RequestResender::Outcome>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        complete(
            m_reader && m_reader->status() != 0
                ? QStringLiteral("the answer did not finish within %1 s").arg(m_timeoutMs / 1000.0)
                : QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000.0));
    });
}

RequestResender::~RequestResender() {
    if (m_socket)
        m_socket->disconnect(this);
}

bool RequestResender::isConnectionField(QByteArrayView name) {
    static const QByteArrayView own[] = {
        "Host", "Content-Length", "Transfer-Encoding", "Connection",       "Keep-Alive",
        "TE",   "Trailer",        "Upgrade",           "Proxy-Connection", "Expect"};
    for (const QByteArrayView field : own) {
        if (name.compare(field, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QUrl RequestResender::destinationFor(const Capture &capture, const QString &destination,
                                     QString *error) {
    const QUrl given = QUrl::fromUserInput(destination.trimmed());
    const QString scheme = given.scheme().toLower();
    if (!given.isValid() || given.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(destination);
        return {};
    }
    if (!given.path().isEmpty())
        return given;
    // No path: the capture's own path and query go to the new host.
    const QByteArray origin = originForm(capture.target);
    QUrl url =
        QUrl::fromEncoded(given.toEncoded() + (origin.startsWith('/') ? origin : '/' + origin));
    if (!url.isValid()) {
        if (error)
            *error = QStringLiteral("the captured target cannot be sent to %1").arg(destination);
        return {};
    }
    return url;
}

QByteArray RequestResender::requestBytes(const Capture &capture, const QString &destination,
                                         QString *error) {
    QUrl url;
    return requestFor(capture, destination, &url, error);
}

QByteArray RequestResender::requestFor(const Capture &capture, const QString &destination,
                                       QUrl *destinationUrl, QString *error) {
    const QUrl url = destinationFor(capture, destination, error);
    *destinationUrl = url;
    if (!url.isValid())
        return {};
    const QByteArray target =
        QUrl::fromUserInput(destination.trimmed()).path().isEmpty()
            ? originForm(capture.target) // the captured bytes, not QUrl's reading of them
            : url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());

    const QByteArray method = capture.method.isEmpty() ? QByteArrayLiteral("POST") : capture.method;
    // asterisk-form (OPTIONS *) stays as it is; anything else is origin-form.
    const bool asIs = target.startsWith('/') || target == "*";
    QByteArray out =
        method + ' ' + (asIs ? target : '/' + target) + QByteArrayLiteral(" HTTP/1.1\r\n");
    out.reserve(out.size() + capture.rawHead.size() + capture.body.size() + 128);
    const QByteArray length =
        QByteArrayLiteral("Content-Length: ") + QByteArray::number(capture.body.size()) + "\r\n";
    bool hostWritten = false;
    bool lengthWritten = false;
    bool connectionWritten = false;
    const auto writeHost = [&] {
        out += QByteArrayLiteral("Host: ") + host + "\r\n";
        if (!url.userName().isEmpty() && capture.headerValue("Authorization").isNull()) {
            const QByteArray credentials = url.userName().toUtf8() + ':' + url.password().toUtf8();
            out += QByteArrayLiteral("Authorization: Basic ") + credentials.toBase64() + "\r\n";
        }
        hostWritten = true;
    };
    if (capture.headerValue("Host").isNull())
        writeHost(); // a request without Host (HTTP/1.0, or an imported HAR entry): first
    const bool sendsLength = !capture.body.isEmpty() || capture.chunked || method == "POST" ||
                             method == "PUT" || method == "PATCH";
    for (const HeaderField &field : capture.headers) {
        if (!isConnectionField(field.name)) {
            out += field.name + ": " + field.value + "\r\n";
            continue;
        }
        // The connection's own fields, made anew where the captured ones were.
        const QByteArrayView name = field.name;
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            if (!hostWritten)
                writeHost();
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
                   name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            if (!lengthWritten && sendsLength)
                out += length;
            lengthWritten = true;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            if (!connectionWritten)
                out += QByteArrayLiteral("Connection: close\r\n");
            connectionWritten = true;
        }
    }
    if (!lengthWritten && sendsLength)
        out += length;
    if (!connectionWritten)
        out += QByteArrayLiteral("Connection: close\r\n");
    out += QByteArrayLiteral("\r\n") + capture.body;
    return out;
}

bool RequestResender::send(const Capture &capture, const QString &destination, QString *error) {
    if (isSending()) {
        if (error)
            *error = QStringLiteral("a resend is running");
        return false;
    }
    m_request = requestFor(capture, destination, &m_url, error);
    if (m_request.isEmpty())
        return false;
    const bool https = m_url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (https && !QSslSocket::supportsSsl()) {
        if (error)
            *error = QStringLiteral("https is not available: Qt found no TLS library");
        return false;
    }
    m_reader.emplace(capture.method == "HEAD", MaxBodyBytes);
    QTcpSocket *socket = https ? new QSslSocket : new QTcpSocket;
    m_socket.reset(socket);
    connect(socket, &QTcpSocket::readyRead, this, &RequestResender::readSome);
    connect(socket, &QTcpSocket::disconnected, this, &RequestResender::closed);
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError code) {
        if (code == QAbstractSocket::RemoteHostClosedError)
            closed();
        else if (m_socket)
            complete(m_socket->errorString());
    });
    m_clock.start();
    m_timer.start(m_timeoutMs);
    const quint16 port = quint16(m_url.port(https ? 443 : 80));
    if (https)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(m_url.host(), port);
    else
        socket->connectToHost(m_url.host(), port);
    socket->write(m_request); // held until the connection (and its TLS handshake) is up
    return true;
}

void RequestResender::abort() {
    if (isSending())
        complete(QStringLiteral("cancelled"));
}

void RequestResender::readSome() {
    if (!m_socket || !m_reader)
        return;
    const HttpResponseReader::State state = m_reader->feed(m_socket->readAll());
    if (state == HttpResponseReader::State::Done)
        complete({});
    else if (state == HttpResponseReader::State::Failed)
        complete(m_reader->error());
}

void RequestResender::closed() {
    if (!m_socket || !m_reader)
        return;
    m_reader->feed(m_socket->readAll());
    if (m_reader->state() == HttpResponseReader::State::Done)
        return complete({});
    m_reader->finish();
    complete(m_reader->state() == HttpResponseReader::State::Done ? QString() : m_reader->error());
}

void RequestResender::complete(const QString &error) {
    if (!m_socket)
        return;
    m_timer.stop();
    // Called from the socket's own signals: it is let go of, not deleted here.
    QTcpSocket *socket = m_socket.release();
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();

    Outcome outcome;
    outcome.url = m_url;
    outcome.elapsedMs = m_clock.elapsed();
    if (m_reader && m_reader->status() != 0) {
        outcome.status = m_reader->status();
        outcome.reason = m_reader->reason();
        outcome.headers = m_reader->headers();
        outcome.body = m_reader->body();
        outcome.bodyCut = m_reader->bodyCut();
    }
    outcome.error = error;
    m_reader.reset();
    Q_EMIT finished(outcome);
}
