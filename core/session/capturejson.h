#pragma once

#include "analysedcapture.h"

#include <QByteArray>
#include <QJsonObject>

/**
 * The JSON shape of one capture, shared by the JSON Lines export and the
 * headless `--format jsonl` output (documented in docs/SESSION_FORMAT.md).
 *
 * Secrets (the Token query parameter, AccessToken/ApiKey in the body) are masked
 * through Secrets:: unless revealSecrets is set.
 */
namespace CaptureJson {

struct Options {
    bool revealSecrets = false;
};

QJsonObject toJson(const Capture &capture, const MewsAnalysis &analysis, bool analysed = true,
                   const Options &options = {});
inline QJsonObject toJson(const AnalysedCapture &capture, const Options &options = {}) {
    return toJson(capture.capture, capture.analysis, capture.analysed, options);
}
/// One compact line, ending in '\n'.
QByteArray toLine(const AnalysedCapture &capture, const Options &options = {});

/// Body bytes as JSON: {"body": text} when valid UTF-8 (BOM kept), else {"bodyBase64": ...}.
void putBody(QJsonObject &object, const QByteArray &body, const QString &textKey,
             const QString &base64Key);

} // namespace CaptureJson
