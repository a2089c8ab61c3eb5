#include "detailcontent.h"

#include "http/contentcoding.h"

DetailContent DetailContent::build(const AnalysedCapture &capture, bool revealed, bool pretty) {
    DetailContent content;
    content.capture = capture;
    // What the analysis read: the body with its Content-Encoding taken off.
    const DecodedContent decoded = ContentCoding::decode(capture.capture);
    content.json = JsonBody::read(decoded.bytes, capture.capture.headerValue("Content-Type"));
    content.findings = FindingIndex(capture.analysis.findings);
    content.raw = RawText::build(capture, decoded, revealed, pretty);
    return content;
}
