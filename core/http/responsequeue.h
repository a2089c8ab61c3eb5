#pragma once

#include <QByteArray>

#include <deque>
#include <optional>

/**
 * The responses an HttpConnection owes its client, in the order of the requests: HTTP/1.1
 * answers pipelined requests in that order, as nothing else tells which answer is whose
 * (RFC 9112 §9.3.2). Each request keeps a place when it is read; its response is decided
 * later, maybe after those of later requests, maybe with a delay. Only the first place
 * can go out, once its response is decided and due.
 */
class ResponseQueue {
public:
    /// A response to write now.
    struct Due {
        QByteArray wire;
        bool close = false; ///< the connection closes after it
    };

    /// Keeps the place of the response to request `sequence` (from 1); close: the
    /// connection closes after it, whatever the response says.
    void reserve(quint32 sequence, bool close);
    /// An interim response (100 Continue) to the request being read, due at once.
    void addInterim(const QByteArray &wire);
    /// The response to request `sequence`, due at dueMs (monotonic; 0: at once). Ignored
    /// when no place waits for it: already decided, or never kept.
    void decide(quint32 sequence, const QByteArray &wire, bool close, qint64 dueMs);
    /// Takes the first response if it is decided and due at nowMs. A closing one drops the
    /// places after it: nothing more is sent on the connection.
    std::optional<Due> takeDue(qint64 nowMs);
    /// When the first response is due if it is decided; 0 when it is not, or none waits.
    qint64 nextDueMs() const;

    bool isEmpty() const { return m_places.empty(); }
    qsizetype size() const { return qsizetype(m_places.size()); }
    void clear() { m_places.clear(); }

private:
    struct Place {
        quint32 sequence = 0; ///< 0 for an interim response
        QByteArray wire;
        qint64 dueMs = 0; ///< monotonic; 0 for at once, and until decided
        bool ready = false;
        bool close = false;
    };

    std::deque<Place> m_places;
};
