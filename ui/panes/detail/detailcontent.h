#pragma once

#include "models/findingindex.h"
#include "models/jsonbody.h"
#include "rawtext.h"
#include "session/analysedcapture.h"

/**
 * Everything the detail pane shows of one capture that takes time to prepare: the
 * body read as JSON, the findings indexed by path and the Raw tab's text. Built on
 * the GUI thread for small bodies and on a worker for big ones; a plain value.
 */
struct DetailContent {
    AnalysedCapture capture;
    JsonBody json;
    FindingIndex findings;
    RawText raw;

    static DetailContent build(const AnalysedCapture &capture, bool revealed, bool pretty);
};
