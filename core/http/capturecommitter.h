#pragma once

#include "capture/capture.h"

#include <QList>
#include <QString>

/**
 * Makes captures durable before they are answered (group commit).
 *
 * The listener calls commit() on its own thread once per event-loop pass with
 * every capture completed in that pass, accepted and rejected alike, each with
 * the response it is about to send already filled in. Only after commit()
 * returns are the responses written to the sockets, so every request that got
 * a 2xx is on disk.
 */
class CaptureCommitter {
public:
    virtual ~CaptureCommitter() = default;

    /// Assign Capture::id to each capture (arrival order) and persist them.
    /// Return false with a one-line reason if they could not be made durable;
    /// the listener then answers 503 instead of the configured response.
    /// A capture that can never be stored whole may be refused alone: the committer
    /// sets its rejection and the response to send instead, and appends its position in
    /// captures to refused (when not null), whether or not the commit succeeds. The
    /// listener sends that response and closes the connection, as for any rejection.
    virtual bool commit(QList<Capture> &captures, QString *error, QList<qsizetype> *refused) = 0;

    /// After a failed commit(), the accepted captures of that batch with the 503 response
    /// (and rejection) the listener sends instead, so a later write can store what was sent.
    virtual void responsesReplaced(const QList<Capture> &captures) { Q_UNUSED(captures); }
};
