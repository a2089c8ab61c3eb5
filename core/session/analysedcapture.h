#pragma once

#include "capture/capture.h"
#include "mews/mewsanalysis.h"

#include <QList>
#include <QMetaType>

/// A capture together with what the decoder made of it; what the analysis thread
/// hands to the journal and to the store. Implicitly shared members: cheap to copy.
struct AnalysedCapture {
    Capture capture;
    MewsAnalysis analysis;
    bool analysed = true; ///< false when read from a file that has no analysis row for it
    /// BodyDigest::of(capture.body), worked out once where the value is made (the analysis
    /// thread, or the reader), so the journal and the index need not hash the body again.
    /// When bodyAltered, the digest stored when the body arrived.
    quint64 bodyDigest = 0;
    /// Read from a file whose stored body no longer matches the digest stored when it
    /// arrived (bit rot, or an edit): the body is not what was received.
    bool bodyAltered = false;

    friend bool operator==(const AnalysedCapture &, const AnalysedCapture &) = default;
};

Q_DECLARE_METATYPE(AnalysedCapture)
Q_DECLARE_METATYPE(QList<AnalysedCapture>)
