#include "harwriter.h"

#include "appinfo.h"
#include "capturejson.h"
#include "mews/secrets.h"
#include "sessioncolumns.h"
#include "sqlitedatabase.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString text(const QByteArray &bytes) {
    return QString::fromUtf8(bytes);
}

QJsonArray harHeaders(const HeaderList &headers) {
    QJsonArray array;
    for (const HeaderField &field : headers) {
        array.append(QJsonObject{{QStringLiteral("name"), text(field.name)},
                                 {QStringLiteral("value"), text(field.value)}});
    }
    return array;
}

QJsonArray queryString(const QByteArray &target) {
    QJsonArray array;
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return array;
    QByteArray query = target.mid(question + 1);
    const qsizetype hash = query.indexOf('#');
    if (hash >= 0)
        query.truncate(hash);
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals >= 0 ? pair.left(equals) : pair;
        const QByteArray value = equals >= 0 ? pair.mid(equals + 1) : QByteArray();
        auto decode = [](QByteArray part) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part.replace('+', ' ')));
        };
        array.append(QJsonObject{{QStringLiteral("name"), decode(name)},
                                 {QStringLiteral("value"), decode(value)}});
    }
    return array;
}

QString mimeTypeOf(const HeaderList &headers) {
    for (const HeaderField &field : headers) {
        if (field.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            return text(field.value);
    }
    return {};
}

/// HAR puts base64 bodies in "text" with "encoding": "base64".
void putHarBody(QJsonObject &object, const QByteArray &body) {
    if (isValidUtf8(body)) {
        object.insert(QStringLiteral("text"), textKeepingBom(body));
    } else {
        object.insert(QStringLiteral("text"), QString::fromLatin1(body.toBase64()));
        object.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    }
}

} // namespace

HarWriter::HarWriter(QIODevice *out, const Options &options)
    : m_out(out)
    , m_options(options) {
}

QString HarWriter::reasonPhrase(int status) {
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 202:
        return QStringLiteral("Accepted");
    case 204:
        return QStringLiteral("No Content");
    case 301:
        return QStringLiteral("Moved Permanently");
    case 302:
        return QStringLiteral("Found");
    case 307:
        return QStringLiteral("Temporary Redirect");
    case 308:
        return QStringLiteral("Permanent Redirect");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 408:
        return QStringLiteral("Request Timeout");
    case 411:
        return QStringLiteral("Length Required");
    case 413:
        return QStringLiteral("Content Too Large");
    case 414:
        return QStringLiteral("URI Too Long");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 431:
        return QStringLiteral("Request Header Fields Too Large");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    case 505:
        return QStringLiteral("HTTP Version Not Supported");
    default:
        break;
    }
    return {};
}

