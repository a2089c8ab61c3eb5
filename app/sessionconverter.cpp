#include "sessionconverter.h"

#include "appinfo.h"
#include "headlessrunner.h"
#include "session/capturejson.h"
#include "session/capturereader.h"
#include "session/harimporter.h"
#include "session/sessionexport.h"
#include "session/sessionsalvage.h"
#include "terminationwatcher.h"
#include "text/countedtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <csignal>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

void say(const QString &message) {
    const QByteArray line = QByteArrayLiteral(MWI_EXECUTABLE ": ") + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

/// The signal that stopped the job (SIGINT or SIGTERM), or 0.
int interruption() {
    return TerminationWatcher::receivedSignal();
}

QString signalName(int signalNumber) {
    return signalNumber == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
}

/// Says why the job stopped and gives its exit status: 128 + the signal's number, as the
/// headless runner's forced exit on a second Ctrl+C (130 for SIGINT, 143 for SIGTERM).
int interrupted(int signalNumber, const QString &outcome) {
    say(QStringLiteral("interrupted by %1; %2").arg(signalName(signalNumber), outcome));
    return 128 + signalNumber;
}

/// What an interrupted job that writes its target atomically (an export into a file, a
/// salvage) left there: the file that was there before, or none.
QString leftAsItWas(const QString &target) {
    const QString name = QDir::toNativeSeparators(target);
    return QFileInfo::exists(target) ? QStringLiteral("%1 is as it was").arg(name)
                                     : QStringLiteral("%1 was not written").arg(name);
}

/// Whether a file starts as JSON does (a HAR file, say) rather than as a session: SQLite's
/// header is "SQLite format 3".
bool looksLikeJson(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray head = file.read(256);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    head = head.trimmed();
    return head.startsWith('{') || head.startsWith('[');
}

/// A damaged capture (one whose payload a salvage lost) is left out with a warning, and
/// the rest is written.
void warnDamaged(qint64, const QString &reason) {
    say(reason + QStringLiteral("; left out"));
}

/// A body that no longer matches what was received (bit rot, an edit) is written as it is
/// stored, since it may still be of use, but never without a word.
void warnAltered(const QString &session, qint64 id, const QString &outcome) {
    say(QStringLiteral("%1: capture %2: its body no longer matches what was received (its "
                       "digest differs from the one stored when it arrived, so the file was "
                       "damaged or changed since); %3")
            .arg(QDir::toNativeSeparators(session), QString::number(id), outcome));
}

int exportTo(const CommandLineOptions &options, const QString &target,
             SessionExport::Format format) {
    SessionExport::Options exportOptions;
    exportOptions.revealSecrets = options.revealSecrets;
    exportOptions.skipDamaged = warnDamaged;
    exportOptions.alteredBody = [&options](qint64 id, const QString &) {
        warnAltered(options.openFile, id, QStringLiteral("exported as stored"));
    };
    if (target != QLatin1String("-"))
        say(QStringLiteral("exporting %1 to %2")
                .arg(QDir::toNativeSeparators(options.openFile), QDir::toNativeSeparators(target)));
    QString error;
    bool ok = false;
    bool opened = false;
    const SessionExport::Progress goOn = [](qint64, qint64) {
        return interruption() == 0;
    };
    if (target == QLatin1String("-")) {
        CaptureReader reader;
        reader.setAnalyseMissing(true);
        QFile out;
        ok = reader.open(options.openFile, &error) && out.open(stdout, QIODevice::WriteOnly) &&
             SessionExport::write(reader, {}, format, &out, exportOptions, &error, goOn);
        if (ok && !out.flush()) {
            error = QStringLiteral("cannot write to standard output: %1").arg(out.errorString());
            ok = false;
        }
    } else {
        ok = SessionExport::writeFile(options.openFile, {}, format, target, exportOptions, &error,
                                      goOn, &opened);
    }
    if (!ok && interruption()) {
        // A file export is atomic: nothing was written, and a file that was there stays.
        // A FIFO or device was written in place, up to where the signal stopped it.
        QString outcome;
        if (target == QLatin1String("-"))
            outcome = QStringLiteral("the export on standard output is incomplete");
        else if (SessionExport::writesInPlace(target) && !opened)
            outcome = QStringLiteral("no process opened %1 for reading; nothing was exported")
                          .arg(QDir::toNativeSeparators(target));
        else if (SessionExport::writesInPlace(target))
            outcome = QStringLiteral("the export into %1 is incomplete")
                          .arg(QDir::toNativeSeparators(target));
        else
            outcome = leftAsItWas(target);
        return interrupted(interruption(), outcome);
    }
    if (!ok) {
        say(QStringLiteral("cannot export %1 to %2: %3")
                .arg(QDir::toNativeSeparators(options.openFile), target, error));
        return 1;
    }
    if (target != QLatin1String("-"))
        say(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(target)));
    return 0;
}

