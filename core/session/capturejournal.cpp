#include "capturejournal.h"

#include "captureanalyser.h"
#include "http/httpresponse.h"
#include "text/countedtext.h"

#include <QDateTime>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcJournal, "mwi.session.journal")

CaptureJournal::CaptureJournal(QObject *parent)
    : QObject(parent)
    , m_writer(m_file.db())
    , m_decoderVersion(CaptureAnalyser::decoderVersion())
    , m_flushTimer(this)
    , m_retryTimer(this) {
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(); });
    m_retryTimer.setInterval(RetryIntervalMs);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { flush(); });
}

CaptureJournal::~CaptureJournal() {
    QString error;
    if (isOpen() && !close(&error))
        qCWarning(lcJournal, "%s", qPrintable(error));
}

bool CaptureJournal::open(const QString &path, SessionFile::Durability durability, QString *error) {
    close();
    if (SessionFile::needsCreating(path) && !SessionFile::create(path, error))
        return false;
    if (!m_file.open(path, durability, error))
        return false;
    m_begin = m_file.db().prepare("BEGIN IMMEDIATE", error);
    m_commit = m_file.db().prepare("COMMIT", error);
    const qint64 next = m_file.nextCaptureId(error);
    if (!m_begin.isValid() || !m_commit.isValid() || next < 0 || !m_writer.prepare(error)) {
        m_writer.finalize();
        m_begin = {};
        m_commit = {};
        m_file.close();
        return false;
    }
    m_nextId = next;
    m_firstId = 1;
    m_lastError.clear();
    return true;
}

bool CaptureJournal::close(QString *error) {
    if (!isOpen())
        return true;
    QString reason;
    bool ok = write(&reason);
    if (!ok) {
        reason = QStringLiteral("%1 and %2 could not be written: %3")
                     .arg(CountedText::plain(m_captures.size(), QLatin1StringView("capture"),
                                             QLatin1StringView("captures")),
                          CountedText::plain(m_analyses.size(), QLatin1StringView("analysis row"),
                                             QLatin1StringView("analysis rows")),
                          reason);
    }
    // "Clean" promises that everything received is in the file.
    if (ok && !m_file.markClean(true, &reason))
        ok = false;
    if (!ok && error)
        *error = reason;
    // A failed last write starts the retry timer: stop it (and the flush timer) only now,
    // so nothing fires on a closed file and the owner may delete the journal from any thread.
    m_flushTimer.stop();
    m_retryTimer.stop();
    m_writer.finalize();
    m_begin = {};
    m_commit = {};
    m_file.close();
    m_captures.clear();
    m_analyses.clear();
    m_responses.clear();
    releaseReanalyses();
    return ok;
}

bool CaptureJournal::commit(QList<Capture> &captures, QString *error, QList<qsizetype> *refused) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open to record captures in");
        return false;
    }
    for (Capture &capture : captures) {
        capture.id = m_nextId++;
        m_captures.append(capture);
    }
    m_refused.clear();
    const bool ok = write(error, m_analyses.size() >= AnalysisBatchRows);
    // Hand back what a capture refused alone was answered, before the listener answers it.
    for (qsizetype i = 0; i < captures.size(); ++i) {
        const auto amended = m_refused.constFind(captures[i].id);
        if (amended == m_refused.cend())
            continue;
        captures[i].response = amended->response;
        captures[i].rejection = amended->rejection;
        if (refused)
            refused->append(i);
    }
    m_refused.clear();
    return ok;
}

void CaptureJournal::addAnalyses(const QList<AnalysedCapture> &analysed) {
    if (!isOpen() || analysed.isEmpty())
        return;
    m_analyses.append(analysed);
    // Under load a full batch rides along with a commit within a few hundred
    // requests; the timer writes what a slow trickle leaves.
    scheduleFlush(AnalysisDelayMs);
}

void CaptureJournal::addReanalyses(const QString &path, const QList<AnalysedCapture> &analysed) {
    if (analysed.isEmpty())
        return;
    if (!isOpen() || path != this->path()) {
        Q_EMIT reanalysesDone(analysed.size());
        return;
    }
    m_analyses.append(analysed);
    m_reanalysesQueued += analysed.size();
    // The reanalysis waits for these: a full batch goes at once.
    scheduleFlush(m_analyses.size() >= AnalysisBatchRows ? 0 : AnalysisDelayMs);
}

void CaptureJournal::releaseReanalyses() {
    if (m_reanalysesQueued == 0)
        return;
    const qsizetype done = m_reanalysesQueued;
    m_reanalysesQueued = 0;
    Q_EMIT reanalysesDone(done);
}

void CaptureJournal::amendResponse(qint64 captureId, const CaptureResponse &response,
                                   const QString &rejection) {
    for (Capture &capture : m_captures) {
        if (capture.id == captureId) {
            capture.response = response;
            capture.rejection = rejection;
            return;
        }
    }
    if (captureId >= m_firstId && captureId < m_nextId) {
        m_responses.insert(captureId, {response, rejection});
        scheduleFlush(0);
    }
}

bool CaptureJournal::flush() {
    QString error;
    return write(&error);
}

void CaptureJournal::scheduleFlush(int delayMs) {
    if (m_retryTimer.isActive())
        return; // the retry writes everything
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > delayMs)
        m_flushTimer.start(delayMs);
}

