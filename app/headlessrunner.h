#pragma once

#include "commandline.h"
#include "session/analysedcapture.h"
#include "session/deliverytracker.h"

#include <QObject>

class CapturePipeline;

/**
 * `--headless`: the listener and the session file without a window. Prints one
 * line per capture on stdout (text or jsonl) and everything else on stderr, so
 * stdout stays machine-readable. Ends with finished(exitCode). When stdout's reader
 * goes away (`| head -n 1`), it stops as on SIGTERM.
 */
class HeadlessRunner : public QObject {
    Q_OBJECT

public:
    explicit HeadlessRunner(const CommandLineOptions &options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    /// Recovers a leftover live session, opens the session file and starts listening.
    void start();
    /// Graceful stop (SIGINT/SIGTERM): answers what was received, prints and stores
    /// every capture, closes the session, then finished(0).
    void stop();

    /// One human line for a capture (the text format), without the newline; control and
    /// format characters from the request are escaped (TerminalText::escaped()).
    /// With a delivery, a message sent again ends in "[delivery 2, after #17]".
    static QString textLine(const AnalysedCapture &capture, bool revealSecrets,
                            const DeliveryTracker::Delivery *delivery = nullptr);

Q_SIGNALS:
    void finished(int exitCode);

private:
    /// The curl command line printed at start, for a file payload.json.
    QString curlHint(const QString &url) const;
    void recoverLeftovers();
    void removeIfUnused();
    void onAnalysed(const QList<AnalysedCapture> &batch);
    void stdoutFailed(int error);
    void fail(const QString &message);
    void note(const QString &message);

    CommandLineOptions m_options;
    CapturePipeline *m_pipeline;
    QString m_sessionPath;
    bool m_pathChosenHere = false;
    bool m_createdHere = false; ///< the session file did not exist before this run
    bool m_failed = false;      ///< the listener or the session failed (fail())
    qint64 m_count = 0;
    int m_exitCode = 0;
    bool m_stopping = false;
    bool m_stdoutClosed = false; ///< a write to stdout failed; print no more
    DeliveryTracker m_deliveries;
};
