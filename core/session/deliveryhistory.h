#pragma once

#include "mews/messagedeliveries.h"

#include <QList>

class CaptureStore;
struct Capture;

/**
 * The deliveries of the message a capture carries: every capture of the store with the
 * same body, method and path (CaptureIndex::sameBody), in arrival order, as
 * MessageDelivery values for MessageDeliveries::explanation().
 *
 * How long each answer took is not in the index. The shown capture gives its own; the
 * delivery before it is read from the store when it was answered 2xx, since only then
 * does its timing change the story (a 2xx later than 5 s is a failure for Mews).
 */
struct DeliveryHistory {
    QList<MessageDelivery> deliveries;
    qsizetype current = -1; ///< the shown capture's place in deliveries; -1 when empty

    /// Bodies up to this size are read for the delivery before; larger ones are not read
    /// on the caller's thread, and that delivery's timing stays unknown.
    static constexpr qsizetype ReadLimit = qsizetype(1) << 20;

    /// Empty when the capture has no body, is not in the store, or its digest is not known.
    static DeliveryHistory of(const CaptureStore &store, const Capture &shown);

    /// Whether the rows first..last (just appended) hold another delivery of the message
    /// of the capture with id shownId.
    static bool arrivedIn(const CaptureStore &store, qint64 shownId, qsizetype first,
                          qsizetype last);

    bool isRepeated() const { return deliveries.size() > 1; }
};
