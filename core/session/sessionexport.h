#pragma once

#include "capturejson.h"
#include "capturereader.h"
#include "harwriter.h"

#include <QIODevice>
#include <QList>
#include <QString>

#include <functional>

/**
 * Streams captures from a session file into JSON Lines or HAR, one capture in
 * memory at a time. ids empty means every capture in id order, otherwise the
 * given captures in the given order.
 */
class SessionExport {
public:
    enum class Format { Jsonl, Har };
    struct Options {
        bool revealSecrets = false;
        QString baseUrl; ///< HAR URLs; see HarWriter::Options
        /// For an export of selected captures: which delivery of its message each is,
        /// numbered among the whole session (CaptureIndex::deliveriesOf()). An export of
        /// every capture numbers them itself.
        QHash<qint64, DeliveryTracker::Delivery> deliveries;
        /// When set, a damaged capture (CaptureReader::setSkipDamaged()) is left out and
        /// reported here, and the export goes on; unset, the export fails on it.
        CaptureReader::DamagedCapture skipDamaged;
        /// When set, told of each capture whose body no longer matches what was received
        /// (AnalysedCapture::bodyAltered). It is exported as stored either way, with the
        /// error finding that says so in JSON Lines.
        CaptureReader::DamagedCapture alteredBody;
    };
    /// Called after each capture with (done, total); return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static bool write(CaptureReader &reader, const QList<qint64> &ids, Format format,
                      QIODevice *out, const Options &options, QString *error,
                      const Progress &progress = {});
    /// Whether writeFile() writes targetPath in place: a FIFO, a terminal or a device such
    /// as /dev/stdout, since replacing it with a new regular file (what an atomic save
    /// does) would break whoever reads it. A cancelled export leaves part of it written.
    static bool writesInPlace(const QString &targetPath);
    /// Writes to a file atomically (QSaveFile): a failed or cancelled export leaves any
    /// existing file as it was. A FIFO or device (/dev/stdout) is written in place
    /// (InPlaceFile): a FIFO is waited for until a process opens it for reading, asking
    /// progress (with done 0) every InPlaceFile::WaitStepMs whether to go on, and a
    /// reader that stops reading is waited for the same way. *opened, when given, says
    /// whether a file written in place was opened, so that part of the export may have
    /// gone through. The session file itself (or its -wal, -shm) is refused as the target.
    static bool writeFile(const QString &sessionPath, const QList<qint64> &ids, Format format,
                          const QString &targetPath, const Options &options, QString *error,
                          const Progress &progress = {}, bool *opened = nullptr);
};
