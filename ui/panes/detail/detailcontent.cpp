#include "detailcontent.h"

DetailContent DetailContent::build(const AnalysedCapture &capture, bool revealed, bool pretty) {
    DetailContent content;
    content.capture = capture;
    content.json =
        JsonBody::read(capture.capture.body, capture.capture.headerValue("Content-Type"));
    content.findings = FindingIndex(capture.analysis.findings);
    content.raw = RawText::build(capture, revealed, pretty);
    return content;
}