void CaptureJournal::failed(const QString &reason) {
    const bool first = m_lastError.isEmpty();
    m_lastError = reason;
    if (!m_retryTimer.isActive())
        m_retryTimer.start();
    if (first)
        Q_EMIT writeFailed(reason); // the owner reports it (headless prints it once)
}

bool CaptureJournal::write(QString *error, bool withAnalyses) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return false;
    }
    if (m_captures.isEmpty() && m_responses.isEmpty() && (m_analyses.isEmpty() || !withAnalyses))
        return true;
    SqliteDatabase &db = m_file.db();
    QString reason;
    auto fail = [&] {
        db.rollbackIfNeeded();
        m_begin.reset();
        m_commit.reset();
        failed(reason);
        if (error)
            *error = reason;
        return false;
    };
    // A capture the file can never hold is refused alone and the batch written again with
    // what is left of it. refuse() takes out all it can at once and fails the second time,
    // so each pass strips one more capture for good, and the passes end.
    for (bool again = true; again;) {
        again = false;
        m_begin.reset();
        if (!m_begin.run()) {
            reason = db.describeError(QStringLiteral("Cannot write to"));
            return fail();
        }
        for (Capture &capture : m_captures) {
            if (m_writer.insertCapture(capture, &reason))
                continue;
            if (!db.lastValueWasTooBig() || !refuse(capture, reason))
                return fail();
            db.rollbackIfNeeded();
            again = true;
            break;
        }
    }
    for (auto it = m_responses.cbegin(); it != m_responses.cend(); ++it) {
        if (!m_writer.updateResponse(it.key(), it.value().response, it.value().rejection, &reason))
            return fail();
    }
    if (withAnalyses && !writeAnalyses(&reason))
        return fail();
    m_commit.reset();
    if (!m_commit.run()) {
        reason = db.describeError(QStringLiteral("Cannot write to"));
        return fail();
    }
    const bool recovered = !m_lastError.isEmpty();
    const qsizetype written = m_captures.size();
    m_captures.clear();
    m_responses.clear();
    if (withAnalyses) {
        m_analyses.clear();
        m_flushTimer.stop();
        releaseReanalyses();
    }
    if (recovered) {
        m_lastError.clear();
        m_retryTimer.stop();
        qCInfo(lcJournal, "writing to %s works again", qPrintable(m_file.path()));
        Q_EMIT writeRecovered(written);
    }
    return true;
}

bool CaptureJournal::refuse(Capture &capture, const QString &reason) {
    if (capture.body.isEmpty() && capture.rawHead.isEmpty() && capture.trailers.isEmpty() &&
        capture.response.body.isEmpty()) {
        return false;
    }
    qCWarning(lcJournal, "capture %lld: %s", qlonglong(capture.id), qPrintable(reason));
    const QString why =
        QStringLiteral("not stored in full: %1; its body (%2 bytes), raw head and response body "
                       "were left out")
            .arg(reason, QString::number(capture.body.size()));
    capture.body.clear();
    capture.rawHead.clear();
    capture.trailers.clear();
    capture.response.body.clear();
    if (capture.origin == CaptureOrigin::Listener && capture.rejection.isEmpty()) {
        // Not answered yet (commit() hands this back): say so to the sender instead of
        // acknowledging what was not kept. Sending it again would not help, so no 503.
        capture.response =
            HttpResponse::error(413,
                                "the inspector cannot store a request this "
                                "large",
                                QDateTime::currentMSecsSinceEpoch(), capture.method == "HEAD");
        capture.rejection = why;
    } else {
        capture.rejection =
            capture.rejection.isEmpty() ? why : capture.rejection + QStringLiteral("; ") + why;
    }
    m_refused.insert(capture.id, {capture.response, capture.rejection});
    return true;
}

bool CaptureJournal::writeAnalyses(QString *error) {
    // No savepoint per row: with no foreign keys or unique columns besides the key an
    // analysis row cannot be refused, so only disk trouble fails, and that fails the
    // whole transaction anyway.
    for (const AnalysedCapture &analysed : std::as_const(m_analyses)) {
        const qint64 id = analysed.capture.id;
        if (id < m_firstId || id >= m_nextId)
            continue; // cleared meanwhile, or never a capture of this session
        if (!m_writer.insertAnalysis(id, analysed.analysis, analysed.bodyDigest, m_decoderVersion,
                                     error)) {
            return false;
        }
    }
    return true;
}

std::optional<AppendResult> CaptureJournal::append(const QString &otherPath, QString *error) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return std::nullopt;
    }
    if (!write(error))
        return std::nullopt;
    std::optional<AppendResult> result = m_file.append(otherPath, error);
    if (result)
        m_nextId = qMax(m_nextId, result->lastId + 1);
    return result;
}

bool CaptureJournal::clear(QString *error) {
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("No session file is open");
        return false;
    }
    m_captures.clear();
    m_analyses.clear();
    m_responses.clear();
    releaseReanalyses();
    if (!m_file.clear(error))
        return false;
    m_firstId = m_nextId;
    if (!m_file.setMeta(QStringLiteral("next_capture_id"), QString::number(m_nextId), error))
        return false;
    if (!m_lastError.isEmpty()) {
        m_lastError.clear();
        m_retryTimer.stop();
    }
    return true;
}
