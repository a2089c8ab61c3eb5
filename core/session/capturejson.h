#pragma once

#include "analysedcapture.h"
#include "deliverytracker.h"
#include "jsonwriter.h"

#include <QByteArray>

/**
 * The JSON shape of one capture, shared by the JSON Lines export and the
 * headless `--format jsonl` output (documented in docs/SESSION_FORMAT.md).
 *
 * The capture's own fields come first (id, times, request, response), then the
 * Mews analysis (kind, action, events, ...). Secrets (the Token query parameter,
 * AccessToken/ApiKey in the body) are masked through Secrets:: unless
 * revealSecrets is set.
 */
namespace CaptureJson {

struct Options {
    bool revealSecrets = false;
};

/// One compact line, ending in '\n'. With a delivery (the output covers a whole stream
/// or session, DeliveryTracker), it says which delivery of its message the capture is:
/// "delivery" (null for no body) and "previousDeliveryId".
QByteArray toLine(const AnalysedCapture &capture, const Options &options = {},
                  const DeliveryTracker::Delivery *delivery = nullptr);
/// Appends the line to out; the headless output and the exports reuse one buffer.
void appendLine(QByteArray &out, const AnalysedCapture &capture, const Options &options = {},
                const DeliveryTracker::Delivery *delivery = nullptr);

/// The analysis members of the shape (kind, jsonError, lenient, action, events,
/// enterprise and integration, findings, contractState, summary) into the object
/// being written; the HAR export puts them in its "_mews" object.
void writeAnalysis(JsonWriter &json, const Capture &capture, const MewsAnalysis &analysis);

/// "delivery" (null for no body) and "previousDeliveryId" (null for none) into the object
/// being written; the HAR export puts them in its "_capture" object.
void writeDelivery(JsonWriter &json, const DeliveryTracker::Delivery &delivery);

} // namespace CaptureJson
