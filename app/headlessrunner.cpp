#include "headlessrunner.h"

#include "appinfo.h"
#include "mews/secrets.h"
#include "session/capturejson.h"
#include "session/capturepipeline.h"
#include "session/earlierdeliveries.h"
#include "session/listenerurl.h"
#include "session/livesession.h"
#include "session/sessionschema.h"
#include "text/countedtext.h"
#include "text/terminaltext.h"
#include "text/utctext.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QStandardPaths>
#include <QTimeZone>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

QString sessionsDirectory() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/sessions");
    QDir().mkpath(dir);
    return dir;
}

QString stampedPath(const QString &prefix) {
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = sessionsDirectory() + QLatin1Char('/') + prefix + stamp;
    QString candidate = path + QStringLiteral(".mwsession");
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = path + QLatin1Char('-') + QString::number(n) + QStringLiteral(".mwsession");
    return candidate;
}

QString humanSize(qint64 bytes) {
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

/// Which option gets past the listener's failure, for the end of its message.
QString optionHint(ListenerFailure::Reason reason) {
    switch (reason) {
    case ListenerFailure::Reason::PortInUse:
        return QStringLiteral(" (choose another port with --port N, or --port 0 for a free one)");
    case ListenerFailure::Reason::AddressNotHere:
        return QStringLiteral(" (choose an address of this machine with --bind ADDR, or leave "
                              "--bind out for %1)")
            .arg(ListenerConfig().bindAddress.toString());
    case ListenerFailure::Reason::PermissionDenied:
        return QStringLiteral(" (ports below 1024 need privileges: choose another with --port N)");
    case ListenerFailure::Reason::InvalidConfig:
    case ListenerFailure::Reason::StoreFailed:
    case ListenerFailure::Reason::Other:
        break;
    }
    return {};
}

} // namespace

QString HeadlessRunner::curlHint(const QString &url) const {
    // --data-binary, not -d: -d @FILE strips the file's line breaks, which changes the body
    // (and the line and column of a JSON error). The token is the one the listening line
    // shows: masked unless --reveal-secrets, so the line says what to put in its place.
    const QString &token = m_options.listener.token;
    const bool masked = !token.isEmpty() && !m_options.revealSecrets;
    QString hint = QStringLiteral("try: curl --data-binary @payload.json -H 'Content-Type: "
                                  "application/json' '") +
                   ListenerUrl::withToken(url, token, m_options.revealSecrets) + QLatin1Char('\'');
    if (masked)
        hint += QStringLiteral(" (with your token in place of %1)")
                    .arg(ListenerUrl::tokenValue(token, false));
    return hint + QStringLiteral("; stop with Ctrl+C");
}

