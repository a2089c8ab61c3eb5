#include "messageframing.h"

#include "httpsyntax.h"
#include "urisyntax.h"

namespace {

MessageFraming refuse(int status, const QByteArray &reason) {
    MessageFraming framing;
    framing.errorStatus = status;
    framing.errorReason = reason;
    return framing;
}

QByteArrayView codingName(QByteArrayView coding) {
    const qsizetype semicolon = coding.indexOf(';');
    return HttpSyntax::trimmed(semicolon >= 0 ? coding.first(semicolon) : coding);
}

} // namespace

MessageFraming MessageFraming::examine(const HttpRequest &request) {
    const bool http11 = request.version == "HTTP/1.1";
    int hosts = 0;
    QByteArrayView host;
    bool hasLength = false;
    bool badLength = false;
    bool conflictingLength = false;
    qint64 length = 0;
    bool hasCoding = false;
    QList<QByteArrayView> codings;
    bool close = false;
    bool keepAlive = false;
    bool expectContinue = false;
    for (const HeaderField &field : request.headers) {
        const QByteArrayView name(field.name);
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            ++hosts;
            host = field.value;
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            // "5, 5" and repeated fields with one value are accepted (RFC 9110 §8.6)
            for (const QByteArrayView element : HttpSyntax::listElements(field.value)) {
                qint64 value = 0;
                if (!HttpSyntax::parseDecimal(element, &value))
                    badLength = true;
                else if (hasLength && value != length)
                    conflictingLength = true;
                length = value;
                hasLength = true;
            }
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            hasCoding = true;
            for (const QByteArrayView element : HttpSyntax::listElements(field.value)) {
                if (!element.isEmpty())
                    codings.append(element);
            }
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            close = close || HttpSyntax::listContains(field.value, "close");
            keepAlive = keepAlive || HttpSyntax::listContains(field.value, "keep-alive");
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            expectContinue =
                expectContinue || HttpSyntax::listContains(field.value, "100-continue");
        }
    }

    if (http11 && hosts == 0)
        return refuse(400, "missing Host header");
    if (hosts > 1)
        return refuse(400, "more than one Host header");
    if (hosts == 1 && !UriSyntax::isHostValue(host)) // RFC 9112 §3.2
        return refuse(400, "invalid Host header value");
    if (hasCoding && hasLength)
        return refuse(400, "both Content-Length and Transfer-Encoding");
    if (badLength)
        return refuse(400, "invalid Content-Length");
    if (conflictingLength)
        return refuse(400, "conflicting Content-Length values");

    MessageFraming framing;
    if (hasCoding) {
        if (!http11)
            return refuse(400, "Transfer-Encoding in an HTTP/1.0 request");
        // RFC 9112 §6.3: without chunked last the length cannot be known: 400, not 501
        if (codings.isEmpty() ||
            codingName(codings.back()).compare("chunked", Qt::CaseInsensitive) != 0 ||
            codings.back().contains(';'))
            return refuse(400, "chunked is not the final transfer coding");
        for (qsizetype i = 0; i + 1 < codings.size(); ++i) {
            if (codingName(codings[i]).compare("chunked", Qt::CaseInsensitive) == 0)
                return refuse(400, "chunked applied more than once");
        }
        if (codings.size() > 1) {
            return refuse(501, "transfer coding \"" + codingName(codings.front()).toByteArray() +
                                   "\" is not supported");
        }
        framing.body = Body::Chunked;
    } else if (length > 0) {
        framing.body = Body::Length;
        framing.length = length;
    }
    framing.keepAlive = http11 ? !close : (keepAlive && !close);
    framing.expectContinue = http11 && expectContinue;
    return framing;
}
