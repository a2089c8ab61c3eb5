#include "httpresponse.h"

#include "responserules.h"

#include <QDateTime>

#include <cstdio>

namespace HttpResponse {

namespace {

// Date changes once a second; formatting it for every response would be wasted work.
struct DateCache {
    qint64 second = -1;
    QByteArray text;
};

} // namespace

QByteArrayView reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 203:
        return "Non-Authoritative Information";
    case 204:
        return "No Content";
    case 205:
        return "Reset Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 425:
        return "Too Early";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return {};
    }
}

QByteArray httpDate(qint64 utcMs) {
    static thread_local DateCache cache;
    const qint64 second = utcMs >= 0 ? utcMs / 1000 : (utcMs - 999) / 1000;
    if (second == cache.second)
        return cache.text;
    static constexpr const char *Days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char *Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime time = QDateTime::fromSecsSinceEpoch(second, Qt::UTC);
    const QDate date = time.date();
    const QTime clock = time.time();
    char text[64];
    const int length =
        std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                      Days[date.dayOfWeek() - 1], date.day(), Months[date.month() - 1], date.year(),
                      clock.hour(), clock.minute(), clock.second());
    cache.second = second;
    cache.text = QByteArray(text, qBound(0, length, int(sizeof text) - 1));
    return cache.text;
}

bool forbidsBody(int status) {
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

CaptureResponse make(int status, const HeaderList &headers, const QByteArray &body,
                     const Framing &framing, qint64 utcMs) {
    CaptureResponse response;
    response.status = status;
    response.headers.reserve(headers.size() + 3);
    bool hasDate = false;
    for (const HeaderField &field : headers) {
        if (ResponseRules::isListenerOwned(field.name))
            continue;
        hasDate = hasDate || field.name.compare("Date", Qt::CaseInsensitive) == 0;
        response.headers.append(field);
    }
    if (!hasDate)
        response.headers.append({QByteArrayLiteral("Date"), httpDate(utcMs)});
    const bool tunnel = framing.connectRequest && status >= 200 && status < 300;
    const bool noBody = forbidsBody(status) || tunnel;
    if (!noBody)
        response.headers.append(
            {QByteArrayLiteral("Content-Length"), QByteArray::number(body.size())});
    if (framing.close)
        response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    else if (framing.http10KeepAlive)
        response.headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("keep-alive")});
    if (!noBody && !framing.headRequest)
        response.body = body;
    return response;
}

CaptureResponse error(int status, const QByteArray &reason, qint64 utcMs, bool headRequest) {
    HeaderList headers{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}};
    if (status == 401) {
        // RFC 9110 §15.5.2: a 401 names how to authenticate; Mews sends the secret as ?Token=
        headers.append({QByteArrayLiteral("WWW-Authenticate"),
                        QByteArrayLiteral("Token realm=\"webhook\", param=\"Token\"")});
    }
    Framing framing;
    framing.close = true;
    framing.headRequest = headRequest;
    return make(status, headers, reason + '\n', framing, utcMs);
}

QByteArray serialize(const CaptureResponse &response) {
    const QByteArrayView reason = reasonPhrase(response.status);
    qsizetype size = 9 + 3 + 1 + reason.size() + 2 + 2 + response.body.size();
    for (const HeaderField &field : response.headers)
        size += field.name.size() + 2 + field.value.size() + 2;
    QByteArray wire;
    wire.reserve(size);
    wire.append("HTTP/1.1 ");
    wire.append(QByteArray::number(response.status));
    wire.append(' ');
    wire.append(reason);
    wire.append("\r\n");
    for (const HeaderField &field : response.headers) {
        wire.append(field.name);
        wire.append(": ");
        wire.append(field.value);
        wire.append("\r\n");
    }
    wire.append("\r\n");
    wire.append(response.body);
    return wire;
}

QByteArray continueLine() {
    return QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n");
}

} // namespace HttpResponse
