#include "sessionexport.h"

#include "capturereader.h"
#include "fileoperations.h"
#include "inplacefile.h"

#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <limits>
#include <optional>

#include <sys/stat.h>

bool SessionExport::writesInPlace(const QString &targetPath) {
    struct stat info {};
    return ::stat(QFile::encodeName(targetPath).constData(), &info) == 0 &&
           !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode);
}

bool SessionExport::write(CaptureReader &reader, const QList<qint64> &ids, Format format,
                          QIODevice *out, const Options &options, QString *error,
                          const Progress &progress) {
    reader.setSkipDamaged(options.skipDamaged); // unset: a damaged capture fails the export
    const qint64 total = ids.isEmpty() ? reader.count(error) : ids.size();
    if (total < 0)
        return false;
    HarWriter har(out, {options.revealSecrets, options.baseUrl});
    if (format == Format::Har && !har.begin(error))
        return false;
    const CaptureJson::Options jsonOptions{options.revealSecrets};
    qint64 done = 0;
    bool cancelled = false;
    QString writeError;
    QByteArray line; // one allocation for all lines
    // The deliveries of each message: numbered here when the export holds every capture
    // (remembering every message, as the window's index does); a selection's come with
    // the options, since counting only the selected ones would leave the rest out.
    std::optional<DeliveryTracker> deliveries;
    if (ids.isEmpty())
        deliveries.emplace(std::numeric_limits<qsizetype>::max());
    const bool read = reader.forEach(
        ids,
        [&](const AnalysedCapture &capture) {
            if (capture.bodyAltered && options.alteredBody)
                options.alteredBody(capture.capture.id, CaptureReader::alteredBodyMessage());
            std::optional<DeliveryTracker::Delivery> delivery;
            if (deliveries) {
                delivery = deliveries->note(capture);
            } else {
                const auto given = options.deliveries.constFind(capture.capture.id);
                if (given != options.deliveries.cend())
                    delivery = *given;
            }
            const DeliveryTracker::Delivery *counted = delivery ? &*delivery : nullptr;
            if (format == Format::Har) {
                if (!har.add(capture, &writeError, counted))
                    return false;
            } else {
                line.resize(0);
                CaptureJson::appendLine(line, capture, jsonOptions, counted);
                errno = 0;
                if (out->write(line) != line.size()) {
                    const int savedErrno = errno;
                    writeError = QStringLiteral("Cannot write the export: %1")
                                     .arg(FileOperations::writeError(out, savedErrno));
                    return false;
                }
            }
            ++done;
            if (progress && !progress(done, total)) {
                cancelled = true;
                return false;
            }
            return true;
        },
        error);
    if (!read)
        return false;
    if (!writeError.isEmpty()) {
        if (error)
            *error = writeError;
        return false;
    }
    if (cancelled) {
        if (error)
            *error = QStringLiteral("The export was cancelled");
        return false;
    }
    return format != Format::Har || har.finish(error);
}

bool SessionExport::writeFile(const QString &sessionPath, const QList<qint64> &ids, Format format,
                              const QString &targetPath, const Options &options, QString *error,
                              const Progress &progress, bool *opened) {
    if (opened)
        *opened = false;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
        if (FileOperations::sameFile(targetPath, sessionPath + QLatin1String(suffix))) {
            if (error)
                *error = QStringLiteral("Cannot write %1: it is the session file being exported "
                                        "(or part of it); choose another name")
                             .arg(targetPath);
            return false;
        }
    }
    CaptureReader reader;
    reader.setAnalyseMissing(true);
    if (!reader.open(sessionPath, error))
        return false;
    if (writesInPlace(targetPath)) {
        // A FIFO waits for its reader, which may never come: the wait asks progress
        // whether to go on, as each capture written does.
        qint64 total = ids.size();
        if (ids.isEmpty() && progress && (total = reader.count(error)) < 0)
            return false;
        InPlaceFile device(targetPath,
                           [&progress, total] { return progress && !progress(0, total); });
        if (!device.openForWriting()) {
            if (error)
                *error = device.wasCancelled()
                             ? QStringLiteral("The export was cancelled: no process opened %1 "
                                              "for reading, and nothing was written")
                                   .arg(targetPath)
                             : QStringLiteral("Cannot write %1: %2")
                                   .arg(targetPath, device.errorString());
            return false;
        }
        if (opened)
            *opened = true;
        return write(reader, ids, format, &device, options, error, progress);
    }
    QSaveFile file(targetPath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(targetPath, file.errorString());
        return false;
    }
    // Exports hold secrets when revealSecrets is set; keep them private either way.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!write(reader, ids, format, &file, options, error, progress)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(targetPath, file.errorString());
        return false;
    }
    return true;
}