HeadlessRunner::HeadlessRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_pipeline(new CapturePipeline(this)) {
    connect(m_pipeline, &CapturePipeline::analysed, this, &HeadlessRunner::onAnalysed);
    connect(m_pipeline, &CapturePipeline::sessionOpened, this,
            [this](const QString &path, const SessionInfo &info) {
                if (m_stopping)
                    return; // SIGINT before the file was open: neither record nor listen
                const QString file = QDir::toNativeSeparators(path);
                // The pipeline does not count them (on the listener's thread); here,
                // before listening, nothing waits for it.
                const qint64 count =
                    info.captureCount >= 0
                        ? info.captureCount
                        : SessionFile::inspect(path, nullptr).value_or(SessionInfo()).captureCount;
                note(count > 0
                         ? QStringLiteral("recording into %1 (appending to its %2)")
                               .arg(file, CountedText::plain(count, "capture"_L1, "captures"_L1))
                         : QStringLiteral("recording into %1").arg(file));
                if (count > 0) {
                    // a message sent again across runs is numbered as the window would
                    QString error;
                    if (EarlierDeliveries::feed(path, m_deliveries, &error) < 0)
                        note(QStringLiteral("cannot read the deliveries already in the file (%1); "
                                            "a message sent again counts as new")
                                 .arg(error));
                }
                m_pipeline->startListening(m_options.listener);
            });
    connect(m_pipeline, &CapturePipeline::sessionFailed, this,
            [this](const QString &path, const QString &error) {
                fail(
                    QStringLiteral("cannot record into %1: %2 (choose another file with --session)")
                        .arg(QDir::toNativeSeparators(path), error));
            });
    connect(m_pipeline, &CapturePipeline::listening, this,
            [this](const QHostAddress &address, quint16 port) {
                note(ListenerUrl::listeningLine(ListenerUrl::bound(address, port), address,
                                                m_options.listener.token, m_options.revealSecrets));
                // To send to, a wildcard address is the loopback one (as the window shows).
                note(curlHint(ListenerUrl::base(address, port)));
            });
    connect(m_pipeline, &CapturePipeline::listenerFailed, this,
            [this](const ListenerFailure &failure) {
                fail(failure.message + optionHint(failure.reason));
            });
    connect(m_pipeline, &CapturePipeline::storageFailed, this, [this](const QString &reason) {
        QString why = reason;
        if (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        note(QStringLiteral("cannot write the session file: %1; answering 503 (so that senders try "
                            "again) and keeping captures in memory until it works again")
                 .arg(why));
    });
    connect(m_pipeline, &CapturePipeline::storageRecovered, this, [this](qint64 written) {
        note(QStringLiteral("the session file works again; wrote %1")
                 .arg(CountedText::plain(written, "waiting capture"_L1, "waiting captures"_L1)));
    });
    connect(m_pipeline, &CapturePipeline::operationFailed, this,
            [this](const QString &operation, const QString &error) {
                note(operation + QStringLiteral(" failed: ") + error);
                m_exitCode = 1; // e.g. captures that could not be written at the end
            });
    connect(m_pipeline, &CapturePipeline::shutDown, this, [this] {
        removeIfUnused();
        note(QStringLiteral("stopped; %1 this run")
                 .arg(CountedText::plain(m_count, "capture"_L1, "captures"_L1)));
        Q_EMIT finished(m_exitCode);
    });
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start() {
    recoverLeftovers();
    m_sessionPath = m_options.sessionFile;
    m_createdHere = !QFileInfo::exists(m_sessionPath);
    if (m_sessionPath.isEmpty()) {
        m_sessionPath = stampedPath(QStringLiteral("headless-"));
        m_pathChosenHere = true;
    }
    m_pipeline->openSession(m_sessionPath);
}

void HeadlessRunner::stop() {
    if (m_stopping)
        return;
    m_stopping = true;
    m_pipeline->shutdown();
}

void HeadlessRunner::removeIfUnused() {
    // A session file we named ourselves that never received anything is clutter, and so
    // is one the user named that this run created and then failed (a busy port) before
    // anything arrived. A file that was there before is never removed.
    if (!m_pathChosenHere && !(m_createdHere && m_failed))
        return;
    QString error;
    const std::optional<SessionInfo> info = SessionFile::inspect(m_sessionPath, &error);
    if (!info || info->captureCount != 0 || !SessionFile::remove(m_sessionPath, &error))
        return;
    if (!m_pathChosenHere)
        note(QStringLiteral("removed %1 again: this run created it and captured nothing")
                 .arg(QDir::toNativeSeparators(m_sessionPath)));
}

void HeadlessRunner::recoverLeftovers() {
    // A window that crashed (or was killed) left its untitled session behind; keep it
    // under a name instead of asking, since nobody is there to ask.
    for (const SessionInfo &leftover : LiveSession::findRecoverable()) {
        const QString target = stampedPath(QStringLiteral("recovered-"));
        QString error;
        if (LiveSession::recoverTo(leftover.path, target, &error)) {
            note(QStringLiteral("recovered an unsaved session from a previous run (%1) into %2")
                     .arg(CountedText::plain(leftover.captureCount, "capture"_L1, "captures"_L1),
                          QDir::toNativeSeparators(target)));
        } else {
            note(QStringLiteral("could not recover the unsaved session %1: %2")
                     .arg(QDir::toNativeSeparators(leftover.path), error));
        }
    }
}

void HeadlessRunner::onAnalysed(const QList<AnalysedCapture> &batch) {
    QByteArray out;
    for (const AnalysedCapture &capture : batch) {
        const DeliveryTracker::Delivery delivery = m_deliveries.note(capture);
        if (m_options.format == CommandLineOptions::Format::Jsonl) {
            CaptureJson::Options options;
            options.revealSecrets = m_options.revealSecrets;
            CaptureJson::appendLine(out, capture, options, &delivery);
        } else {
            out += textLine(capture, m_options.revealSecrets, &delivery).toUtf8();
            out += '\n';
        }
    }
    m_count += batch.size();
    if (m_stdoutClosed)
        return;
    // One write per batch, straight to the descriptor, so a pipe reader sees each batch
    // at once.
    for (qsizetype done = 0; done < out.size();) {
        const ssize_t wrote =
            ::write(STDOUT_FILENO, out.constData() + done, size_t(out.size() - done));
        if (wrote > 0) {
            done += wrote;
        } else if (wrote < 0 && errno == EINTR) {
            continue;
        } else {
            stdoutFailed(wrote < 0 ? errno : EIO);
            return;
        }
    }
}

void HeadlessRunner::stdoutFailed(int error) {
    m_stdoutClosed = true;
    if (m_stopping)
        return;
    // Like tshark: whoever read the output is gone (`| head -n 1` has its line), so stop,
    // gracefully: what was received is answered and in the session file.
    const QString where = QDir::toNativeSeparators(m_sessionPath);
    if (error == EPIPE) {
        note(QStringLiteral("standard output was closed; stopping (the captures are in %1)")
                 .arg(where));
    } else {
        note(QStringLiteral("cannot write to standard output: %1; stopping (the captures are "
                            "in %2)")
                 .arg(QString::fromLocal8Bit(std::strerror(error)), where));
        m_exitCode = 1;
    }
    stop();
}

QString HeadlessRunner::textLine(const AnalysedCapture &analysed, bool revealSecrets,
                                 const DeliveryTracker::Delivery *delivery) {
    // Mews sends a failed message again byte for byte; say so, with where it was before.
    const QString again = delivery && delivery->number > 1
                              ? QStringLiteral(" [delivery %1, after #%2]")
                                    .arg(delivery->number)
                                    .arg(delivery->previousId)
                              : QString();
    const Capture &capture = analysed.capture;
    const QString time = UtcText::iso(capture.completeUtcMs);
    const QByteArray target = revealSecrets ? capture.target : Secrets::maskTarget(capture.target);
    // "?" for what is not known: the remote of a capture a salvage rebuilt or one imported
    // from another tool's HAR, and the status a salvage lost; "-" for no response.
    QString status = QString::number(capture.response.status);
    switch (capture.responseRecord()) {
    case ResponseRecord::Answered:
        break;
    case ResponseRecord::NotSent:
    case ResponseRecord::NotInHar:
        status = QStringLiteral("-");
        break;
    case ResponseRecord::Unknown:
        status = QStringLiteral("?");
        break;
    }
    // Joined, not .arg()'d one by one: a target such as /w%1b would take the next
    // argument's place.
    QString line =
        u'#' + QString::number(capture.id) + u' ' + time + u' ' +
        (capture.remoteAddress.isEmpty() ? QStringLiteral("?") : capture.remoteEndpoint()) + u' ' +
        QString::fromLatin1(capture.method.isEmpty() ? QByteArray("-") : capture.method) + u' ' +
        QString::fromUtf8(target.isEmpty() ? QByteArray("-") : target) + QStringLiteral(" -> ") +
        status + u' ' + humanSize(capture.body.size());
    // What the sender wrote is shown, not obeyed by the terminal (TerminalText).
    if (capture.isRejected())
        return TerminalText::escaped(
            QString(line + QStringLiteral(" REJECTED: ") + capture.rejection + again));
    line += QStringLiteral(" ") + analysed.analysis.summary();
    const MewsAnalysis &analysis = analysed.analysis;
    const int errors = analysis.count(FindingSeverity::Error);
    const int warnings = analysis.count(FindingSeverity::Warning);
    const int notes = analysis.count(FindingSeverity::Note);
    if (analysis.kind == WebhookKind::Integration || analysis.kind == WebhookKind::General) {
        QStringList parts;
        if (errors)
            parts << CountedText::plain(errors, "error"_L1, "errors"_L1);
        if (warnings)
            parts << CountedText::plain(warnings, "warning"_L1, "warnings"_L1);
        if (notes)
            parts << CountedText::plain(notes, "note"_L1, "notes"_L1);
        line +=
            QStringLiteral(" [") +
            (parts.isEmpty() ? QStringLiteral("contract ok") : parts.join(QStringLiteral(", "))) +
            QLatin1Char(']');
    }
    return TerminalText::escaped(QString(line + again));
}

void HeadlessRunner::fail(const QString &message) {
    note(QStringLiteral("error: ") + message);
    m_exitCode = 1;
    m_failed = true;
    stop();
}

void HeadlessRunner::note(const QString &message) {
    const QByteArray line = QByteArrayLiteral(MWI_EXECUTABLE ": ") + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}
