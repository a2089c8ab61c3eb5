#pragma once

#include "mews/messagedeliveries.h"

#include <QList>

class CaptureStore;
struct Capture;

/**
 * The deliveries of the message a capture carries: the captures of the store with the
 * same body, method and path (CaptureIndex::sameBody). Holds the first MaxListed of
 * them and the shown one with its neighbours, never a list of them all: a load test
 * may send one body a million times.
 *
 * How long each answer took is not in the index. The shown capture gives its own; the
 * delivery before it is read from the store when it was answered 2xx, since only then
 * does its timing change the story (a 2xx later than 5 s is a failure for Mews).
 */
struct DeliveryHistory {
    /// Deliveries listed one by one; Mews retries a few times, a longer run is a replay.
    static constexpr qsizetype MaxListed = 12;
    /// Bodies up to this size are read for the delivery before; larger ones are not read
    /// on the caller's thread, and that delivery's timing stays unknown. The detail pane
    /// reads the shown capture itself on the GUI thread under the same limit
    /// (DetailLoader::SyncLoadLimit), and from the store's recent captures when it can.
    static constexpr qsizetype ReadLimit = qsizetype(1) << 20;

    QList<MessageDelivery> listed; ///< the first MaxListed deliveries, in order
    DeliveryInContext shown;       ///< the shown capture among them all
    qsizetype total = 0;           ///< 0 when not known (no body, or no digest yet)

    /// Not known when the capture has no body, is not in the store, or its digest is not
    /// known yet.
    static DeliveryHistory of(const CaptureStore &store, const Capture &shown);
    /// Whether the rows first..last (just appended) hold another delivery of the message
    /// of the capture with id shownId.
    static bool arrivedIn(const CaptureStore &store, qint64 shownId, qsizetype first,
                          qsizetype last);

    bool isKnown() const { return total > 0; }
    bool isRepeated() const { return total > 1; }
    bool isListed() const { return shown.ordinal <= listed.size(); }
};
