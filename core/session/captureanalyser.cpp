#include "captureanalyser.h"

#include "capture/bodydigest.h"
#include "capturereader.h"
#include "http/contentcoding.h"

namespace {

// What the request's Content-Encoding did to the body that was read.
void reportContentCoding(const DecodedContent &content, qsizetype arrived, MewsAnalysis &analysis) {
    if (!content.isCoded())
        return;
    const QString header =
        QStringLiteral("Content-Encoding: ") + QString::fromLatin1(content.codings);
    using Outcome = DecodedContent::Outcome;
    if (content.outcome == Outcome::Decoded) {
        analysis.findings.prepend(ContractFinding{
            QString(), FindingSeverity::Note,
            QStringLiteral("The body arrived with %1 (%2 bytes) and is read and checked "
                           "decompressed (%3 bytes). The Mews documentation does not mention "
                           "compressed webhooks.")
                .arg(header)
                .arg(arrived)
                .arg(content.bytes.size())});
        return;
    }
    if (content.outcome == Outcome::StoredDecoded) {
        analysis.findings.prepend(
            ContractFinding{QString(), FindingSeverity::Note,
                            QStringLiteral("The request names %1, but %2, so it is read as stored.")
                                .arg(header, content.problem)});
        return;
    }
    // A coding named but not taken off: a broken body is an error, one this inspector
    // cannot read (or will not, past its limit) only a warning.
    analysis.findings.prepend(ContractFinding{
        QString(),
        content.outcome == Outcome::Failed ? FindingSeverity::Error : FindingSeverity::Warning,
        QStringLiteral("The body arrived with ") + header +
            (content.outcome == Outcome::Unsupported ? QStringLiteral(", and ")
                                                     : QStringLiteral(", but ")) +
            content.problem +
            (content.outcome == Outcome::TooLarge ? QStringLiteral(", this inspector's limit")
                                                  : QString()) +
            QStringLiteral(", so it is read as it arrived.")});
}

} // namespace

struct CaptureAnalyser::Reanalysis {
    QString path;
    CaptureReader reader;
    QList<qint64> ids;
    qsizetype next = 0;
    qint64 done = 0;
};

CaptureAnalyser::CaptureAnalyser(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<QList<Capture>>();
    qRegisterMetaType<QList<AnalysedCapture>>();
}

CaptureAnalyser::~CaptureAnalyser() = default;

int CaptureAnalyser::decoderVersion() {
    // Bump when the decoder or contract changes what it reports, so older analyses
    // stored in session files are recomputed when those files are opened.
    // 2: entities and findings follow the body's member order (JsonTree), not name order.
    // 3: GUIDs link without regard to case, unknown discriminators link to known lists,
    //    Events that is not an array holds no events, known values in another case warn;
    //    Resource Data.Value follows its Discriminator; a reservation needs person counts;
    //    a body that is not a webhook (not JSON, or JSON of neither form) has a warning;
    //    numbers are checked and quoted as they were written (1e400 is not read as 0).
    // 4: a body nested beyond the limit is "not decoded", not "not valid JSON" (tooDeep).
    // 5: an unpaired surrogate escape is valid JSON, with a warning at its string.
    // 6: such a body is of kind too-deep, and its state is Warnings (its finding), not
    //    Invalid JSON; the Data or
    //    Value of a misspelt Action or Discriminator is checked as the value it means.
    // 7: the row stores the body's digest (analyses.body_digest), which finds a message
    //    Mews sent again; older rows have none until they are analysed again.
    // 8: the summary names an event without a Discriminator "(no discriminator)", as the
    //    event list does, instead of leaving an empty entry (", ResourceUpdated").
    // 9: the reason of an Integration webhook read leniently says "an Integration webhook".
    // 10: a body that starts with a UTF-8 byte order mark has a warning.
    // 11: a Mews webhook sent with another method than POST has a warning.
    // 12: the summary puts no "…" after an EnterpriseId of 8 characters or fewer.
    // 13: a member name that is a known one in another case or with spaces ("ApiKey ")
    //     is a warning that names the field it means, not a note.
    // 14: a body sent with Content-Encoding gzip or deflate is read decompressed, with a
    //     note (or why it could not be); a body in UTF-16 or UTF-32, or compressed without
    //     saying so, is named as such where the JSON error was only "found byte 0x1F".
    //     Member names with spaces or control characters are quoted in paths and
    //     findings: Data["Foo "], "Foo " is not known.
    // 15: an imported request whose HAR text is already decompressed (mitmproxy) is read
    //     as stored, with a note, where it was an error ("it is not valid gzip data").
    return 15;
}

