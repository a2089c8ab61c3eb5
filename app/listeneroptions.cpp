#include "listeneroptions.h"

#include "http/bindaddress.h"
#include "http/httplistener.h"
#include "http/httpresponse.h"
#include "http/httpsyntax.h"
#include "http/responserules.h"

#include <QFile>

namespace {

using namespace Qt::Literals::StringLiterals;

// "--option: 'value' why", joined rather than .arg()'d: a value such as %2 would otherwise
// take the place of a number that the message substitutes after it.
QString refusal(const QCommandLineOption &option, const QString &value, const QString &why) {
    return "--"_L1 + option.names().constFirst() + ": '"_L1 + value + "' "_L1 + why;
}

// Reads a whole number option, if given, into *out (times unit); what is wrong with it
// otherwise, saying the range, or an empty string.
template <typename T>
QString readNumber(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 min,
                   qint64 max, QLatin1StringView what, T *out, int unit = 1) {
    if (!parser.isSet(option))
        return {};
    const QString text = parser.value(option);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        return refusal(
            option, text,
            "is not %1 (%2-%3)"_L1.arg(what, QString::number(min), QString::number(max)));
    }
    *out = T(value * unit);
    return {};
}

} // namespace

ListenerOptions::ListenerOptions()
    : ListenerOptions(ListenerConfig()) {
}

// The help gives each default, so it is made from a default configuration.
ListenerOptions::ListenerOptions(const ListenerConfig &defaults)
    : m_bind(
          QStringLiteral("bind"),
          QStringLiteral("Listen on this address (default %1). Use 0.0.0.0 or :: only when other "
                         "machines must reach you.")
              .arg(defaults.bindAddress.toString()),
          QStringLiteral("ADDR"))
    , m_port(
          QStringLiteral("port"),
          QStringLiteral("Listen on this TCP port (default %1; 0 picks a free one and prints it).")
              .arg(ListenerConfig::DefaultPort),
          QStringLiteral("N"))
    , m_token(QStringLiteral("token"),
              QStringLiteral(
                  "Require ?Token=SECRET on every request, as Mews sends it; others get 401."),
              QStringLiteral("SECRET"))
    , m_maxBody(
          QStringLiteral("max-body"),
          QStringLiteral("Largest accepted body, 1 byte to %1M, e.g. 512K or 32M (default %2); "
                         "larger ones get 413.")
              .arg(ListenerConfig::MaxBodyLimit / ListenerConfig::Mebibyte)
              .arg(ListenerConfig::mebibytes(defaults.maxBodyBytes)),
          QStringLiteral("BYTES"))
    , m_requestTimeout(
          QStringLiteral("request-timeout"),
          QStringLiteral("Seconds a client has to send a whole request, 1 to %1 (default %2); "
                         "then 408.")
              .arg(ListenerConfig::MaxRequestTimeoutSeconds)
              .arg(defaults.requestTimeoutMs / 1000),
          QStringLiteral("SECONDS"))
    , m_maxConnections(
          QStringLiteral("max-connections"),
          QStringLiteral("Open connections allowed at once, 1 to %1 (default %2); more get 503.")
              .arg(ListenerConfig::MaxConnectionsLimit)
              .arg(defaults.maxConnections),
          QStringLiteral("N"))
    , m_responseStatus(
          QStringLiteral("response-status"),
          QStringLiteral("Status code to answer accepted requests with (default 200). A 204 or "
                         "304 is sent without a body."),
          QStringLiteral("CODE"))
    , m_responseBody(
          QStringLiteral("response-body"),
          QStringLiteral(
              "Response body: TEXT, or @FILE to read it from a file (default {\"ok\":true}, "
              "none for a 204 or 304)."),
          QStringLiteral("TEXT|@FILE"))
    , m_responseHeader(
          QStringLiteral("response-header"),
          QStringLiteral("Response header 'Name: value'; repeat for more. Replaces the default "
                         "Content-Type: application/json. Content-Length, Transfer-Encoding, "
                         "Connection and Keep-Alive are the listener's own and refused."),
          QStringLiteral("HEADER"))
    , m_responseDelay(
          QStringLiteral("response-delay"),
          QStringLiteral("Milliseconds to wait before answering, 0 to %1 (default 0; Mews gives "
                         "up after 5000).")
              .arg(ListenerConfig::MaxResponseDelayMs),
          QStringLiteral("MS")) {
}

QList<QCommandLineOption> ListenerOptions::all() const {
    return {m_bind,           m_port,           m_token,        m_maxBody,        m_requestTimeout,
            m_maxConnections, m_responseStatus, m_responseBody, m_responseHeader, m_responseDelay};
}