QJsonObject HarWriter::entry(const AnalysedCapture &analysed, const Options &options) {
    const Capture &c = analysed.capture;
    const MewsAnalysis &a = analysed.analysis;
    const QByteArray target = options.revealSecrets ? c.target : Secrets::maskTarget(c.target);
    const QByteArray body = options.revealSecrets ? c.body : Secrets::maskBody(c.body);
    QByteArray rawHead = c.rawHead;
    if (!options.revealSecrets && target != c.target) {
        const qsizetype at = rawHead.indexOf(c.target);
        if (at >= 0)
            rawHead.replace(at, c.target.size(), target);
    }

    QString url;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        url = text(target);
    } else {
        QString base = options.baseUrl;
        if (base.isEmpty()) {
            const QByteArray host = c.headerValue("Host");
            base = QStringLiteral("http://") +
                   (host.isEmpty() ? QStringLiteral("127.0.0.1:") + QString::number(c.localPort)
                                   : text(host));
        }
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        url = base + text(target);
    }

    const qint64 send = qMax<qint64>(0, c.completeUtcMs - c.firstByteUtcMs);
    const qint64 wait =
        c.response.sentUtcMs > 0 ? qMax<qint64>(0, c.response.sentUtcMs - c.completeUtcMs) : 0;

    QJsonObject request{
        {QStringLiteral("method"), text(c.method)},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"),
         c.httpVersion.isEmpty() ? QStringLiteral("HTTP/1.1") : text(c.httpVersion)},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), harHeaders(c.headers)},
        {QStringLiteral("queryString"), queryString(target)},
        {QStringLiteral("headersSize"), rawHead.isEmpty() ? -1 : rawHead.size()},
        {QStringLiteral("bodySize"), body.size()},
    };
    if (!c.body.isEmpty() || c.headerValue("Content-Length") == "0") {
        QJsonObject postData{{QStringLiteral("mimeType"), mimeTypeOf(c.headers)},
                             {QStringLiteral("params"), QJsonArray()}};
        putHarBody(postData, body);
        request.insert(QStringLiteral("postData"), postData);
    }

    QJsonObject content{{QStringLiteral("size"), c.response.body.size()},
                        {QStringLiteral("mimeType"), mimeTypeOf(c.response.headers)}};
    putHarBody(content, c.response.body);
    const QJsonObject response{
        {QStringLiteral("status"), c.response.status},
        {QStringLiteral("statusText"), reasonPhrase(c.response.status)},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), harHeaders(c.response.headers)},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"), QString()},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), c.response.body.size()},
    };

    QJsonObject capture{
        {QStringLiteral("id"), c.id},
        {QStringLiteral("origin"), SessionColumns::originId(c.origin)},
        {QStringLiteral("connectionId"), qint64(c.connectionId)},
        {QStringLiteral("sequence"), qint64(c.sequence)},
        {QStringLiteral("remoteAddress"), c.remoteAddress},
        {QStringLiteral("remotePort"), c.remotePort},
        {QStringLiteral("localPort"), c.localPort},
        {QStringLiteral("receivedUtc"), SessionColumns::isoUtc(c.firstByteUtcMs)},
        {QStringLiteral("completedUtc"), SessionColumns::isoUtc(c.completeUtcMs)},
        {QStringLiteral("chunked"), c.chunked},
        {QStringLiteral("rejection"),
         c.isRejected() ? QJsonValue(c.rejection) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("rawHeadBase64"), QString::fromLatin1(rawHead.toBase64())},
    };
    if (c.response.sentUtcMs > 0)
        capture.insert(QStringLiteral("respondedUtc"),
                       SessionColumns::isoUtc(c.response.sentUtcMs));

    QJsonObject entry{
        {QStringLiteral("startedDateTime"), SessionColumns::isoUtc(c.firstByteUtcMs)},
        {QStringLiteral("time"), send + wait},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"), QJsonObject{{QStringLiteral("blocked"), -1},
                                                {QStringLiteral("dns"), -1},
                                                {QStringLiteral("connect"), -1},
                                                {QStringLiteral("ssl"), -1},
                                                {QStringLiteral("send"), send},
                                                {QStringLiteral("wait"), wait},
                                                {QStringLiteral("receive"), 0}}},
        {QStringLiteral("connection"), QString::number(c.connectionId)},
        {QStringLiteral("_capture"), capture},
    };
    if (analysed.analysed) {
        // The same fields as the JSON Lines shape, minus what HAR already says.
        QJsonObject mews = CaptureJson::toJson(c, a, true, {options.revealSecrets});
        for (const char *key :
             {"id",          "origin",       "receivedUtc",    "completedUtc", "remote",
              "localPort",   "connectionId", "sequence",       "method",       "target",
              "httpVersion", "headers",      "trailers",       "bodySize",     "body",
              "bodyBase64",  "chunked",      "responseStatus", "respondedUtc", "rejected"}) {
            mews.remove(QLatin1String(key));
        }
        entry.insert(QStringLiteral("_mews"), mews);
    }
    return entry;
}

bool HarWriter::write(const QByteArray &bytes, QString *error) {
    if (m_out->write(bytes) != bytes.size()) {
        if (error)
            *error = QStringLiteral("Cannot write the HAR file: %1").arg(m_out->errorString());
        return false;
    }
    return true;
}

bool HarWriter::begin(QString *error) {
    m_entries = 0;
    const QJsonObject creator{{QStringLiteral("name"), QStringLiteral(MWI_APP_NAME)},
                              {QStringLiteral("version"), QStringLiteral(MWI_VERSION)}};
    return write(QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":") +
                     QJsonDocument(creator).toJson(QJsonDocument::Compact) +
                     QByteArrayLiteral(",\"pages\":[],\"entries\":[\n"),
                 error);
}

bool HarWriter::add(const AnalysedCapture &capture, QString *error) {
    QByteArray bytes;
    if (m_entries++ > 0)
        bytes = QByteArrayLiteral(",\n");
    bytes += QJsonDocument(entry(capture, m_options)).toJson(QJsonDocument::Compact);
    return write(bytes, error);
}

bool HarWriter::finish(QString *error) {
    return write(QByteArrayLiteral("\n]}}\n"), error);
}