AnalysedCapture CaptureAnalyser::analyse(const Capture &capture) const {
    AnalysedCapture result;
    result.capture = capture;
    const DecodedContent content = ContentCoding::decode(capture);
    result.analysis = m_decoder.decode(content.bytes, capture.headerValue("Content-Type"));
    reportContentCoding(content, capture.body.size(), result.analysis);
    WebhookDecoder::checkMethod(capture.method, result.analysis);
    result.analysis.memoiseSummary();
    result.bodyDigest = BodyDigest::of(capture.body);
    return result;
}

void CaptureAnalyser::analyseBatch(const QList<Capture> &captures) {
    QList<AnalysedCapture> batch;
    batch.reserve(captures.size());
    for (const Capture &capture : captures)
        batch.append(analyse(capture));
    Q_EMIT analysed(batch);
}

void CaptureAnalyser::reanalyse(const QString &sessionPath, const QList<qint64> &ids) {
    m_cancelReanalysis = false;
    // Results for a file no longer open would land on another session's rows.
    m_queued.removeIf([&sessionPath](const auto &run) { return run.first != sessionPath; });
    if (m_current && m_current->path != sessionPath)
        finishCurrent(QString());
    m_queued.append({sessionPath, ids});
    scheduleNext();
}

void CaptureAnalyser::sessionMoved(const QString &from, const QString &to) {
    if (m_current && m_current->path == from)
        m_current->path = to;
    for (auto &run : m_queued) {
        if (run.first == from)
            run.first = to;
    }
}

void CaptureAnalyser::pieceApplied() {
    m_inFlight = qMax(0, m_inFlight - 1);
    scheduleNext();
}

void CaptureAnalyser::scheduleNext() {
    if (m_scheduled || (!m_current && m_queued.isEmpty()))
        return;
    m_scheduled = true;
    // Queued: live batches that arrived meanwhile are analysed first.
    QMetaObject::invokeMethod(this, &CaptureAnalyser::reanalyseNext, Qt::QueuedConnection);
}

void CaptureAnalyser::reanalyseNext() {
    m_scheduled = false;
    if (!m_current) {
        if (m_queued.isEmpty())
            return;
        const auto [path, ids] = m_queued.takeFirst();
        m_current = std::make_unique<Reanalysis>();
        m_current->path = path;
        m_current->ids = ids;
        QString error;
        if (!m_current->reader.open(path, &error)) {
            finishCurrent(error);
            return;
        }
    }
    if (m_cancelReanalysis) {
        finishCurrent(QString());
        return;
    }
    if (m_inFlight >= PiecesInFlight)
        return; // pieceApplied() goes on
    Reanalysis &run = *m_current;
    const QList<qint64> ids = run.ids.mid(run.next, ReanalysisBatch);
    run.next += ids.size();
    QList<AnalysedCapture> piece;
    piece.reserve(ids.size());
    QString error;
    const bool ok = run.reader.forEach(
        ids,
        [&](const AnalysedCapture &stored) {
            piece.append(analyse(stored.capture));
            // Storing the altered body's digest would hide the damage from every later read.
            if (stored.bodyAltered)
                piece.last().bodyDigest = stored.bodyDigest;
            return true;
        },
        &error);
    if (!piece.isEmpty()) {
        run.done += piece.size();
        ++m_inFlight;
        Q_EMIT reanalysed(run.path, piece);
    }
    if (!ok || run.next >= run.ids.size())
        finishCurrent(ok ? QString() : error);
    else
        scheduleNext();
}

void CaptureAnalyser::finishCurrent(const QString &error) {
    const qint64 done = m_current ? m_current->done : 0;
    m_current.reset();
    if (m_cancelReanalysis)
        m_queued.clear();
    Q_EMIT reanalysisFinished(done, error);
    scheduleNext();
}

void CaptureAnalyser::drain() {
    Q_EMIT drained();
}
