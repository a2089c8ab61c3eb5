#include "harwriter.h"

#include "appinfo.h"
#include "capturejson.h"
#include "fileoperations.h"
#include "mews/secrets.h"
#include "sessioncolumns.h"

#include <cerrno>

namespace {

QLatin1StringView k(const char *name) {
    return QLatin1StringView(name);
}

void writeHeaders(JsonWriter &json, const HeaderList &headers) {
    json.beginArray();
    for (const HeaderField &field : headers) {
        json.beginObject();
        json.key(k("name")).utf8(field.name);
        json.key(k("value")).utf8(field.value);
        json.endObject();
    }
    json.endArray();
}

void writeQueryString(JsonWriter &json, const QByteArray &target) {
    json.beginArray();
    const qsizetype question = target.indexOf('?');
    QByteArray query = question < 0 ? QByteArray() : target.mid(question + 1);
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
            return QByteArray::fromPercentEncoding(part.replace('+', ' '));
        };
        json.beginObject();
        json.key(k("name")).utf8(decode(name));
        json.key(k("value")).utf8(decode(value));
        json.endObject();
    }
    json.endArray();
}

QByteArray mimeTypeOf(const HeaderList &headers) {
    for (const HeaderField &field : headers) {
        if (field.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            return field.value;
    }
    return {};
}

/// HAR puts base64 bodies in "text" with "encoding": "base64".
void writeHarBody(JsonWriter &json, const QByteArray &body) {
    if (body.isValidUtf8()) {
        json.key(k("text")).utf8(body);
    } else {
        json.key(k("text")).utf8(body.toBase64());
        json.key(k("encoding")).string(u"base64");
    }
}

void writeIsoUtc(JsonWriter &json, const char *name, qint64 utcMs) {
    json.key(k(name)).string(SessionColumns::isoUtc(utcMs));
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

void HarWriter::writeEntry(JsonWriter &json, const AnalysedCapture &analysed,
                           const DeliveryTracker::Delivery *delivery) const {
    const Capture &c = analysed.capture;
    const bool reveal = m_options.revealSecrets;
    const QByteArray target = reveal ? c.target : Secrets::maskTarget(c.target);
    const QByteArray body = reveal ? c.body : Secrets::maskBody(c.body);
    // The head is masked as a whole: a request line that did not parse has no target.
    const QByteArray rawHead = reveal ? c.rawHead : Secrets::maskUrls(c.rawHead);

    // HAR wants an absolute URL. An absolute-form target is one; an authority-form target
    // (CONNECT) names the host; an asterisk (OPTIONS *) or a target that did not parse
    // stands for the server itself. _capture.target keeps the target exactly.
    QByteArray url;
    if (target.startsWith("http://") || target.startsWith("https://")) {
        url = target;
    } else if (!target.isEmpty() && !target.startsWith('/') && target != "*") {
        url = "http://" + target + '/';
    } else {
        QByteArray base = m_options.baseUrl.toUtf8();
        if (base.isEmpty()) {
            const QByteArray host = c.headerValue("Host");
            base = "http://" +
                   (host.isEmpty() ? "127.0.0.1:" + QByteArray::number(c.localPort) : host);
        }
        while (base.endsWith('/'))
            base.chop(1);
        url = base + (target.startsWith('/') ? target : QByteArrayLiteral("/"));
    }

    const qint64 send = qMax<qint64>(0, c.completeUtcMs - c.firstByteUtcMs);
    const qint64 wait =
        c.response.sentUtcMs > 0 ? qMax<qint64>(0, c.response.sentUtcMs - c.completeUtcMs) : 0;

    json.beginObject();
    writeIsoUtc(json, "startedDateTime", c.firstByteUtcMs);
    json.key(k("time")).number(send + wait);

    json.key(k("request")).beginObject();
    json.key(k("method")).utf8(c.method);
    json.key(k("url")).utf8(url);
    json.key(k("httpVersion"))
        .utf8(c.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : c.httpVersion);
    json.key(k("cookies")).beginArray();
    json.endArray();
    json.key(k("headers"));
    // With the body masked, Content-Length gives the size of the postData written.
    writeHeaders(json,
                 reveal ? c.headers : Secrets::maskHeaders(c.headers, c.body.size(), body.size()));
    json.key(k("queryString"));
    writeQueryString(json, target);
    json.key(k("headersSize")).number(rawHead.isEmpty() ? -1 : rawHead.size());
    json.key(k("bodySize")).number(body.size());
    if (!c.body.isEmpty() || c.headerValue("Content-Length") == "0") {
        json.key(k("postData")).beginObject();
        json.key(k("mimeType")).utf8(mimeTypeOf(c.headers));
        json.key(k("params")).beginArray();
        json.endArray();
        writeHarBody(json, body);
        json.endObject();
    }
    json.endObject();

    // HAR's status 0 is no response, which has no version or size either (as browsers
    // write a failed request); a status a salvage lost is written as 0 too.
    const ResponseRecord record = c.responseRecord();
    const bool noResponse = recordsNoResponse(record);
    json.key(k("response")).beginObject();
    json.key(k("status")).number(c.response.status);
    json.key(k("statusText")).string(reasonPhrase(c.response.status));
    json.key(k("httpVersion")).string(noResponse ? u"" : u"HTTP/1.1");
    json.key(k("cookies")).beginArray();
    json.endArray();
    json.key(k("headers"));
    writeHeaders(json, c.response.headers);
    json.key(k("content")).beginObject();
    json.key(k("size")).number(c.response.body.size());
    json.key(k("mimeType")).utf8(mimeTypeOf(c.response.headers));
    writeHarBody(json, c.response.body);
    json.endObject();
    json.key(k("redirectURL")).string(u"");
    json.key(k("headersSize")).number(-1);
    json.key(k("bodySize")).number(noResponse ? -1 : c.response.body.size());
    json.endObject();

    json.key(k("cache")).beginObject();
    json.endObject();
    json.key(k("timings")).beginObject();
    for (const char *unknown : {"blocked", "dns", "connect", "ssl"})
        json.key(k(unknown)).number(-1);
    json.key(k("send")).number(send);
    json.key(k("wait")).number(wait);
    json.key(k("receive")).number(0);
    json.endObject();
    json.key(k("connection")).string(QString::number(c.connectionId));

    json.key(k("_capture")).beginObject();
    json.key(k("id")).number(c.id);
    json.key(k("origin")).string(SessionColumns::originId(c.origin));
    json.key(k("connectionId")).number(qint64(c.connectionId));
    json.key(k("sequence")).number(c.sequence);
    json.key(k("remoteAddress")).string(c.remoteAddress);
    json.key(k("remotePort")).number(c.remotePort);
    json.key(k("localPort")).number(c.localPort);
    writeIsoUtc(json, "receivedUtc", c.firstByteUtcMs);
    writeIsoUtc(json, "completedUtc", c.completeUtcMs);
    if (c.response.sentUtcMs > 0)
        writeIsoUtc(json, "respondedUtc", c.response.sentUtcMs);
    json.key(k("chunked")).boolean(c.chunked);
    json.key(k("rejection"));
    if (c.isRejected())
        json.string(c.rejection);
    else
        json.null();
    json.key(k("target")).string(QString::fromUtf8(target));
    json.key(k("rawHeadBase64")).utf8(rawHead.toBase64());
    // Whether masking changed what this entry holds: a request without secrets is whole.
    json.key(k("secretsMasked"))
        .boolean(!reveal && (target != c.target || body != c.body || rawHead != c.rawHead));
    if (delivery)
        CaptureJson::writeDelivery(json, *delivery);
    json.endObject();

    if (analysed.analysed) {
        // The JSON Lines shape's analysis members; HAR already says the rest.
        json.key(k("_mews")).beginObject();
        CaptureJson::writeAnalysis(json, c, analysed.analysis);
        json.endObject();
    }
    json.endObject();
}

bool HarWriter::write(QString *error) {
    errno = 0;
    const bool written = m_out->write(m_buffer) == m_buffer.size();
    const int savedErrno = errno;
    m_buffer.resize(0); // keeps the allocation for the next slice
    if (!written && error)
        *error = QStringLiteral("Cannot write the HAR file: %1")
                     .arg(FileOperations::writeError(m_out, savedErrno));
    return written;
}

bool HarWriter::begin(QString *error) {
    m_entries = 0;
    m_buffer.resize(0);
    JsonWriter json(m_buffer);
    m_buffer.append("{\"log\":{\"version\":\"1.2\",\"creator\":");
    json.beginObject();
    json.key(k("name")).string(QStringLiteral(MWI_APP_NAME));
    json.key(k("version")).string(QStringLiteral(MWI_VERSION));
    json.endObject();
    if (!m_options.revealSecrets) {
        m_buffer.append(",\"comment\":");
        JsonWriter(m_buffer).string(
            u"Secrets are masked: access tokens, API keys and the URL's Token show at "
            u"most their last four characters, so a request sent again from this file "
            u"carries the masked values.");
    }
    m_buffer.append(",\"pages\":[],\"entries\":[\n");
    return write(error);
}

bool HarWriter::add(const AnalysedCapture &capture, QString *error,
                    const DeliveryTracker::Delivery *delivery) {
    if (m_entries++ > 0)
        m_buffer.append(",\n");
    JsonWriter json(m_buffer);
    writeEntry(json, capture, delivery);
    // Written in slices of about 64 KiB: fewer write calls, and memory stays small.
    return m_buffer.size() < FlushBytes || write(error);
}

bool HarWriter::finish(QString *error) {
    m_buffer.append("\n]}}\n");
    return write(error);
}