int printSession(const CommandLineOptions &options) {
    CaptureReader reader;
    reader.setAnalyseMissing(true);
    reader.setSkipDamaged(warnDamaged);
    QString error;
    if (!reader.open(options.openFile, &error)) {
        say(QStringLiteral("cannot open %1: %2")
                .arg(QDir::toNativeSeparators(options.openFile), error));
        return 1;
    }
    QFile out;
    out.open(stdout, QIODevice::WriteOnly);
    CaptureJson::Options jsonOptions;
    jsonOptions.revealSecrets = options.revealSecrets;
    bool written = true;
    DeliveryTracker deliveries;
    const bool ok = reader.forEach(
        {},
        [&](const AnalysedCapture &capture) {
            if (capture.bodyAltered)
                warnAltered(options.openFile, capture.capture.id,
                            QStringLiteral("printed as stored"));
            const DeliveryTracker::Delivery delivery = deliveries.note(capture);
            const QByteArray line =
                options.format == CommandLineOptions::Format::Jsonl
                    ? CaptureJson::toLine(capture, jsonOptions, &delivery)
                    : HeadlessRunner::textLine(capture, options.revealSecrets, &delivery).toUtf8() +
                          '\n';
            written = out.write(line) == line.size();
            return written && interruption() == 0;
        },
        &error);
    written = written && out.flush();
    if (interruption())
        return interrupted(interruption(), QStringLiteral("the printout is incomplete"));
    if (!written) {
        // e.g. a full disk behind a redirection: the printout is incomplete
        say(QStringLiteral("cannot write to standard output: %1").arg(out.errorString()));
        return 1;
    }
    if (!ok) {
        say(QStringLiteral("cannot read %1: %2")
                .arg(QDir::toNativeSeparators(options.openFile), error));
        return 1;
    }
    return 0;
}

int importHar(const CommandLineOptions &options) {
    QString error;
    const QString &session = options.sessionFile;
    HarImporter importer;
    importer.setCancelled([] { return interruption() != 0; });
    say(QStringLiteral("importing %1 into %2 (all or nothing: Ctrl+C imports nothing)")
            .arg(QDir::toNativeSeparators(options.importHar), QDir::toNativeSeparators(session)));
    const std::optional<HarReader::Summary> imported =
        importer.run(options.importHar, session, &error);
    if (!imported) {
        if (importer.failure() == HarImporter::Failure::Cancelled) {
            return interrupted(interruption(),
                               QFileInfo::exists(session)
                                   ? QStringLiteral("nothing was imported; %1 is as it was")
                                         .arg(QDir::toNativeSeparators(session))
                                   : QStringLiteral("nothing was imported"));
        }
        if (importer.failure() == HarImporter::Failure::Session) {
            say(QStringLiteral("cannot write %1: %2")
                    .arg(QDir::toNativeSeparators(session), error));
        } else {
            say(QStringLiteral("cannot import %1: %2")
                    .arg(QDir::toNativeSeparators(options.importHar), error));
        }
        return 1;
    }
    for (const QString &warning : imported->warnings)
        say(QStringLiteral("%1: %2").arg(QFileInfo(options.importHar).fileName(), warning));
    if (!importer.openedSession()) {
        say(QStringLiteral("%1 has no request entries; %2 was left as it was")
                .arg(QDir::toNativeSeparators(options.importHar),
                     QDir::toNativeSeparators(session)));
        return 0;
    }
    say(QStringLiteral("imported %1 from %2 into %3")
            .arg(CountedText::plain(imported->captures, "request"_L1, "requests"_L1),
                 QDir::toNativeSeparators(options.importHar), QDir::toNativeSeparators(session)));
    return 0;
}

int salvage(const CommandLineOptions &options) {
    const QString target = options.salvageTo;
    say(QStringLiteral("salvaging %1 into %2 (Ctrl+C stops it; %2 is then left as it was)")
            .arg(QDir::toNativeSeparators(options.openFile), QDir::toNativeSeparators(target)));
    const SessionSalvage::Report report =
        SessionSalvage::salvage(options.openFile, target, [](int) { return interruption() == 0; });
    if (report.cancelled) {
        return interrupted(interruption(), leftAsItWas(target));
    }
    if (!report.ok) {
        say(QStringLiteral("cannot salvage %1: %2")
                .arg(QDir::toNativeSeparators(options.openFile), report.error));
        return 1;
    }
    say(report.summary(options.openFile, target, QLocale::c()));
    return 0;
}

} // namespace

int runSessionConversion(const CommandLineOptions &options) {
    // SIGINT and SIGTERM stop an import, export, printout or salvage at its next step,
    // cleanly: no half-written file or temporary copy is left.
    const TerminationWatcher watcher;
    // A closed pipe (`| head`) still ends a printout quietly.
    std::signal(SIGPIPE, SIG_DFL);
    if (!options.importHar.isEmpty())
        return importHar(options);
    if (!options.openFile.isEmpty() && !QFileInfo::exists(options.openFile)) {
        say(QStringLiteral("cannot open %1: no such file")
                .arg(QDir::toNativeSeparators(options.openFile)));
        return 1;
    }
    if (looksLikeJson(options.openFile)) {
        // The window opens a HAR file; without it, a HAR goes into a session first.
        const QString file = QDir::toNativeSeparators(options.openFile);
        say(QStringLiteral("cannot open %1: it is JSON (a HAR file?), not a session; import it "
                           "first: --import-har %1 --session NEW.mwsession")
                .arg(file));
        return 1;
    }
    if (!options.salvageTo.isEmpty())
        return salvage(options);
    int status = 0;
    if (!options.exportHar.isEmpty())
        status = exportTo(options, options.exportHar, SessionExport::Format::Har);
    if (status == 0 && !options.exportJsonl.isEmpty())
        status = exportTo(options, options.exportJsonl, SessionExport::Format::Jsonl);
    if (options.exportHar.isEmpty() && options.exportJsonl.isEmpty())
        status = printSession(options);
    return status;
}
