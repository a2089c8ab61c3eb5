#include "httprequest.h"

Capture HttpRequest::toCapture() && {
    Capture capture;
    capture.method = std::move(method);
    capture.target = std::move(target);
    capture.httpVersion = std::move(version);
    capture.rawHead = std::move(rawHead);
    capture.headers = std::move(headers);
    capture.trailers = std::move(trailers);
    capture.chunked = chunked;
    capture.body = std::move(body);
    return capture;
}