QString ListenerOptions::read(const QCommandLineParser &parser, CommandLineOptions *options) const {
    ListenerConfig &listener = options->listener;
    if (parser.isSet(m_bind)) {
        const QString text = parser.value(m_bind);
        if (!listener.bindAddress.setAddress(text))
            return refusal(m_bind, text, u"is not an IP address"_s);
        if (const QString problem = BindAddress::problem(listener.bindAddress); !problem.isEmpty())
            return QStringLiteral("--bind: ") + problem;
        options->bindGiven = true;
    }
    if (QString problem = readNumber(parser, m_port, 0, 65535, "a port number"_L1, &listener.port);
        !problem.isEmpty())
        return problem;
    options->portGiven = parser.isSet(m_port);
    if (parser.isSet(m_token)) {
        listener.token = parser.value(m_token);
        if (listener.token.isEmpty())
            return QStringLiteral("--token: the token must not be empty");
        options->tokenGiven = true;
    }
    if (parser.isSet(m_maxBody)) {
        const QString text = parser.value(m_maxBody);
        const qint64 bytes = parseByteSize(text);
        // 0 would answer every request that has a body with 413: a receiver that refuses
        // every webhook.
        if (bytes < 1)
            return refusal(m_maxBody, text,
                           u"is not a size of 1 byte or more, like 1048576, 512K or 32M"_s);
        if (bytes > ListenerConfig::MaxBodyLimit)
            return refusal(m_maxBody, text,
                           u"is more than %1M, the largest body a session file can keep"_s.arg(
                               ListenerConfig::MaxBodyLimit / ListenerConfig::Mebibyte));
        listener.maxBodyBytes = bytes;
        options->maxBodyGiven = true;
    }
    // Checked in the order --help lists them, so the first that is wrong is the one named.
    for (const QString &problem :
         {readNumber(parser, m_requestTimeout, 1, ListenerConfig::MaxRequestTimeoutSeconds,
                     "a number of seconds"_L1, &listener.requestTimeoutMs, 1000),
          readNumber(parser, m_maxConnections, 1, ListenerConfig::MaxConnectionsLimit,
                     "a number"_L1, &listener.maxConnections),
          readNumber(parser, m_responseStatus, 200, 599, "a final HTTP status"_L1,
                     &listener.response.status)}) {
        if (!problem.isEmpty())
            return problem;
    }
    if (parser.isSet(m_responseBody)) {
        const QString text = parser.value(m_responseBody);
        if (text.startsWith(QLatin1Char('@'))) {
            QFile file(text.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return QStringLiteral("--response-body: cannot read '%1': %2")
                    .arg(file.fileName(), file.errorString());
            listener.response.body = file.read(ListenerConfig::MaxResponseBodyBytes + 1);
        } else {
            listener.response.body = text.toUtf8();
        }
        if (listener.response.body.size() > ListenerConfig::MaxResponseBodyBytes)
            return QStringLiteral("--response-body: the body is larger than %1, the most the "
                                  "app answers with")
                .arg(ListenerConfig::mebibytes(ListenerConfig::MaxResponseBodyBytes));
    }
    if (parser.isSet(m_responseHeader)) {
        listener.response.headers.clear();
        for (const QString &header : parser.values(m_responseHeader)) {
            const qsizetype colon = header.indexOf(QLatin1Char(':'));
            const QByteArray name = header.left(colon).trimmed().toLatin1();
            if (colon <= 0 || !HttpSyntax::isToken(name) || header.contains(QLatin1Char('\r')) ||
                header.contains(QLatin1Char('\n')))
                return refusal(m_responseHeader, header, u"is not 'Name: value'"_s);
            listener.response.headers.append({name, header.mid(colon + 1).trimmed().toUtf8()});
            const QString owned = ResponseRules::checkHeaders({listener.response.headers.last()});
            if (!owned.isEmpty())
                return QStringLiteral("--response-header: '%1': %2").arg(header, owned);
        }
    }
    if (HttpResponse::forbidsBody(listener.response.status)) {
        // A 204 or 304 has no body: the default one is left out (with the Content-Type
        // that describes it); one the user gave is an error.
        const int status = listener.response.status;
        if (parser.isSet(m_responseBody) && !listener.response.body.isEmpty())
            return QStringLiteral("--response-body: a %1 response cannot have a body; leave "
                                  "--response-body out")
                .arg(status);
        listener.response.body.clear();
        if (!parser.isSet(m_responseHeader))
            listener.response.headers.clear();
    }
    if (QString problem = readNumber(parser, m_responseDelay, 0, ListenerConfig::MaxResponseDelayMs,
                                     "a number of milliseconds"_L1, &listener.response.delayMs);
        !problem.isEmpty())
        return problem;
    // Anything else the listener would refuse only once it starts is refused here, as an
    // invalid option (status 2) rather than a failed run.
    return HttpListener::checkConfig(listener);
}
